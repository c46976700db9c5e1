//! A loose JSON-like tree: what a timeline document is before validation.
//!
//! It is filled by `core::json` from JSON text (a fetched document, a file, or the JSON the
//! browser writes for an object the host assigns to `element.timeline`); in tests also by
//! `serde_json`, the reader's oracle. It holds anything JSON (and a JS object) can, so the validator can report every
//! problem with its path instead of failing at the first wrong type. Numbers are `f64` and may be
//! NaN or infinite (a JS object can hold them). It must stay small: it ships in the Wasm, so no
//! serde_json here. (The way back, model to JSON text, is `core::shape`.)

use std::borrow::Cow;

/// Strings and keys borrow from the text they were read from wherever they hold no escape (that
/// is, nearly always): reading a large timeline then allocates per object, not per string.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// Any number, including NaN and the infinities (JS objects can hold them).
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    /// Members in document order; a key may repeat (the last one wins, as in `JSON.parse`).
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The member `key` of an object (the last one if it repeats); `None` for non-objects.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Like `get`, but an explicit `null` counts as absent (the contract's rule for optional fields).
    pub fn field(&self, key: &str) -> Option<&Value<'a>> {
        match self.get(key) {
            None | Some(Value::Null) => None,
            found => found,
        }
    }

    /// What the value is, for messages: "a string", "an array", ...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// "`expected`, got " and what this is: a validation message (one place builds them all).
    #[inline(never)]
    pub fn got(&self, expected: &str) -> String {
        [expected, ", got ", self.kind()].concat()
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// JSON text as serde_json reads it: the oracle of the unit tests (the player and the
    /// checker read with `core::json`).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub fn from_json(text: &str) -> Result<Value<'static>, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

// ---- deserializing (native: serde_json builds values in tests, as the oracle of core::json;
// the player and the checker read JSON with core::json) ----

#[cfg(not(target_arch = "wasm32"))]
mod deserialize {
    use super::Value;
    use crate::core::json::MAX_NESTING;
    use std::borrow::Cow;
    use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::fmt;


    #[derive(Clone, Copy)]
    pub(super) struct ValueVisitor {
        pub(super) depth: u32,
    }

    impl ValueVisitor {
        fn nested<E: de::Error>(self) -> Result<ValueVisitor, E> {
            if self.depth >= MAX_NESTING {
                return Err(E::custom(format_args!(
                    "nested more than {MAX_NESTING} levels deep"
                )));
            }
            Ok(ValueVisitor {
                depth: self.depth + 1,
            })
        }
    }

    impl<'de> Deserialize<'de> for Value<'static> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value<'static>, D::Error> {
            deserializer.deserialize_any(ValueVisitor { depth: 0 })
        }
    }

    impl<'de> DeserializeSeed<'de> for ValueVisitor {
        type Value = Value<'static>;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'static>, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = Value<'static>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_bool<E>(self, v: bool) -> Result<Value<'static>, E> {
            Ok(Value::Bool(v))
        }

        fn visit_i64<E>(self, v: i64) -> Result<Value<'static>, E> {
            Ok(Value::Number(v as f64))
        }

        fn visit_u64<E>(self, v: u64) -> Result<Value<'static>, E> {
            Ok(Value::Number(v as f64))
        }

        fn visit_i128<E>(self, v: i128) -> Result<Value<'static>, E> {
            Ok(Value::Number(v as f64))
        }

        fn visit_u128<E>(self, v: u128) -> Result<Value<'static>, E> {
            Ok(Value::Number(v as f64))
        }

        fn visit_f64<E>(self, v: f64) -> Result<Value<'static>, E> {
            Ok(Value::Number(v))
        }

        fn visit_str<E>(self, v: &str) -> Result<Value<'static>, E> {
            Ok(Value::String(Cow::Owned(v.to_owned())))
        }

        fn visit_string<E>(self, v: String) -> Result<Value<'static>, E> {
            Ok(Value::String(Cow::Owned(v)))
        }

        /// A typed array (e.g. `Uint8Array`) arrives as bytes: keep it as an array of numbers.
        fn visit_bytes<E>(self, v: &[u8]) -> Result<Value<'static>, E> {
            Ok(Value::Array(
                v.iter().map(|b| Value::Number(f64::from(*b))).collect(),
            ))
        }

        fn visit_unit<E>(self) -> Result<Value<'static>, E> {
            Ok(Value::Null)
        }

        fn visit_none<E>(self) -> Result<Value<'static>, E> {
            Ok(Value::Null)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'static>, D::Error> {
            deserializer.deserialize_any(self)
        }

        fn visit_newtype_struct<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Value<'static>, D::Error> {
            deserializer.deserialize_any(self)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'static>, A::Error> {
            let inner = self.nested()?;
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(item) = seq.next_element_seed(inner)? {
                items.push(item);
            }
            Ok(Value::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'static>, A::Error> {
            let inner = self.nested()?;
            let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value_seed(inner)?;
                members.push((Cow::Owned(key), value));
            }
            Ok(Value::Object(members))
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::deserialize::ValueVisitor;
    use super::*;
    use serde::de::{Deserialize, Visitor};

    fn json(text: &str) -> Value<'static> {
        match Value::from_json(text) {
            Ok(v) => v,
            Err(e) => panic!("bad test JSON: {e}"),
        }
    }

    #[test]
    fn every_json_shape_is_read() {
        let v = json(
            r#"{"a": null, "b": true, "c": -3, "d": 18446744073709551615, "e": 1.5,
                         "f": "s", "g": [1, [2]], "h": {"i": {}}}"#,
        );
        assert_eq!(v.get("a"), Some(&Value::Null));
        assert_eq!(v.get("b"), Some(&Value::Bool(true)));
        assert_eq!(v.get("c"), Some(&Value::Number(-3.0)));
        assert_eq!(v.get("d"), Some(&Value::Number(18446744073709551615.0)));
        assert_eq!(v.get("e"), Some(&Value::Number(1.5)));
        assert_eq!(v.get("f"), Some(&Value::String("s".into())));
        assert_eq!(
            v.get("g"),
            Some(&Value::Array(vec![
                Value::Number(1.0),
                Value::Array(vec![Value::Number(2.0)])
            ]))
        );
        assert_eq!(
            v.get("h").and_then(|h| h.get("i")),
            Some(&Value::Object(vec![]))
        );
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value_like_json_parse() {
        let v = json(r#"{"k": 1, "k": 2}"#);
        assert_eq!(v.get("k"), Some(&Value::Number(2.0)));
    }

    #[test]
    fn null_counts_as_absent_for_fields() {
        let v = json(r#"{"k": null}"#);
        assert_eq!(v.get("k"), Some(&Value::Null));
        assert_eq!(v.field("k"), None);
        assert_eq!(v.field("missing"), None);
    }

    #[test]
    fn get_on_a_non_object_is_none() {
        assert_eq!(Value::Array(vec![]).get("k"), None);
        assert_eq!(Value::Null.get("k"), None);
    }

    #[test]
    fn nesting_is_limited_so_the_stack_cannot_overflow() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        // serde_json has its own limit of 127 levels, and so has this visitor.
        assert!(Value::from_json(&deep).is_err());
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(Value::from_json(&ok).is_ok());
    }

    #[test]
    fn unit_and_none_become_null() {
        use serde::de::value::{Error, UnitDeserializer};
        let v = Value::deserialize(UnitDeserializer::<Error>::new());
        assert_eq!(v, Ok(Value::Null));
        let v: Result<Value, Error> = ValueVisitor { depth: 0 }.visit_none();
        assert_eq!(v, Ok(Value::Null));
    }

    #[test]
    fn bytes_become_an_array_of_numbers() {
        let v: Result<Value, serde::de::value::Error> =
            ValueVisitor { depth: 0 }.visit_bytes(&[1, 255]);
        assert_eq!(
            v,
            Ok(Value::Array(vec![Value::Number(1.0), Value::Number(255.0)]))
        );
    }

    #[test]
    fn kinds_read_as_english() {
        assert_eq!(Value::Number(f64::NAN).kind(), "a number");
        assert_eq!(Value::Object(vec![]).kind(), "an object");
        assert_eq!(Value::Null.kind(), "null");
    }
}
