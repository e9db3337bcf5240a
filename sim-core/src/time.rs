//! Plant time: integer milliseconds since the start of the run. No wall clock in the core.

/// Converts seconds to whole milliseconds (rounded, at least 1 for positive input,
/// saturating for huge or invalid values).
pub fn secs_to_ms(seconds: f64) -> u64 {
    if !(seconds.is_finite()) || seconds <= 0.0 {
        return if seconds == f64::INFINITY { u64::MAX } else { 1 };
    }
    // Rounding is exact (no error to accumulate), so std's `round` gives the same result on
    // every target as libm's.
    let ms = (seconds * 1000.0).round();
    if ms >= u64::MAX as f64 { u64::MAX } else { (ms as u64).max(1) }
}

pub const MS_PER_HOUR: u64 = 3_600_000;

pub fn ms_to_hours(ms: u64) -> f64 {
    ms as f64 / MS_PER_HOUR as f64
}
