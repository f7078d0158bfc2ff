//! The only code that knows HTTP: base URL, `Fastly-Key`, JSON decoding and
//! form-encoded writes, through gloo-net's fetch.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

use super::deadline::{self, Deadlines};
use super::error::ApiError;
use crate::domain::json_text::{self, Unreadable};
use crate::model::{Contact, Customer, EventPage, SkipBad, User};

/// Form pairs of a write, in the order they are sent.
pub type FormPairs = Vec<(String, String)>;

/// The `Accept` of every request but the Events API's.
pub const ACCEPT_JSON: &str = "application/json";
/// The `Accept` of `GET /events`: JSON:API first, as Fastly documents for that endpoint, and
/// `application/json` still named, as the UI contract says every request carries it.
/// `web/prefetch.js` sends the same.
pub const ACCEPT_EVENTS: &str = "application/vnd.api+json, application/json";

#[derive(Clone)]
pub struct ApiClient {
    base: String,
    token: String,
    deadlines: Deadlines,
    /// The signal of the session this client belongs to: when it is aborted (the session
    /// ended), every request still open is cancelled.
    ended: Option<web_sys::AbortSignal>,
}

/// Never prints the token.
impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("base", &self.base)
            .field("token", &"<redacted>")
            .field("deadlines", &self.deadlines)
            .finish()
    }
}

impl ApiClient {
    pub fn new(base: &str, token: &str) -> Self {
        ApiClient {
            base: base.trim_end_matches('/').to_string(),
            token: token.to_string(),
            deadlines: Deadlines::default(),
            ended: None,
        }
    }

    /// Requests of this client are cancelled when `signal` is aborted (their session ended).
    pub fn ended_by(mut self, signal: Option<web_sys::AbortSignal>) -> Self {
        self.ended = signal;
        self
    }

    pub fn with_deadlines(mut self, deadlines: Deadlines) -> Self {
        self.deadlines = deadlines;
        self
    }

    /// `GET /current_user`: the user, and the answer's text as received (the session keeps
    /// it in the tab, so a reload shows the page without asking again: [`read_user`]).
    pub async fn current_user(&self) -> Result<(User, String), ApiError> {
        let text = self.get("/current_user", None, ACCEPT_JSON).await?;
        read::<User>(&text).map(|user| (user, text))
    }

    pub async fn customer(&self, customer_id: &str) -> Result<Customer, ApiError> {
        let path = format!("/customer/{}", path_segment(customer_id));
        read_customer(&self.get(&path, None, ACCEPT_JSON).await?)
    }

    /// `PUT /customer/{id}` with only the given pairs, form-encoded.
    pub async fn update_customer(
        &self,
        customer_id: &str,
        changes: &FormPairs,
    ) -> Result<Customer, ApiError> {
        let path = format!("/customer/{}", path_segment(customer_id));
        read_customer(
            &self
                .send(
                    Request::put(&self.url(&path)),
                    Some(changes),
                    true,
                    ACCEPT_JSON,
                )
                .await?,
        )
    }

    /// The customer's users; entries that are not users are left out.
    pub async fn users(&self, customer_id: &str) -> Result<Vec<User>, ApiError> {
        let path = format!("/customer/{}/users", path_segment(customer_id));
        read::<SkipBad<User>>(&self.get(&path, None, ACCEPT_JSON).await?).map(|list| list.items)
    }

    /// The company contacts; entries that are not contacts are left out.
    pub async fn contacts(&self, customer_id: &str) -> Result<Vec<Contact>, ApiError> {
        let path = format!("/customer/{}/contacts", path_segment(customer_id));
        read::<SkipBad<Contact>>(&self.get(&path, None, ACCEPT_JSON).await?).map(|list| list.items)
    }

    pub async fn create_contact(
        &self,
        customer_id: &str,
        fields: &FormPairs,
    ) -> Result<Contact, ApiError> {
        let path = format!("/customer/{}/contacts", path_segment(customer_id));
        read(
            &self
                .send(
                    Request::post(&self.url(&path)),
                    Some(fields),
                    true,
                    ACCEPT_JSON,
                )
                .await?,
        )
    }

    pub async fn delete_contact(
        &self,
        customer_id: &str,
        contact_id: &str,
    ) -> Result<(), ApiError> {
        let path = format!(
            "/customer/{}/contacts/{}",
            path_segment(customer_id),
            path_segment(contact_id)
        );
        self.send(Request::delete(&self.url(&path)), None, true, ACCEPT_JSON)
            .await
            .map(|_| ())
    }

