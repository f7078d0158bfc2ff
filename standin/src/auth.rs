//! Who is calling: the `Fastly-Key` header resolved to a [`Principal`].

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::errors::ApiError;
use crate::store::Principal;
use crate::{lock, AppState};

/// The `Fastly-Key` header, trimmed; `None` when missing, not text or blank.
pub fn key(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("fastly-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The principal of the request's token, if it is valid (the store is locked briefly).
pub fn principal(st: &AppState, headers: &HeaderMap) -> Option<Principal> {
    let k = key(headers)?;
    lock(&st.store).principal(k)
}

/// The authenticated caller of an API endpoint: a handler taking `Caller(p): Caller` only
/// runs for a valid token; any other request is answered with the 401 of
/// [`ApiError::Unauthorized`] before the handler (and its 403/404/415 checks) runs.
///
/// The principal is looked up with the store locked briefly; the handler locks it again
/// for its own work. A user that is gone by then must be answered with 401/404, never a
/// panic: look users up with `.get()`.
#[derive(Clone, Debug)]
pub struct Caller(pub Principal);

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        st: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        principal(st, &parts.headers)
            .map(Caller)
            .ok_or(ApiError::Unauthorized)
    }
}
