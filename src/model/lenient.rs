//! Tolerant reading of API answers.
//!
//! Fastly answers may omit a key (not visible at this access level), send `null`
//! (not set) or send a value of a surprising type (`"0"`/`"1"` for booleans, a bad
//! date). Each reader here turns one key of a JSON object into a [`Field`] without
//! ever failing the whole object.

use serde_json::{Map, Value};

pub use super::timestamp::Timestamp;

/// One attribute as the API gave it: absent, `null`, or a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Field<T> {
    /// The key is not in the answer (restricted at this access level).
    Absent,
    /// The key is present with `null` (not set).
    Null,
    Value(T),
}

impl<T> Field<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(f(v)),
        }
    }
}

fn lookup<'a>(object: &'a Map<String, Value>, key: &str) -> Field<&'a Value> {
    match object.get(key) {
        None => Field::Absent,
        Some(Value::Null) => Field::Null,
        Some(v) => Field::Value(v),
    }
}

/// A string attribute; numbers and booleans are kept as their text.
pub fn text(object: &Map<String, Value>, key: &str) -> Field<String> {
    lookup(object, key).map(value_as_text)
}

pub fn value_as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A boolean read leniently: `true`/`false`, `"0"`/`"1"`, `"true"`/`"false"`, `0`/`1`.
/// Anything else reads as `Err(raw text)` so the page can say it could not read it.
pub fn flag(object: &Map<String, Value>, key: &str) -> Field<Result<bool, String>> {
    lookup(object, key).map(parse_flag)
}

pub fn parse_flag(v: &Value) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) if n.as_i64() == Some(0) => Ok(false),
        Value::Number(n) if n.as_i64() == Some(1) => Ok(true),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            _ => Err(s.clone()),
        },
        other => Err(other.to_string()),
    }
}

/// A boolean where an unreadable value counts as not set.
pub fn flag_or_none(object: &Map<String, Value>, key: &str) -> Option<bool> {
    flag(object, key).value().and_then(|r| r.clone().ok())
}

pub fn time(object: &Map<String, Value>, key: &str) -> Field<Timestamp> {
    lookup(object, key).map(|v| Timestamp::parse(&value_as_text(v)))
}

/// A list of strings; a single string or unreadable items are tolerated.
pub fn text_list(object: &Map<String, Value>, key: &str) -> Vec<String> {
    match object.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter(|v| !v.is_null())
            .map(value_as_text)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn absent_null_and_value_are_distinct() {
        let o = obj(json!({"a": null, "b": "x"}));
        assert_eq!(text(&o, "missing"), Field::Absent);
        assert_eq!(text(&o, "a"), Field::Null);
        assert_eq!(text(&o, "b"), Field::Value("x".into()));
    }

    #[test]
    fn flags_accept_strings_and_numbers() {
        let o = obj(json!({"a": "1", "b": "0", "c": true, "d": 0, "e": "yes", "f": "TRUE"}));
        assert_eq!(flag(&o, "a"), Field::Value(Ok(true)));
        assert_eq!(flag(&o, "b"), Field::Value(Ok(false)));
        assert_eq!(flag(&o, "c"), Field::Value(Ok(true)));
        assert_eq!(flag(&o, "d"), Field::Value(Ok(false)));
        assert_eq!(flag(&o, "e"), Field::Value(Err("yes".into())));
        assert_eq!(flag(&o, "f"), Field::Value(Ok(true)));
    }

    #[test]
    fn times_parse_or_keep_raw() {
        let good = Timestamp::parse("2020-11-04T09:51:20Z");
        assert_eq!(
            good.parsed.unwrap().to_rfc3339(),
            "2020-11-04T09:51:20+00:00"
        );
        let offset = Timestamp::parse("2020-11-04T10:51:20+01:00");
        assert_eq!(offset.parsed, good.parsed);
        let naive = Timestamp::parse("2020-11-04T09:51:20");
        assert_eq!(naive.parsed, good.parsed);
        let bad = Timestamp::parse("last tuesday");
        assert_eq!(bad.parsed, None);
        assert_eq!(bad.raw, "last tuesday");
    }

    #[test]
    fn numbers_read_as_text() {
        let o = obj(json!({"n": 42}));
        assert_eq!(text(&o, "n"), Field::Value("42".into()));
    }
}
