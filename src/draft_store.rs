//! Unsaved edits kept in `sessionStorage` per customer, so a reload of the same
//! customer in the same tab loses nothing.

use serde::{Deserialize, Serialize};

use crate::changes::Draft;
use crate::tab_storage;

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
    tab_storage::get_json(&key(customer_id))
}

pub fn save(customer_id: &str, draft: &StoredDraft) {
    tab_storage::set_json(&key(customer_id), draft);
}

pub fn clear(customer_id: &str) {
    tab_storage::remove(&key(customer_id));
}
