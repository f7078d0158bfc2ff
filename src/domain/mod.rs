//! Pure domain logic: no DOM, no HTTP, tested with `cargo test` on the host.

pub mod activity;
pub mod attributes;
pub mod changes;
pub mod contact_roles;
pub mod json_text;
pub mod links;
pub mod navigation;
pub mod permissions;
pub mod timefmt;
pub mod user_search;
pub mod validate;
pub mod words;
