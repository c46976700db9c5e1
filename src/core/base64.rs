//! Base64 decoding (RFC 4648 section 4, the standard alphabet), for the hotspot an HLS date
//! range carries in its `X-HOTSPOT` attribute (CONTRACT.md section 4).
//!
//! Strict, as section 3 of the RFC asks of a decoder: padding to a multiple of four, no
//! characters outside the alphabet (no line breaks or spaces, no URL-safe `-` `_`), and the
//! unused bits of the last symbol zero, so each byte string has exactly one accepted text.
//! A few dozen lines of our own instead of a crate: every byte of the Wasm is downloaded by
//! every viewer.

/// Why a text is not base64. The offsets are for tests and tools; `reason` is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base64Error {
    /// The length is not a multiple of four (the text is cut, or its padding is missing).
    Length(usize),
    /// A byte outside the alphabet, at this byte offset.
    Character(usize),
    /// `=` elsewhere than in the last two places, at this byte offset.
    Padding(usize),
    /// The last symbol before the padding has bits set that encode nothing (not canonical).
    TrailingBits,
    /// The bytes are not UTF-8 text (`decode_utf8`).
    NotUtf8,
}

impl Base64Error {
    /// What is wrong, as a clause (no offsets: formatting numbers into it would cost Wasm).
    pub fn reason(self) -> &'static str {
        match self {
            Base64Error::Length(_) => "its length is not a multiple of 4 (is it cut, or its = padding missing?)",
            Base64Error::Character(_) => "it has a character outside the base64 alphabet (A-Z a-z 0-9 + /)",
            Base64Error::Padding(_) => "it has padding (=) before its end",
            Base64Error::TrailingBits => "its last symbol has unused bits set (not canonical base64)",
            Base64Error::NotUtf8 => "it decodes to bytes that are not UTF-8 text",
        }
    }
}

/// The value of one symbol of the alphabet.
fn symbol(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// The bytes `text` encodes, or why it is not canonical base64.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return Err(Base64Error::Length(bytes.len()));
    }
    // At most two `=`, at the very end.
    let padding = match bytes {
        [.., b'=', b'='] => 2,
        [.., b'='] => 1,
        _ => 0,
    };
    let body = bytes.get(..bytes.len() - padding).unwrap_or_default();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let mut bits: u32 = 0;
    let mut held = 0;
    for (at, &byte) in body.iter().enumerate() {
        let value = match symbol(byte) {
            Some(value) => value,
            None if byte == b'=' => return Err(Base64Error::Padding(at)),
            None => return Err(Base64Error::Character(at)),
        };
        bits = (bits << 6) | value;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    if bits != 0 {
        return Err(Base64Error::TrailingBits);
    }
    Ok(out)
}

/// The text that `text` encodes as UTF-8 bytes, or why it does not.
pub fn decode_utf8(text: &str) -> Result<String, Base64Error> {
    utf8(&decode(text)?).ok_or(Base64Error::NotUtf8)
}

