//! The only code that knows HTTP: base URL, `Fastly-Key`, JSON decoding and
//! form-encoded writes.

use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::deadline::{self, Deadlines};
use super::error::ApiError;
use crate::model::{Contact, Customer, EventPage, SkipBad, User};

/// Form pairs of a write, in the order they are sent.
pub type FormPairs = Vec<(String, String)>;

#[derive(Clone)]
pub struct ApiClient {
    base: String,
    token: String,
    deadlines: Deadlines,
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
        }
    }

    pub fn with_deadlines(mut self, deadlines: Deadlines) -> Self {
        self.deadlines = deadlines;
        self
    }

    pub async fn current_user(&self) -> Result<User, ApiError> {
        read(&self.get("/current_user").await?)
    }

    pub async fn customer(&self, customer_id: &str) -> Result<Customer, ApiError> {
        read(
            &self
                .get(&format!("/customer/{}", path_segment(customer_id)))
                .await?,
        )
    }

    /// `PUT /customer/{id}` with only the given pairs, form-encoded.
    pub async fn update_customer(
        &self,
        customer_id: &str,
        changes: &FormPairs,
    ) -> Result<Customer, ApiError> {
        let path = format!("/customer/{}", path_segment(customer_id));
        read(
            &self
                .send("PUT", &self.url(&path), Some(encode_form(changes)))
                .await?,
        )
    }

    /// The customer's users; entries that are not users are left out.
    pub async fn users(&self, customer_id: &str) -> Result<Vec<User>, ApiError> {
        let path = format!("/customer/{}/users", path_segment(customer_id));
        read::<SkipBad<User>>(&self.get(&path).await?).map(|list| list.items)
    }

    /// The company contacts; entries that are not contacts are left out.
    pub async fn contacts(&self, customer_id: &str) -> Result<Vec<Contact>, ApiError> {
        let path = format!("/customer/{}/contacts", path_segment(customer_id));
        read::<SkipBad<Contact>>(&self.get(&path).await?).map(|list| list.items)
    }

    pub async fn create_contact(
        &self,
        customer_id: &str,
        fields: &FormPairs,
    ) -> Result<Contact, ApiError> {
        let path = format!("/customer/{}/contacts", path_segment(customer_id));
        read(
            &self
                .send("POST", &self.url(&path), Some(encode_form(fields)))
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
        self.send("DELETE", &self.url(&path), None)
            .await
            .map(|_| ())
    }

    /// `GET /events?{query}`: one page of audit events. `query` is built by
    /// `domain::activity` or taken from a page's `links.next` (its query only: the next
    /// page is asked of this client's base, never of a host an answer names).
    pub async fn events(&self, query: &str) -> Result<EventPage, ApiError> {
        read(&self.get(&format!("/events?{query}")).await?)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    async fn get(&self, path: &str) -> Result<String, ApiError> {
        let url = self.url(path);
        if let Some(started) = super::prefetch::take(&url) {
            return self
                .prefetched(started, self.deadlines.for_write(false))
                .await;
        }
        self.send("GET", &url, None).await
    }

    /// Sends one request (a write when not a `GET`; `form`: its form-encoded body) and
    /// reads its answer, abandoning both after the request's deadline.
    async fn send(
        &self,
        method: &str,
        url: &str,
        form: Option<String>,
    ) -> Result<String, ApiError> {
        let ms = self.deadlines.for_write(method != "GET");
        let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network {
            message: "This browser cannot time requests out.".into(),
        })?;
        let signal = controller.signal();
        let headers = web_sys::Headers::new().map_err(network)?;
        headers.set("Fastly-Key", &self.token).map_err(network)?;
        headers.set("Accept", "application/json").map_err(network)?;
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        if let Some(body) = &form {
            headers
                .set("Content-Type", "application/x-www-form-urlencoded")
                .map_err(network)?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        init.set_signal(Some(&signal));
        let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(network)?;
        let window = web_sys::window().ok_or_else(|| ApiError::Network {
            message: "No browser window.".into(),
        })?;
        answer_within(window.fetch_with_request(&request), controller, ms).await
    }

    /// The answer to a read `web/prefetch.js` started, under the same deadline as any read.
    async fn prefetched(
        &self,
        (response, controller): (js_sys::Promise, web_sys::AbortController),
        ms: u32,
    ) -> Result<String, ApiError> {
        answer_within(response, controller, ms).await
    }
}

/// Reads the answer a `fetch` promises, giving up (through `controller`) after `ms`.
async fn answer_within(
    response: js_sys::Promise,
    controller: web_sys::AbortController,
    ms: u32,
) -> Result<String, ApiError> {
    let signal = controller.signal();
    let _deadline = Deadline::start(ms, controller);
    let result = async {
        let answer = JsFuture::from(response).await.map_err(network)?;
        read_answer(answer.dyn_into().map_err(network)?).await
    }
    .await;
    match result {
        Err(ApiError::Network { .. }) if signal.aborted() => Err(ApiError::TimedOut {
            seconds: deadline::seconds(ms),
        }),
        other => other,
    }
}

/// Aborts a request when its time is up; dropping it (the answer came) cancels that.
struct Deadline {
    handle: Option<i32>,
    _on_time_up: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(ms: u32, controller: web_sys::AbortController) -> Self {
        use wasm_bindgen::JsCast;
        let on_time_up =
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort());
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_time_up.as_ref().unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        Deadline {
            handle,
            _on_time_up: on_time_up,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

/// The text of a success answer; any other status is the API's error.
async fn read_answer(response: web_sys::Response) -> Result<String, ApiError> {
    let status = response.status();
    let reset = response
        .headers()
        .get("Fastly-RateLimit-Reset")
        .ok()
        .flatten();
    let text = response.text().map_err(network)?;
    let body = JsFuture::from(text)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    if !(200..300).contains(&status) {
        return Err(ApiError::from_status(status, &body, reset.as_deref()));
    }
    Ok(body)
}

/// A success answer's JSON as `T`: text that is not JSON is "Invalid JSON", JSON of
/// another shape an "Unexpected answer".
fn read<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    if body.trim().is_empty() {
        return Err(ApiError::Malformed {
            message: "Unexpected answer: it is empty.".into(),
        });
    }
    serde_json::from_str(body).map_err(|e| ApiError::Malformed {
        message: if e.is_data() {
            format!("Unexpected answer: {e}.")
        } else {
            format!("Invalid JSON ({e}).")
        },
    })
}

/// What the browser said when a request could not be made or read ("TypeError: Failed to fetch").
fn network(e: JsValue) -> ApiError {
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", String::from(e.name()), String::from(e.message())))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "The request failed.".into());
    ApiError::Network { message }
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