    /// `GET /events?{query}`: one page of audit events. `query` is built by
    /// `domain::activity` or taken from a page's `links.next` (its query only: the next
    /// page is asked of this client's base, never of a host an answer names).
    /// Asked with `Accept: application/vnd.api+json` first ([`ACCEPT_EVENTS`]).
    pub async fn events(&self, query: &str) -> Result<EventPage, ApiError> {
        read(&self.get("/events", Some(query), ACCEPT_EVENTS).await?)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The text of a read's answer: the one `web/prefetch.js` already asked for when there
    /// is one for this very URL (it asked with the same `accept`), else a `GET`.
    async fn get(&self, path: &str, query: Option<&str>, accept: &str) -> Result<String, ApiError> {
        let url = self.url(path);
        let asked = match query {
            Some(query) => format!("{url}?{query}"),
            None => url.clone(),
        };
        if let Some(started) = super::prefetch::take(&asked) {
            return prefetched(
                started,
                self.deadlines.for_write(false),
                self.ended.as_ref(),
            )
            .await;
        }
        // The query goes in as the request's query parameters: gloo-net ends a query that
        // is already in the URL with a stray `&`.
        let pairs: FormPairs = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
        let request = Request::get(&url).query(pairs.iter().map(|(k, v)| (k.as_str(), v)));
        self.send(request, None, false, accept).await
    }

    /// Sends one request (`form`: its pairs, form-encoded; `accept`: its `Accept`) and reads
    /// its answer's text, abandoning both after the request's deadline (reads and writes
    /// have their own).
    async fn send(
        &self,
        request: RequestBuilder,
        form: Option<&FormPairs>,
        write: bool,
        accept: &str,
    ) -> Result<String, ApiError> {
        if !is_header_value(&self.token) {
            // The browser would refuse the header, and might quote the token in its words.
            return Err(ApiError::Unauthorized {
                message: "The API token has characters no token has.".into(),
            });
        }
        let ms = self.deadlines.for_write(write);
        let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network {
            message: "This browser cannot time requests out.".into(),
        })?;
        let request = request
            .header("Fastly-Key", &self.token)
            .header("Accept", accept)
            .abort_signal(Some(&controller.signal()));
        let request = match form {
            Some(pairs) => request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(encode_form(pairs)),
            None => request.build(),
        }
        .map_err(network)?;
        within(ms, controller, self.ended.as_ref(), async move {
            answer_text(request.send().await.map_err(network)?).await
        })
        .await
    }
}

/// The answer to a read `web/prefetch.js` started (a `fetch` promise and its controller),
/// under the same deadline as any read.
async fn prefetched(
    (response, controller): (js_sys::Promise, web_sys::AbortController),
    ms: u32,
    ended: Option<&web_sys::AbortSignal>,
) -> Result<String, ApiError> {
    within(ms, controller, ended, async move {
        let answer = wasm_bindgen_futures::JsFuture::from(response)
            .await
            .map_err(js_network)?;
        let answer = answer.dyn_into::<web_sys::Response>().map_err(js_network)?;
        answer_text(Response::from(answer)).await
    })
    .await
}

/// An answer, abandoned (through `controller`) after `ms` or when `ended` (the session's
/// signal) is aborted: a failure after the deadline is a timeout, after the session's end a
/// cancellation.
async fn within(
    ms: u32,
    controller: web_sys::AbortController,
    ended: Option<&web_sys::AbortSignal>,
    answer: impl std::future::Future<Output = Result<String, ApiError>>,
) -> Result<String, ApiError> {
    let session_over = || ended.is_some_and(web_sys::AbortSignal::aborted);
    if session_over() {
        return Err(cancelled());
    }
    let signal = controller.signal();
    let _deadline = Deadline::start(ms, controller, ended);
    match answer.await {
        _ if session_over() => Err(cancelled()),
        Err(ApiError::Network { .. }) if signal.aborted() => Err(ApiError::TimedOut {
            seconds: deadline::seconds(ms),
        }),
        other => other,
    }
}

/// A request of a session that ended meanwhile (signed out, or sent to sign-in).
fn cancelled() -> ApiError {
    ApiError::Network {
        message: "The session ended before the API answered.".into(),
    }
}

/// Aborts a request when its time is up or its session ends; dropping it (the answer came)
/// cancels both.
struct Deadline {
    handle: Option<i32>,
    on_time_up: wasm_bindgen::closure::Closure<dyn FnMut()>,
    ended: Option<web_sys::AbortSignal>,
}

