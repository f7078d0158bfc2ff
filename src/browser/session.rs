//! The signed-in session: token in `sessionStorage` only, the signed-in user,
//! sign-out, and the return path after signing in.

use leptos::prelude::*;

use crate::api::{configured_base, ApiClient, ApiError, Deadlines};
use crate::browser::tab_storage;
use crate::domain::permissions::may_read_audit_log;
use crate::model::User;

const TOKEN_KEY: &str = "account-console.token";
/// Whose drafts and recent customers this tab holds (a user id).
const OWNER_KEY: &str = "account-console.owner";
/// Whether the signed-in user may read the audit log, for `web/prefetch.js` and the first
/// moments of a reload (before `GET /current_user` answers): "1" or "0".
const AUDIT_LOG_KEY: &str = "account-console.audit-log";
/// The signed-in user as `GET /current_user` answered it at sign-in (its text): a reload or a
/// deep link opened in this tab shows the page without asking again. Not a secret (the
/// token is); it lives and goes with the token. A token that no longer works still gets its
/// 401 from the page's first read, which ends the session.
const USER_KEY: &str = "account-console.user";

/// Must what the tab holds be forgotten before `user_id` signs in? Yes unless
/// it is the same person coming back (after a 401), whose edits are kept.
pub fn must_forget(stored_owner: Option<&str>, user_id: &str) -> bool {
    stored_owner != Some(user_id)
}

#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    /// The signed-in user, once `GET /current_user` answered.
    pub user: RwSignal<Option<User>>,
    /// Why the user was sent back to sign-in (e.g. the token expired).
    pub notice: RwSignal<Option<String>>,
    /// Bumped whenever a user's data is forgotten; what is held in memory reloads.
    pub forgotten: RwSignal<u32>,
    base: StoredValue<String>,
    deadlines: Deadlines,
    /// Aborted when this session ends: every request still open under its token is cancelled
    /// (a late answer of an ended session never reaches a newer one).
    ended: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// Which session this is: counted up whenever one starts or ends.
    generation: StoredValue<u32>,
}

impl Session {
    /// Reads the API base from the page and the token from `sessionStorage`.
    pub fn start() -> Self {
        let token = tab_storage::get(TOKEN_KEY).filter(|t| !t.is_empty());
        // The user this tab signed in, when the token is still here and the note reads.
        let user = token
            .as_ref()
            .and_then(|_| tab_storage::get(USER_KEY))
            .and_then(|text| crate::api::read_user(&text).ok());
        Session {
            token: RwSignal::new(token),
            user: RwSignal::new(user),
            notice: RwSignal::new(None),
            forgotten: RwSignal::new(0),
            base: StoredValue::new(configured_base()),
            deadlines: Deadlines::configured(),
            ended: StoredValue::new_local(new_controller()),
            generation: StoredValue::new(0),
        }
    }

