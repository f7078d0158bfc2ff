//! The tolerance rules for reading Fastly's answers, as serde types.
//!
//! Fastly answers may omit a key (not visible at this access level), send `null` (not
//! set), send a value of a surprising type (`"0"`/`"1"` for booleans, a number for a
//! text) or an entry of a list that is not what the list holds. None of these fails the
//! whole answer:
//! - [`Field<T>`]: one key of an object: [`Field::Absent`], [`Field::Null`],
//!   [`Field::Value`], or [`Field::Odd`] (a value of the wrong type, kept as sent). A struct
//!   field of this type takes `#[serde(default)]`, so a missing key reads as `Absent`.
//! - [`Lenient`]: how a value is read: text takes numbers and booleans as their text;
//!   booleans take `true`/`false`, `"0"`/`"1"`, `"true"`/`"false"`, `0`/`1`; times keep
//!   their raw text beside the parsed instant.
//! - [`SkipBad<T>`]: a list that keeps the entries it can read and counts the others.
//! - Unknown keys are ignored: serde's default (nothing here denies them).

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::Timestamp;

/// One attribute as the API gave it.
#[derive(Clone, Debug, PartialEq)]
pub enum Field<T> {
    /// The key is not in the answer (restricted at this access level).
    Absent,
    /// The key is present with `null` (not set).
    Null,
    Value(T),
    /// A value of the wrong type (e.g. `"yes"` for a boolean, an object for a text), as
    /// sent: a string's text, anything else's JSON text.
    Odd(String),
}

/// What `#[serde(default)]` gives a missing key.
impl<T> Default for Field<T> {
    fn default() -> Self {
        Field::Absent
    }
}

impl<T> Field<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn into_value(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// The key holds something (a value, even one of the wrong type): neither absent nor null.
    pub fn is_set(&self) -> bool {
        matches!(self, Field::Value(_) | Field::Odd(_))
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(f(v)),
            Field::Odd(raw) => Field::Odd(raw),
        }
    }
}

/// A type a [`Field`] holds, read leniently from one (non-null) JSON value.
pub trait Lenient: Sized {
    /// The value, or `None` when `value` is of a type it cannot be read from.
    fn read(value: &Value) -> Option<Self>;
}

/// Text; numbers and booleans as their text.
impl Lenient for String {
    fn read(value: &Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// `true`/`false`, `"0"`/`"1"`, `"true"`/`"false"` (any case), `0`/`1`.
impl Lenient for bool {
    fn read(value: &Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => match n.as_i64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" => Some(true),
                "0" | "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A count (`meta.record_count`).
impl Lenient for u64 {
    fn read(value: &Value) -> Option<Self> {
        value.as_u64()
    }
}

/// Any text (or number) is a time, parsed when it can be ([`Timestamp::parse`]).
impl Lenient for Timestamp {
    fn read(value: &Value) -> Option<Self> {
        String::read(value).map(|raw| Timestamp::parse(&raw))
    }
}

impl<T: Lenient> Field<T> {
    /// One key of an object (`None`: the key is not there).
    pub fn of(value: Option<&Value>) -> Self {
        match value {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(v) => match T::read(v) {
                Some(read) => Field::Value(read),
                None => Field::Odd(raw_text(v)),
            },
        }
    }
}

/// A string's text, anything else's JSON text.
fn raw_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl<'de, T: Lenient> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|v| Field::of(Some(&v)))
    }
}

/// A list read entry by entry: an entry that cannot be read (not an object, no id, …) is
/// left out and counted, not fatal. Only an answer that is not a list at all fails.
#[derive(Clone, Debug, PartialEq)]
pub struct SkipBad<T> {
    pub items: Vec<T>,
    /// How many entries were left out, so a page can say so.
    pub skipped: usize,
}

impl<T> Default for SkipBad<T> {
    fn default() -> Self {
        SkipBad {
            items: Vec::new(),
            skipped: 0,
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for SkipBad<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Each entry is taken whole, then read: a bad one cannot spoil the rest.
        let entries = Vec::<Value>::deserialize(deserializer)?;
        let mut list = SkipBad {
            items: Vec::with_capacity(entries.len()),
            skipped: 0,
        };
        for entry in entries {
            match entry {
                Value::Object(_) => match T::deserialize(entry) {
                    Ok(item) => list.items.push(item),
                    Err(_) => list.skipped += 1,
                },
                _ => list.skipped += 1,
            }
        }
        Ok(list)
    }
}

// For `#[serde(deserialize_with = "…")]` on fields whose type stays plain for the pages.

/// An id: text (or a number), not empty. Anything else fails the object it is in.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Field::<String>::deserialize(deserializer)? {
        Field::Value(id) if !id.is_empty() => Ok(id),
        _ => Err(D::Error::custom("no id")),
    }
}

/// Text; `""` for null or a value of the wrong type (with `default`, for absent too).
pub fn text_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Field::<String>::deserialize(deserializer).map(|f| f.into_value().unwrap_or_default())
}