impl Deadline {
    fn start(
        ms: u32,
        controller: web_sys::AbortController,
        ended: Option<&web_sys::AbortSignal>,
    ) -> Self {
        let on_time_up =
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort());
        if let Some(ended) = ended {
            let _ = ended
                .add_event_listener_with_callback("abort", on_time_up.as_ref().unchecked_ref());
        }
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_time_up.as_ref().unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        Deadline {
            handle,
            on_time_up,
            ended: ended.cloned(),
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
        if let Some(ended) = &self.ended {
            let _ = ended.remove_event_listener_with_callback(
                "abort",
                self.on_time_up.as_ref().unchecked_ref(),
            );
        }
    }
}

/// The text of a success answer; any other status is the API's error.
async fn answer_text(response: Response) -> Result<String, ApiError> {
    let status = response.status();
    let reset = response.headers().get("Fastly-RateLimit-Reset");
    let body = response.text().await.map_err(network)?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_status(status, &body, reset.as_deref()));
    }
    Ok(body)
}

/// A success answer's JSON as `T`: text that is not JSON is "Invalid JSON", JSON of
/// another shape an "Unexpected answer".
fn read<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    T::deserialize(json(body)?).map_err(|e| ApiError::Malformed {
        message: format!("Unexpected answer: {e}."),
    })
}

/// A user as `GET /current_user` answered it, read again from its text (kept in the tab).
pub fn read_user(text: &str) -> Result<User, ApiError> {
    read(text)
}

/// A customer answer, with its text kept as received (the support view shows it).
fn read_customer(body: &str) -> Result<Customer, ApiError> {
    read::<Customer>(body).map(|customer| customer.received_as(body))
}

/// The JSON of an answer. Parsed once as a `Value`, then read as its type: each model type
/// is read over `Value` only (as the entries of a list are), not once more over the text.
/// An answer nested deeper than [`json_text::MAX_DEPTH`] is refused before it is parsed.
fn json(body: &str) -> Result<serde_json::Value, ApiError> {
    if body.trim().is_empty() {
        return Err(ApiError::Malformed {
            message: "Unexpected answer: it is empty.".into(),
        });
    }
    json_text::parse(body).map_err(|e| ApiError::Malformed {
        message: match e {
            Unreadable::TooDeep => format!(
                "Unexpected answer: it nests more than {} levels deep.",
                json_text::MAX_DEPTH
            ),
            Unreadable::Invalid(e) => format!("Invalid JSON ({e})."),
        },
    })
}

/// What the browser said when a request could not be made or read ("TypeError: Failed to fetch").
fn network(e: gloo_net::Error) -> ApiError {
    ApiError::Network {
        message: e.to_string(),
    }
}

fn js_network(e: wasm_bindgen::JsValue) -> ApiError {
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", String::from(e.name()), String::from(e.message())))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "The request failed.".into());
    ApiError::Network { message }
}

/// Whether a browser takes `value` as a header value: Latin-1, without NUL, CR or LF.
fn is_header_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| u32::from(c) <= 0xFF && !matches!(c, '\0' | '\r' | '\n'))
}