    pub fn has_token(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// A client for the current token (`None` when signed out), whose requests end with
    /// this session. Does not track.
    pub fn api(&self) -> Option<ApiClient> {
        let signal = self.ended.with_value(|c| c.as_ref().map(|c| c.signal()));
        self.token.with_untracked(|t| {
            t.as_deref()
                .map(|t| self.api_with(t).ended_by(signal.clone()))
        })
    }

    /// A client for a token that is not stored yet (sign-in).
    pub fn api_with(&self, token: &str) -> ApiClient {
        ApiClient::new(&self.base.get_value(), token).with_deadlines(self.deadlines)
    }

    /// Signs `user` in. Another person's drafts and recent customers left in
    /// this tab (after a 401) are forgotten first; the same person's are kept.
    pub fn sign_in(&self, token: String, user: User, text: &str) {
        crate::api::prefetch::forget();
        if must_forget(tab_storage::get(OWNER_KEY).as_deref(), &user.id) {
            self.forget_everything();
        }
        tab_storage::set(OWNER_KEY, &user.id);
        tab_storage::set(TOKEN_KEY, &token);
        self.notice.set(None);
        self.next_generation();
        self.ended.set_value(new_controller());
        self.set_user(user, text);
        self.token.set(Some(token));
    }

    /// The signed-in user, as `GET /current_user` answered (`text`, kept for a reload).
    pub fn set_user(&self, user: User, text: &str) {
        let may = if may_read_audit_log(&user) { "1" } else { "0" };
        tab_storage::set(AUDIT_LOG_KEY, may);
        tab_storage::set(USER_KEY, text);
        self.user.set(Some(user));
    }

    /// May the signed-in user read the audit log (tracked)? Known from the user, or — while
    /// `GET /current_user` is still on its way after a reload — from what this tab noted when
    /// they signed in; `None`: not known yet (then nothing is asked of `/events`).
    pub fn audit_log_allowed(&self) -> Option<bool> {
        match self.user.with(|u| u.as_ref().map(may_read_audit_log)) {
            Some(known) => Some(known),
            None if self.has_token() => tab_storage::get(AUDIT_LOG_KEY).map(|v| v == "1"),
            None => None,
        }
    }

    /// Sign out: the token and everything of this user leave the tab.
    pub fn sign_out(&self) {
        self.forget_everything();
        self.end();
    }

    fn forget_everything(&self) {
        tab_storage::remove_all_except(&[]);
        self.forgotten.update(|n| *n += 1);
    }

    fn end(&self) {
        // Whatever this session still has open is cancelled: its answers belong to nobody.
        self.next_generation();
        if let Some(controller) = self.ended.try_update_value(Option::take).flatten() {
            controller.abort();
        }
        crate::api::prefetch::forget();
        tab_storage::remove(TOKEN_KEY);
        tab_storage::remove(USER_KEY);
        self.token.set(None);
        self.user.set(None);
    }

    /// Ends the session after a 401 and says why on the sign-in page. The
    /// user's unsaved edits stay in the tab for when they sign in again; they
    /// are forgotten if someone else signs in.
    pub fn expire(&self, error: &ApiError) {
        self.end();
        self.notice.set(Some(format!(
            "Your session ended ({}). Sign in again to continue.",
            error.message().trim_end_matches('.')
        )));
    }

    fn next_generation(&self) {
        self.generation.update_value(|n| *n = n.wrapping_add(1));
    }

    /// Passes the result of a request made in session `generation` through, ending the
    /// session when it is a 401 — only if that session is still the current one: a late 401
    /// of an earlier session (signed out, or sent to sign-in and back, even with the same
    /// token) never ends a newer one.
    fn check<T>(&self, generation: u32, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(e) = &result {
            if e.is_unauthorized() && self.generation.get_value() == generation {
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
            return Err(ApiError::Unauthorized {
                message: "Not signed in.".into(),
            });
        };
        let generation = self.generation.get_value();
        let result = f(api).await;
        self.check(generation, result)
    }
}

/// The controller whose abort ends a session's requests (none off the browser).
fn new_controller() -> Option<web_sys::AbortController> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::AbortController::new().ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The path to return to after signing in: a path (and query) of this app on
/// its own origin, never another origin nor the sign-in page itself; anything
/// else is `/`. Decided for the origin the app is served from ([`return_path_on`]).
pub fn safe_return_path(next: Option<&str>) -> String {
    return_path_on(&app_origin(), next)
}

/// The origin the app is served from (`http://127.0.0.1:8787`). Off the browser (host
/// tests call [`return_path_on`] with their own) a placeholder.
fn app_origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
            return origin;
        }
    }
    "http://localhost".into()
}

/// [`safe_return_path`] for an app served from `origin`. Checked twice, as what it is and
/// as what it becomes:
/// - as given, it must be a path reference: once the browser's URL parser dropped tabs
///   and newlines and trimmed controls and spaces, it starts with `/`, and (before any
///   `#`) holds no backslash, which that parser reads as a slash, and no control;
/// - then it is normalised the way a browser does (by the browser's own `URL`; on the host
///   by the `url` crate, which implements the same WHATWG URL parsing): parsed against `origin`, dot segments
///   (`.`, `..`, `%2e`) resolved, characters percent-encoded. That result is what the app
///   navigates to, so that is what must stay on `origin` and not start with `//` or `/\`
///   (`/.//evil.example` becomes `//evil.example`, another host) nor be the sign-in page
///   ([`normalised_path`]).
pub fn return_path_on(origin: &str, next: Option<&str>) -> String {
    next.filter(|raw| is_path_reference(raw))
        .and_then(|raw| normalised_path(origin, raw))
        .unwrap_or_else(|| "/".into())
}

