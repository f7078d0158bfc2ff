//! This tab's `sessionStorage`: the only browser storage the console uses.
//! Off the browser (host tests) it stores nothing.

use serde::de::DeserializeOwned;
use serde::Serialize;

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

/// A value stored under `key` as JSON; unreadable data reads as nothing. The text is parsed
/// as a `Value`, then read as `T` (as the API's answers are: one copy of serde_json's text
/// parser, not one per stored type).
pub fn get_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    let value: serde_json::Value = serde_json::from_str(&get(key)?).ok()?;
    T::deserialize(value).ok()
}

pub fn set_json<T: Serialize>(key: &str, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        set(key, &text);
    }
}