/// `application/x-www-form-urlencoded` body of the pairs.
pub fn encode_form(pairs: &FormPairs) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Percent-encodes one path segment (ids come from URLs people type).
pub fn path_segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_token() {
        let client = ApiClient::new("/api/", "secret-token-value");
        let shown = format!("{client:?}");
        assert!(!shown.contains("secret-token-value"), "{shown}");
        assert!(shown.contains("/api"), "{shown}");
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(
            path_segment("7XbRfLq2Zk9mWcT4pN1sVe"),
            "7XbRfLq2Zk9mWcT4pN1sVe"
        );
        assert_eq!(path_segment("../current_user"), "..%2Fcurrent_user");
        assert_eq!(path_segment("a b?"), "a%20b%3F");
    }

    #[test]
    fn answers_are_read_as_their_type_or_said_unreadable() {
        let user: User = read(r#"{"id": "u1", "role": "engineer", "new_key": 1}"#).unwrap();
        assert_eq!(user.id, "u1");
        let users: SkipBad<User> = read(r#"[{"id": "a"}, {"nope": 1}]"#).unwrap();
        assert_eq!((users.items.len(), users.skipped), (1, 1));
        let message = |e: ApiError| e.message().to_string();
        let truncated = message(read::<EventPage>(r#"{"data": [{"id": "x", "attrib"#).unwrap_err());
        assert!(truncated.starts_with("Invalid JSON ("), "{truncated}");
        let html = message(read::<Customer>("<html>Bad gateway</html>").unwrap_err());
        assert!(html.starts_with("Invalid JSON ("), "{html}");
        let shape = message(read::<User>(r#"{"name": "no id"}"#).unwrap_err());
        assert!(shape.starts_with("Unexpected answer: "), "{shape}");
        let list = message(read::<SkipBad<User>>(r#"{"data": []}"#).unwrap_err());
        assert!(list.starts_with("Unexpected answer: "), "{list}");
        let customer = message(read::<Customer>("[1, 2]").unwrap_err());
        assert!(
            customer.contains("expected a customer object"),
            "{customer}"
        );
        assert_eq!(
            read::<Contact>("  ").unwrap_err(),
            ApiError::Malformed {
                message: "Unexpected answer: it is empty.".into()
            }
        );
        assert!(!read::<User>("{}").unwrap_err().api_said_no());
    }

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    /// An answer with `value` as the metadata of its one event.
    fn events_with_metadata(value: &str) -> String {
        format!(
            r#"{{"data": [{{"id": "e1", "attributes": {{"metadata": {value}}}}}], "links": {{}}}}"#
        )
    }

    #[test]
    fn answers_nested_64_levels_deep_are_read() {
        // The document's own levels (answer, data, event, attributes) count: 60 more in the
        // metadata make 64.
        let page: EventPage = read(&events_with_metadata(&nested(60))).unwrap();
        assert_eq!(page.events.len(), 1);
        assert!(read::<serde_json::Value>(&nested(64)).is_ok());
    }

    #[test]
    fn answers_nested_deeper_are_unexpected_whatever_their_type() {
        let too_deep = ApiError::Malformed {
            message: "Unexpected answer: it nests more than 64 levels deep.".into(),
        };
        assert_eq!(
            read::<EventPage>(&events_with_metadata(&nested(61))).unwrap_err(),
            too_deep
        );
        for levels in [65, 129, 10_000, 1_000_000] {
            let text = nested(levels);
            assert_eq!(read::<EventPage>(&text).unwrap_err(), too_deep, "{levels}");
            assert_eq!(read::<Customer>(&text).unwrap_err(), too_deep);
            assert_eq!(read::<User>(&text).unwrap_err(), too_deep);
            assert_eq!(read::<SkipBad<Contact>>(&text).unwrap_err(), too_deep);
            let metadata = events_with_metadata(&nested(levels));
            assert_eq!(read::<EventPage>(&metadata).unwrap_err(), too_deep);
        }
        // A customer with one attribute nested too deep (not one the console reads).
        let customer = format!(r#"{{"id": "C", "name": "Acme", "extra": {}}}"#, nested(70));
        assert_eq!(read::<Customer>(&customer).unwrap_err(), too_deep);
        // Said as an answer the console cannot read, and a write's outcome stays unknown.
        assert_eq!(
            too_deep.headline(),
            "The API sent an answer this console cannot read."
        );
        assert!(!too_deep.api_said_no());
    }

    #[test]
    fn a_customer_keeps_the_text_it_was_read_from() {
        let text = r#"{"id":"C","name":"first","name":"second","big":12345678901234567890123,"__proto__":{"x":1}}"#;
        let customer = read_customer(text).unwrap();
        assert_eq!(customer.raw_text, text);
        assert_eq!(customer.name(), "second");
        assert!(read_customer(r#"{"name": "no id"}"#).is_err());
    }

    #[test]
    fn tokens_a_browser_cannot_send_are_refused_before_asking() {
        assert!(is_header_value("a-Real_token.123"));
        assert!(is_header_value("caf\u{e9}"));
        assert!(!is_header_value("token\n"));
        assert!(!is_header_value("tok\0en"));
        assert!(!is_header_value("t\u{20ac}ken"));
    }

    #[test]
    fn forms_are_urlencoded() {
        let pairs = vec![
            ("name".to_string(), "A & B Ltd".to_string()),
            ("ip_whitelist".into(), "1.2.3.4,10.0.0.0/8".into()),
        ];
        assert_eq!(
            encode_form(&pairs),
            "name=A+%26+B+Ltd&ip_whitelist=1.2.3.4%2C10.0.0.0%2F8"
        );
    }
}