/// `bytes` as a string when they are UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
/// past U+10FFFF). A char at a time: `str::from_utf8`'s fast paths would be the largest part
/// of this module in the Wasm, for texts of a few hundred bytes.
fn utf8(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes.iter();
    while let Some(&first) = rest.next() {
        // Continuation bytes to come, the least code point that needs them, the bits so far.
        let (more, least, mut code) = match first {
            0x00..=0x7f => (0, 0, u32::from(first)),
            0xc0..=0xdf => (1, 0x80, u32::from(first & 0x1f)),
            0xe0..=0xef => (2, 0x800, u32::from(first & 0x0f)),
            0xf0..=0xf7 => (3, 0x1_0000, u32::from(first & 0x07)),
            _ => return None,
        };
        for _ in 0..more {
            let &next = rest.next()?;
            if next & 0xc0 != 0x80 {
                return None;
            }
            code = code << 6 | u32::from(next & 0x3f);
        }
        if code < least {
            return None;
        }
        out.push(char::from_u32(code)?);
    }
    Some(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// The encoder the producer's tooling would use (RFC 4648 section 4, padded): the oracle.
    fn encode(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn the_rfc_4648_test_vectors_decode() {
        let vectors = [
            ("", ""),
            ("Zg==", "f"),
            ("Zm8=", "fo"),
            ("Zm9v", "foo"),
            ("Zm9vYg==", "foob"),
            ("Zm9vYmE=", "fooba"),
            ("Zm9vYmFy", "foobar"),
        ];
        for (text, bytes) in vectors {
            assert_eq!(decode(text), Ok(bytes.as_bytes().to_vec()), "{text}");
            assert_eq!(encode(bytes.as_bytes()), text);
        }
    }

    #[test]
    fn the_whole_alphabet_and_utf8_decode() {
        assert_eq!(decode("+/+/"), Ok(vec![0xfb, 0xff, 0xbf]));
        assert_eq!(decode("5LqU"), Ok("五".as_bytes().to_vec()));
        assert_eq!(decode("eyJwcm9kdWN0IjoidmFzZS0wMSJ9"), Ok(br#"{"product":"vase-01"}"#.to_vec()));
    }

    #[test]
    fn a_text_that_is_not_canonical_base64_is_refused_with_the_reason() {
        assert_eq!(decode("Zg"), Err(Base64Error::Length(2)), "missing padding");
        assert_eq!(decode("Zm9vY"), Err(Base64Error::Length(5)));
        assert_eq!(decode("Zm9v\nYmFy"), Err(Base64Error::Length(9)));
        assert_eq!(decode("Zm 9v"), Err(Base64Error::Length(5)));
        assert_eq!(decode("Zm-v"), Err(Base64Error::Character(2)), "URL-safe alphabet");
        assert_eq!(decode("Zm9_"), Err(Base64Error::Character(3)));
        assert_eq!(decode("Zé="), Err(Base64Error::Character(1)), "é is two bytes");
        assert_eq!(decode("Z==="), Err(Base64Error::Padding(1)));
        assert_eq!(decode("===="), Err(Base64Error::Padding(0)));
        assert_eq!(decode("Zg==Zg=="), Err(Base64Error::Padding(2)));
        assert_eq!(decode("Zh=="), Err(Base64Error::TrailingBits), "'f' is Zg==");
        assert_eq!(decode("Zm9="), Err(Base64Error::TrailingBits), "'fo' is Zm8=");
    }

    #[test]
    fn reasons_read_as_clauses() {
        assert_eq!(Base64Error::Character(2).reason(), "it has a character outside the base64 alphabet (A-Z a-z 0-9 + /)");
        assert!(Base64Error::Length(5).reason().contains("not a multiple of 4"));
    }

    #[test]
    fn utf8_text_decodes_and_other_bytes_are_refused() {
        assert_eq!(decode_utf8("5pmv5rOw6JOd"), Ok("景泰蓝".to_string()));
        assert_eq!(decode_utf8(&encode("😀 ok".as_bytes())), Ok("😀 ok".to_string()));
        for bad in [&[0xff][..], &[0xc0, 0x80], &[0xed, 0xa0, 0x80], &[0xf4, 0x90, 0x80, 0x80], &[0xe6, 0x99]] {
            assert_eq!(decode_utf8(&encode(bad)), Err(Base64Error::NotUtf8), "{bad:x?}");
        }
        assert_eq!(decode_utf8("Zg"), Err(Base64Error::Length(2)));
    }

    proptest! {
        /// The standard library's UTF-8 check is the oracle of ours.
        #[test]
        fn utf8_agrees_with_the_standard_library(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(utf8(&bytes), std::str::from_utf8(&bytes).ok().map(str::to_owned));
        }

        #[test]
        fn any_text_round_trips_through_utf8(text in "\\PC{0,40}") {
            prop_assert_eq!(decode_utf8(&encode(text.as_bytes())), Ok(text));
        }

        #[test]
        fn any_bytes_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(decode(&encode(&bytes)), Ok(bytes));
        }

        /// Canonical: whatever text is accepted is the encoding of what it decodes to.
        #[test]
        fn an_accepted_text_is_the_encoding_of_its_bytes(text in "[A-Za-z0-9+/=]{0,24}") {
            if let Ok(bytes) = decode(&text) {
                prop_assert_eq!(encode(&bytes), text);
            }
        }

        #[test]
        fn any_text_is_decoded_or_refused_without_panicking(text in "\\PC{0,40}") {
            let _ = decode(&text);
        }
    }
}
