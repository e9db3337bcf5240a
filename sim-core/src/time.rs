//! Plant time: integer milliseconds since the start of the run. No wall clock in the core.

/// Converts seconds to whole milliseconds (rounded, at least 1 for positive input,
/// saturating for huge or invalid values).
pub fn secs_to_ms(seconds: f64) -> u64 {
    if !(seconds.is_finite()) || seconds <= 0.0 {
        return if seconds == f64::INFINITY { u64::MAX } else { 1 };
    }
    let ms = seconds * 1000.0;
    if ms >= u64::MAX as f64 {
        return u64::MAX;
    }
    // Round half away from zero without a call to `round` (no SSE4.1 on the baseline
    // target): the fraction `ms - trunc(ms)` is exact for a positive double, so this equals
    // `ms.round()` on every target.
    let whole = ms as u64;
    let rounded = if ms - whole as f64 >= 0.5 { whole + 1 } else { whole };
    rounded.max(1)
}

pub const MS_PER_HOUR: u64 = 3_600_000;

pub fn ms_to_hours(ms: u64) -> f64 {
    ms as f64 / MS_PER_HOUR as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The call-free rounding equals `f64::round` (half away from zero), at the halves too.
    #[test]
    fn secs_to_ms_rounds_like_round() {
        let mut x = 1e-4_f64;
        while x < 1e9 {
            for s in [x, x * 1.000_000_1, (x * 1000.0).floor() / 1000.0 + 0.0005, 0.499_999_999_999_999_94 / 1000.0] {
                let expected = ((s * 1000.0).round() as u64).max(1);
                assert_eq!(secs_to_ms(s), expected, "{s} s");
            }
            x *= 1.37;
        }
        assert_eq!(secs_to_ms(0.0025), 3);
        assert_eq!(secs_to_ms(0.0), 1);
        assert_eq!(secs_to_ms(f64::INFINITY), u64::MAX);
        assert_eq!(secs_to_ms(1e300), u64::MAX);
    }
}