/// Text that is not empty; `None` for anything else (with `default`, for absent too).
pub fn some_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Field::<String>::deserialize(deserializer).map(|f| f.into_value().filter(|s| !s.is_empty()))
}

/// Whether the key holds something: not `null`, not empty text (a value of another type counts).
pub fn is_set<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Field::<String>::deserialize(deserializer).map(|f| match f {
        Field::Value(text) => !text.is_empty(),
        other => other.is_set(),
    })
}

/// An object of the type, or the type's default for anything else (`null`, a string, …).
pub fn object_or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    Ok(match Value::deserialize(deserializer)? {
        object @ Value::Object(_) => T::deserialize(object).unwrap_or_default(),
        _ => T::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Sample {
        #[serde(default)]
        text: Field<String>,
        #[serde(default)]
        flag: Field<bool>,
        #[serde(default)]
        when: Field<Timestamp>,
    }

    fn sample(json: &str) -> Sample {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn absent_null_value_and_odd_are_distinct() {
        let s = sample(r#"{"text": null, "flag": true, "unknown": {"x": [1]}}"#);
        assert_eq!(s.text, Field::Null);
        assert_eq!(s.flag, Field::Value(true));
        assert_eq!(s.when, Field::Absent);
        let s = sample(r#"{"text": {"a": 1}, "flag": "maybe", "when": [1]}"#);
        assert_eq!(s.text, Field::Odd(r#"{"a":1}"#.into()));
        assert_eq!(s.flag, Field::Odd("maybe".into()));
        assert_eq!(s.when, Field::Odd("[1]".into()));
        assert!(s.flag.is_set() && !s.flag.is_absent() && s.flag.value().is_none());
        assert!(!Field::<bool>::Null.is_set());
    }

    #[test]
    fn flags_accept_strings_and_numbers() {
        let cases = [
            ("\"1\"", Field::Value(true)),
            ("\"0\"", Field::Value(false)),
            ("true", Field::Value(true)),
            ("false", Field::Value(false)),
            ("0", Field::Value(false)),
            ("1", Field::Value(true)),
            ("\"TRUE\"", Field::Value(true)),
            ("\" false \"", Field::Value(false)),
            ("\"yes\"", Field::Odd("yes".into())),
            ("2", Field::Odd("2".into())),
            ("1.5", Field::Odd("1.5".into())),
        ];
        for (json, expected) in cases {
            assert_eq!(
                sample(&format!(r#"{{"flag": {json}}}"#)).flag,
                expected,
                "{json}"
            );
        }
    }

    #[test]
    fn text_takes_numbers_and_booleans_as_their_text() {
        assert_eq!(sample(r#"{"text": 42}"#).text, Field::Value("42".into()));
        assert_eq!(
            sample(r#"{"text": false}"#).text,
            Field::Value("false".into())
        );
        assert_eq!(sample(r#"{"text": "x"}"#).text, Field::Value("x".into()));
    }

    #[test]
    fn times_parse_or_keep_raw() {
        let s = sample(r#"{"when": "last tuesday"}"#);
        let when = s.when.value().unwrap();
        assert_eq!((when.raw.as_str(), when.parsed), ("last tuesday", None));
        let s = sample(r#"{"when": "2020-11-04T09:51:20Z"}"#);
        assert!(s.when.value().unwrap().parsed.is_some());
    }

    #[test]
    fn fields_read_from_a_map_as_from_text() {
        let object: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"a": null, "b": "1", "c": []}"#).unwrap();
        assert_eq!(Field::<bool>::of(object.get("missing")), Field::Absent);
        assert_eq!(Field::<bool>::of(object.get("a")), Field::Null);
        assert_eq!(Field::<bool>::of(object.get("b")), Field::Value(true));
        assert_eq!(Field::<bool>::of(object.get("c")), Field::Odd("[]".into()));
        assert_eq!(Field::Value(1).map(|n| n + 1), Field::Value(2));
        assert_eq!(
            Field::<u8>::Odd("x".into()).map(|n| n + 1),
            Field::Odd("x".into())
        );
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Entry {
        #[serde(deserialize_with = "id")]
        id: String,
        #[serde(default, deserialize_with = "some_text")]
        name: Option<String>,
    }

    #[test]
    fn lists_keep_good_entries_and_count_bad_ones() {
        let list: SkipBad<Entry> = serde_json::from_str(
            r#"[{"id": "a", "name": "A"}, 42, {"name": "no id"}, {"id": ""}, {"id": null},
                ["b"], {"id": 7, "name": "", "extra": true}]"#,
        )
        .unwrap();
        assert_eq!(
            list.items,
            [
                Entry {
                    id: "a".into(),
                    name: Some("A".into())
                },
                Entry {
                    id: "7".into(),
                    name: None
                }
            ]
        );
        assert_eq!(list.skipped, 5);
        let empty: SkipBad<Entry> = serde_json::from_str("[]").unwrap();
        assert_eq!(empty, SkipBad::default());
        assert!(serde_json::from_str::<SkipBad<Entry>>(r#"{"data": []}"#).is_err());
        assert!(serde_json::from_str::<SkipBad<Entry>>("null").is_err());
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    struct Inner {
        #[serde(default)]
        n: Field<u64>,
    }

    #[derive(Debug, Deserialize)]
    struct Outer {
        #[serde(default, deserialize_with = "object_or_default")]
        inner: Inner,
    }

    #[test]
    fn a_part_that_is_not_an_object_reads_as_its_default() {
        let read = |json: &str| serde_json::from_str::<Outer>(json).unwrap().inner;
        assert_eq!(read(r#"{"inner": {"n": 3}}"#).n, Field::Value(3));
        assert_eq!(read(r#"{"inner": {"n": "3"}}"#).n, Field::Odd("3".into()));
        assert_eq!(read(r#"{"inner": "not an object"}"#), Inner::default());
        assert_eq!(read(r#"{"inner": null}"#), Inner::default());
        assert_eq!(read("{}"), Inner::default());
    }

    #[test]
    fn plain_fields_read_through_a_field() {
        #[derive(Deserialize)]
        struct Plain {
            #[serde(default, deserialize_with = "text_or_empty")]
            text: String,
        }
        let text = |json: &str| serde_json::from_str::<Plain>(json).unwrap().text;
        assert_eq!(text(r#"{"text": "x"}"#), "x");
        assert_eq!(text(r#"{"text": 5}"#), "5");
        assert_eq!(text(r#"{"text": null}"#), "");
        assert_eq!(text(r#"{"text": [1]}"#), "");
        assert_eq!(text("{}"), "");
    }
}
