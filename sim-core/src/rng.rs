//! Seeded random streams, one per source of randomness.
//!
//! Each stream is a `ChaCha8Rng` (a named algorithm, stable across releases and platforms)
//! seeded from the run seed and the stream's name through BLAKE3, so adding a station or an
//! event generator never shifts the draws of the others.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A named random stream; serialisable (also to RON, which has no u128) so snapshots and
/// save files continue identically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stream(ChaCha8Rng);

/// The serialised form of a [`Stream`]: key, stream number and position in the key stream.
#[derive(Serialize, Deserialize)]
struct StreamState {
    seed: [u8; 32],
    stream: u64,
    word_pos_hi: u64,
    word_pos_lo: u64,
}

impl Serialize for Stream {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pos = self.0.get_word_pos();
        StreamState {
            seed: self.0.get_seed(),
            stream: self.0.get_stream(),
            word_pos_hi: (pos >> 64) as u64,
            word_pos_lo: pos as u64,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Stream {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let state = StreamState::deserialize(deserializer)?;
        let mut rng = ChaCha8Rng::from_seed(state.seed);
        rng.set_stream(state.stream);
        rng.set_word_pos(((state.word_pos_hi as u128) << 64) | state.word_pos_lo as u128);
        Ok(Stream(rng))
    }
}

/// The stream called `name` for the run seeded with `seed`.
pub fn stream(seed: u64, name: &str) -> Stream {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"intellibat-twin/rng/v1");
    hasher.update(&seed.to_le_bytes());
    hasher.update(name.as_bytes());
    Stream(ChaCha8Rng::from_seed(*hasher.finalize().as_bytes()))
}

/// A uniform draw in [0, 1).
pub fn uniform(rng: &mut Stream) -> f64 {
    rng.0.random::<f64>()
}

/// An exponentially distributed draw with the given mean (inverse-transform sampling,
/// `-mean * ln(1 - u)`, through `libm` so native and wasm agree bit for bit).
pub fn exponential(rng: &mut Stream, mean: f64) -> f64 {
    let u = uniform(rng);
    -mean * libm::log(1.0 - u)
}

/// A draw from the normal distribution (Box-Muller through `libm`).
pub fn normal(rng: &mut Stream, mean: f64, std_dev: f64) -> f64 {
    let u1 = 1.0 - uniform(rng); // (0, 1]
    let u2 = uniform(rng);
    mean + std_dev * libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(core::f64::consts::TAU * u2)
}

/// A Poisson count with the given mean: by counting exponential gaps below 30, by the
/// rounded normal approximation above; capped at 1e6 so any mean stays bounded.
pub fn poisson(rng: &mut Stream, mean: f64) -> u32 {
    if mean.is_nan() || mean <= 0.0 {
        return 0;
    }
    if mean > 30.0 {
        return normal(rng, mean, libm::sqrt(mean)).round().clamp(0.0, 1e6) as u32;
    }
    let mut count = 0;
    let mut t = exponential(rng, 1.0);
    while t < mean {
        count += 1;
        t += exponential(rng, 1.0);
    }
    count
}

/// True with probability `p`.
pub fn chance(rng: &mut Stream, p: f64) -> bool {
    p > 0.0 && uniform(rng) < p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_independent_of_each_other_and_reproducible() {
        let a1: Vec<f64> = (0..5)
            .map({
                let mut r = stream(7, "a");
                move |_| uniform(&mut r)
            })
            .collect();
        let a2: Vec<f64> = (0..5)
            .map({
                let mut r = stream(7, "a");
                move |_| uniform(&mut r)
            })
            .collect();
        let b: Vec<f64> = (0..5)
            .map({
                let mut r = stream(7, "b");
                move |_| uniform(&mut r)
            })
            .collect();
        assert_eq!(a1, a2);
        assert_ne!(a1, b);
    }

    #[test]
    fn a_stream_survives_serialisation_mid_sequence() {
        let mut r = stream(3, "s");
        for _ in 0..17 {
            uniform(&mut r);
        }
        let text = crate::input::to_ron(&r).unwrap();
        let mut back: Stream = crate::input::parse_ron("s.ron", &text).unwrap();
        assert_eq!(back, r);
        assert_eq!(uniform(&mut back), uniform(&mut r));
    }

    #[test]
    fn exponential_has_the_requested_mean() {
        let mut r = stream(1, "exp");
        let n = 200_000;
        let mean = (0..n).map(|_| exponential(&mut r, 3.0)).sum::<f64>() / n as f64;
        assert!((mean - 3.0).abs() < 0.03, "mean {mean}");
    }
}
