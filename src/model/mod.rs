//! Tolerant models of Fastly's answers, read with serde (the rules: `field`).

use std::collections::BTreeMap;

pub mod contact;
pub mod customer;
pub mod event;
pub mod field;
pub mod timestamp;
pub mod user;

pub use contact::Contact;
pub use customer::{AttrValue, Customer};
pub use event::{Event, EventPage};
pub use field::{Field, SkipBad};
pub use timestamp::Timestamp;
pub use user::{Role, User};

/// Why an answer could not be read as the customer expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    NotAnObject(&'static str),
    MissingId(&'static str),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::NotAnObject(what) => write!(f, "expected a {what} object"),
            ModelError::MissingId(what) => write!(f, "the {what} has no id"),
        }
    }
}

/// A map from pairs, inserted one by one: `collect()` into a `BTreeMap` sorts a
/// vector first, and each pair type then brings its own stable sort (~4 KB of
/// WebAssembly each).
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}
