//! The signed-in session: token in `sessionStorage` only, the signed-in user,
//! sign-out, and the return path after signing in.

use leptos::prelude::*;

use crate::api::{configured_base, ApiClient, ApiError};
use crate::model::User;
use crate::tab_storage;

const TOKEN_KEY: &str = "account-console.token";

#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    /// The signed-in user, once `GET /current_user` answered.
    pub user: RwSignal<Option<User>>,
    /// Why the user was sent back to sign-in (e.g. the token expired).
    pub notice: RwSignal<Option<String>>,
    base: StoredValue<String>,
}

impl Session {
    /// Reads the API base from the page and the token from `sessionStorage`.
    pub fn start() -> Self {
        Session {
            token: RwSignal::new(tab_storage::get(TOKEN_KEY).filter(|t| !t.is_empty())),
            user: RwSignal::new(None),
            notice: RwSignal::new(None),
            base: StoredValue::new(configured_base()),
        }
    }

    pub fn has_token(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// A client for the current token (`None` when signed out). Does not track.
    pub fn api(&self) -> Option<ApiClient> {
        self.token.with_untracked(|t| t.as_deref().map(|t| ApiClient::new(&self.base.get_value(), t)))
    }

    /// A client for a token that is not stored yet (sign-in).
    pub fn api_with(&self, token: &str) -> ApiClient {
        ApiClient::new(&self.base.get_value(), token)
    }

    pub fn sign_in(&self, token: String, user: User) {
        tab_storage::set(TOKEN_KEY, &token);
        self.notice.set(None);
        self.user.set(Some(user));
        self.token.set(Some(token));
    }

    pub fn sign_out(&self) {
        tab_storage::remove(TOKEN_KEY);
        self.token.set(None);
        self.user.set(None);
    }

    /// Ends the session after a 401 and says why on the sign-in page.
    pub fn expire(&self, error: &ApiError) {
        self.sign_out();
        self.notice.set(Some(format!("Your session ended ({}). Sign in again to continue.", error.message().trim_end_matches('.'))));
    }

    /// Passes a result through, ending the session when it is a 401.
    pub fn check<T>(&self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(e) = &result {
            if e.is_unauthorized() {
                self.expire(e);
            }
        }
        result
    }

    /// Runs one API call with the session's token; no token reads as a 401.
    pub async fn call<T, F, Fut>(self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(ApiClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let Some(api) = self.api() else {
            return Err(ApiError::Unauthorized { message: "Not signed in.".into() });
        };
        self.check(f(api).await)
    }
}


/// The path to return to after signing in: only a local path of this app,
/// never another origin (`//evil.example`) nor the sign-in page itself.
pub fn safe_return_path(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.starts_with("/sign-in") => p.to_string(),
        _ => "/".to_string(),
    }
}

/// The sign-in URL that comes back to `path` afterwards.
pub fn sign_in_url(path: &str) -> String {
    if path == "/" || path.starts_with("/sign-in") {
        "/sign-in".to_string()
    } else {
        format!("/sign-in?next={}", crate::api::client::path_segment(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_in_the_app() {
        assert_eq!(safe_return_path(Some("/customers/abc/contacts")), "/customers/abc/contacts");
        assert_eq!(safe_return_path(Some("//evil.example/x")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_return_path(Some("/sign-in?next=/x")), "/");
        assert_eq!(safe_return_path(None), "/");
    }

    #[test]
    fn sign_in_url_carries_the_path() {
        assert_eq!(sign_in_url("/customers/a b"), "/sign-in?next=%2Fcustomers%2Fa%20b");
        assert_eq!(sign_in_url("/"), "/sign-in");
    }
}
