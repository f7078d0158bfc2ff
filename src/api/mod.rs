//! The API client: the only module that knows HTTP.

pub mod client;
pub mod deadline;
pub mod error;
pub mod prefetch;

pub use client::{read_user, ApiClient, FormPairs};
pub use deadline::Deadlines;
pub use error::ApiError;

/// The API base URL from `<meta name="api-base">`, default `/api`.
#[cfg(target_arch = "wasm32")]
pub fn configured_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=\"api-base\"]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "/api".to_string())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn configured_base() -> String {
    "/api".to_string()
}
