//! This tab's `sessionStorage`: the only browser storage the console uses.
//! Off the browser (host tests) it stores nothing.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::json_text;

fn storage() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.session_storage().ok().flatten())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Every key the console writes starts with this.
pub const PREFIX: &str = "account-console.";

/// Removes every key of the console except those in `keep`.
pub fn remove_all_except(keep: &[&str]) {
    let Some(s) = storage() else { return };
    let len = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..len).filter_map(|i| s.key(i).ok().flatten()).collect();
    for key in keys
        .into_iter()
        .filter(|k| k.starts_with(PREFIX) && !keep.contains(&k.as_str()))
    {
        let _ = s.remove_item(&key);
    }
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// A value stored under `key` as JSON; unreadable data reads as nothing.
pub fn get_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    read_json(&get(key)?)
}

/// Stored text read as `T`, or nothing: not JSON, another shape, or nested deeper than any
/// reader takes ([`json_text::MAX_DEPTH`], refused before parsing). Parsed as a `Value`,
/// then read as `T` (as the API's answers are: one copy of serde_json's text parser, not
/// one per stored type).
fn read_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    T::deserialize(json_text::parse(text).ok()?).ok()
}

pub fn set_json<T: Serialize>(key: &str, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        set(key, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_stored_is_read_back() {
        assert_eq!(read_json::<Vec<u8>>("[1, 2]"), Some(vec![1, 2]));
        assert_eq!(read_json::<Vec<u8>>("[1, "), None);
        assert_eq!(read_json::<Vec<u8>>(r#"{"a": 1}"#), None);
    }

    #[test]
    fn data_nested_too_deep_reads_as_nothing() {
        let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert!(read_json::<serde_json::Value>(&nested(64)).is_some());
        for levels in [65, 10_000, 200_000] {
            assert_eq!(
                read_json::<serde_json::Value>(&nested(levels)),
                None,
                "{levels}"
            );
        }
        // Deep inside an otherwise readable value.
        let draft = format!(r#"{{"changes": {{"name": {}}}}}"#, nested(100));
        assert_eq!(read_json::<serde_json::Value>(&draft), None);
    }
}
