//! A look at an `ssh-rsa` key's wire form before `age` parses it.
//!
//! `age` 0.12's reader of the key's integers (`read_ssh::mpint`) strips
//! leading zero bytes with an unchecked index, so an integer written as
//! nothing but zero bytes (a non-canonical zero, which RFC 4251 forbids)
//! makes it panic instead of refusing the key. Such a key is refused here
//! first; every other shape is left to `age`, which refuses it properly.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;

/// Whether the base64 key data of an `ssh-rsa` line holds an integer that
/// is one or more zero bytes and nothing else. Data that is not base64, or
/// not the `ssh-rsa` wire shape, is not judged here (`false`).
pub fn has_zero_bytes_integer(data: &str) -> bool {
    // As age reads it: the longest run of base64 characters (no padding),
    // decoded without padding; what follows the run is ignored.
    let run = data
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/'))
        .map_or(data, |end| &data[..end]);
    let Ok(blob) = STANDARD_NO_PAD.decode(run) else {
        return false;
    };
    let mut rest = blob.as_slice();
    // The key type, then the exponent and the modulus.
    if string(&mut rest) != Some(b"ssh-rsa".as_slice()) {
        return false;
    }
    for _ in 0..2 {
        match string(&mut rest) {
            Some(integer) if !integer.is_empty() && integer.iter().all(|b| *b == 0) => {
                return true;
            }
            Some(_) => {}
            None => return false,
        }
    }
    false
}

/// One SSH wire string (a big-endian u32 length, then that many bytes),
/// taken off the front of `rest`.
fn string<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
    let (len, after) = rest.split_first_chunk::<4>()?;
    let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
    let value = after.get(..len)?;
    *rest = &after[len..];
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    fn wire(parts: &[&[u8]]) -> String {
        let mut blob = Vec::new();
        for part in parts {
            blob.extend_from_slice(&u32::try_from(part.len()).unwrap().to_be_bytes());
            blob.extend_from_slice(part);
        }
        STANDARD.encode(blob)
    }

    #[test]
    fn an_integer_of_zero_bytes_is_found_in_either_place() {
        let n = [0x00, 0xC5, 0x01];
        assert!(has_zero_bytes_integer(&wire(&[b"ssh-rsa", &[0], &n])));
        assert!(has_zero_bytes_integer(&wire(&[
            b"ssh-rsa",
            &[1, 0, 1],
            &[0, 0]
        ])));
        // An empty integer is a canonical zero: age reads it without harm.
        assert!(!has_zero_bytes_integer(&wire(&[b"ssh-rsa", &[], &n])));
        assert!(!has_zero_bytes_integer(&wire(&[
            b"ssh-rsa",
            &[1, 0, 1],
            &n
        ])));
        // Not this shape at all: left to age.
        assert!(!has_zero_bytes_integer(&wire(&[b"ssh-ed25519", &[0]])));
        assert!(!has_zero_bytes_integer("not base64!"));
        assert!(!has_zero_bytes_integer(
            &STANDARD.encode([0, 0, 0, 9, b's'])
        ));
    }
}
