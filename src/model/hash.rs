//! FNV-1a, 64 bits: a hash that is the same on every platform and in every
//! build (std's hasher is promised neither), for the keys that are stored
//! or travel in files: a template's fingerprint (`fingerprint.rs`) and the
//! signature corrections are remembered by (`crate::xlsx::fixes`).

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// A running hash: fed piece by piece, read at any time.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(OFFSET)
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    pub fn value(self) -> u64 {
        self.0
    }

    /// The hash of one text.
    pub fn of(text: &str) -> u64 {
        let mut h = Fnv::new();
        h.feed(text.as_bytes());
        h.value()
    }
}

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The reference values of FNV-1a 64.
        assert_eq!(Fnv::of(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(Fnv::of("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
