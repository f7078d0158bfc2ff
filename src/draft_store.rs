//! Unsaved edits kept in `sessionStorage` per customer, so a reload of the same
//! customer in the same tab loses nothing.

use serde::{Deserialize, Serialize};

use crate::changes::Draft;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredDraft {
    /// `updated_at` of the copy the edits were made on.
    pub base_updated_at: Option<String>,
    /// Only the edited attributes.
    pub values: Draft,
}

fn key(customer_id: &str) -> String {
    format!("account-console.draft.{customer_id}")
}

pub fn load(customer_id: &str) -> Option<StoredDraft> {
    let text = storage()?.get_item(&key(customer_id)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn save(customer_id: &str, draft: &StoredDraft) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = s.set_item(&key(customer_id), &text);
    }
}

pub fn clear(customer_id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(customer_id));
    }
}

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