/// Whether `raw` reads as a path of this origin before normalisation (see [`return_path_on`]).
fn is_path_reference(raw: &str) -> bool {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let path = cleaned.split('#').next().unwrap_or("");
    path.starts_with('/') && !path.contains('\\') && !path.chars().any(char::is_control)
}

/// `raw` parsed as a URL against `origin`, as a browser would: its normalised path and
/// query when it stays on `origin`, is not read as a host (`//…`, `/\…`) and is not the
/// sign-in page; else `None`.
fn normalised_path(origin: &str, raw: &str) -> Option<String> {
    let (same_origin, path, query) = resolve(origin, raw)?;
    let leaves = path.starts_with("//") || path.starts_with("/\\") || !path.starts_with('/');
    let sign_in = path == "/sign-in" || path.starts_with("/sign-in/");
    if !same_origin || leaves || sign_in {
        return None;
    }
    Some(if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    })
}

/// `raw` resolved against `origin` by WHATWG URL parsing: whether it stays on `origin`, its
/// path and its query (without `?`). In the browser that is the browser's own `URL`; on the
/// host (tests) the `url` crate, which implements the same standard.
fn resolve(origin: &str, raw: &str) -> Option<(bool, String, String)> {
    #[cfg(target_arch = "wasm32")]
    {
        let base = web_sys::Url::new(origin).ok()?;
        let url = web_sys::Url::new_with_base(raw, origin).ok()?;
        let query = url.search().trim_start_matches('?').to_string();
        Some((url.origin() == base.origin(), url.pathname(), query))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let base = url::Url::parse(origin).ok()?;
        let url = base.join(raw).ok()?;
        let query = url.query().unwrap_or_default().to_string();
        Some((url.origin() == base.origin(), url.path().to_string(), query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_in_the_app() {
        assert_eq!(
            safe_return_path(Some("/customers/abc/contacts")),
            "/customers/abc/contacts"
        );
        assert_eq!(
            safe_return_path(Some("/customers/abc?tab=1#x")),
            "/customers/abc?tab=1"
        );
        assert_eq!(safe_return_path(Some("/sign-in?next=/x")), "/");
        assert_eq!(safe_return_path(Some("/sign-in")), "/");
        assert_eq!(safe_return_path(None), "/");
        assert_eq!(safe_return_path(Some("")), "/");
    }

    /// Every way a browser turns a "path" into another origin or a script.
    #[test]
    fn return_paths_that_leave_the_origin_go_home() {
        let attacks = [
            "//evil.example/x",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            " //evil.example",
            "\u{0}//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\\/evil.example",
            "https://evil.example",
            "HTTPS://evil.example/customers/x",
            "http:evil.example",
            "javascript:alert(1)",
            " javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "evil.example",
            "%2F%2Fevil.example",
            "/%09/evil.example/x\\y",
        ];
        for attack in attacks {
            assert_eq!(
                safe_return_path(Some(attack)),
                "/",
                "{attack:?} was let through"
            );
        }
    }

    /// The `next` query value arrives decoded once: what `?next=%2F%09%2Fevil.example`
    /// and double-encoded variants become.
    #[test]
    fn decoded_query_values() {
        assert_eq!(safe_return_path(Some("/\t/evil.example")), "/");
        // Double-encoded: stays a harmless path of this app.
        assert_eq!(
            safe_return_path(Some("/%2F%2Fevil.example")),
            "/%2F%2Fevil.example"
        );
        assert_eq!(
            safe_return_path(Some("/%09/evil.example")),
            "/%09/evil.example"
        );
    }

    /// Paths that only become another host once normalised: the check is of the result.
    #[test]
    fn return_paths_are_checked_after_normalising() {
        let attacks = [
            "/.//evil.example",
            "/%2e//evil.example",
            "/%2E//evil.example",
            "/a/..//evil.example",
            "/a/%2e%2e//evil.example",
            "/a/%2E%2e//evil.example",
            "/..//evil.example",
            "/%2e%2e//evil.example",
            "/././/evil.example/x",
            "/a/b/../..//evil.example?x=1",
            "/customers/../..//evil.example",
            "/.//evil.example#frag",
            // Tabs and newlines are dropped by the parser, wherever they are.
            "/.\t//evil.example",
            "/\t.//evil.example",
            "/.\n/\n/evil.example",
            "/%2\te//evil.example",
            "/a/.\r\n.//evil.example",
            " /.//evil.example ",
            // The sign-in page, however it is spelt.
            "/./sign-in",
            "/x/../sign-in?next=/y",
            "/%2e/sign-in/",
            "/sign-in/",
            "/s\tign-in",
        ];
        for attack in attacks {
            assert_eq!(
                safe_return_path(Some(attack)),
                "/",
                "{attack:?} was let through"
            );
            assert_eq!(
                return_path_on("https://console.example.com:8443", Some(attack)),
                "/",
                "{attack:?} was let through"
            );
        }
    }

    /// The check after normalising stands on its own: a backslash the first check would
    /// have refused is a slash once parsed, and the result still goes home.
    #[test]
    fn backslashes_after_normalising() {
        let origin = "http://localhost";
        for attack in [
            "/.\\/evil.example",
            "/.\\\\evil.example",
            "/a/..\\\\evil.example",
            "/%2e\\\\evil.example",
            "/\\evil.example",
            "/\\\t\\evil.example",
        ] {
            assert_eq!(normalised_path(origin, attack), None, "{attack:?}");
            assert_eq!(safe_return_path(Some(attack)), "/", "{attack:?}");
        }
        // A backslash that stays inside a path is a slash to the parser: not a host.
        assert_eq!(
            normalised_path(origin, "/customers\\abc").as_deref(),
            Some("/customers/abc")
        );
        // Encoded, it is not a separator at all, and stays encoded.
        assert_eq!(
            safe_return_path(Some("/%5C/evil.example")),
            "/%5C/evil.example"
        );
        assert_eq!(
            safe_return_path(Some("/.%5C%5Cevil.example")),
            "/.%5C%5Cevil.example"
        );
    }

    /// What comes out is the normalised path, as the browser will read it.
    #[test]
    fn return_paths_come_out_normalised() {
        for (next, path) in [
            (
                "/customers/./abc/../abc/contacts",
                "/customers/abc/contacts",
            ),
            ("/customers/abc/%2e%2e/def", "/customers/def"),
            ("/customers/abc/.", "/customers/abc/"),
            ("/customers/abc?x=1&y=%2F", "/customers/abc?x=1&y=%2F"),
            ("/customers/\tabc\n", "/customers/abc"),
            ("/customers/a b", "/customers/a%20b"),
            ("/customers/\u{e9}", "/customers/%C3%A9"),
            // An empty query is no query (the browser's `URL.search` is "" for it).
            ("/customers/abc?", "/customers/abc"),
            ("/..", "/"),
            ("/sign-in-help", "/sign-in-help"),
        ] {
            assert_eq!(safe_return_path(Some(next)), path, "{next:?}");
            assert_eq!(
                return_path_on("https://console.example.com:8443", Some(next)),
                path
            );
        }
    }

    #[test]
    fn an_origin_that_cannot_be_parsed_sends_home() {
        assert_eq!(return_path_on("null", Some("/customers/abc")), "/");
        assert_eq!(return_path_on("", Some("/customers/abc")), "/");
    }

    #[test]
    fn only_the_same_person_keeps_the_tab_data() {
        assert!(!must_forget(Some("u1"), "u1"));
        assert!(must_forget(Some("u1"), "u2"));
        assert!(
            must_forget(None, "u1"),
            "data of nobody known is not handed to anyone"
        );
    }
}
