//! The only code that knows HTTP: base URL, `Fastly-Key`, JSON decoding and
//! form-encoded writes.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde_json::Value;

use super::error::ApiError;
use crate::model::{Contact, Customer, ModelError, User};

/// Form pairs of a write, in the order they are sent.
pub type FormPairs = Vec<(String, String)>;

#[derive(Clone, Debug)]
pub struct ApiClient {
    base: String,
    token: String,
}

impl ApiClient {
    pub fn new(base: &str, token: &str) -> Self {
        ApiClient { base: base.trim_end_matches('/').to_string(), token: token.to_string() }
    }

    pub async fn current_user(&self) -> Result<User, ApiError> {
        let v = self.get_json("/current_user").await?;
        User::from_json(&v).map_err(malformed)
    }

    pub async fn customer(&self, customer_id: &str) -> Result<Customer, ApiError> {
        let v = self.get_json(&format!("/customer/{}", path_segment(customer_id))).await?;
        Customer::from_json(v).map_err(malformed)
    }

    /// `PUT /customer/{id}` with only the given pairs, form-encoded.
    pub async fn update_customer(&self, customer_id: &str, changes: &FormPairs) -> Result<Customer, ApiError> {
        let path = format!("/customer/{}", path_segment(customer_id));
        let v = self.send_form(Request::put(&self.url(&path)), changes).await?;
        Customer::from_json(v).map_err(malformed)
    }

    pub async fn users(&self, customer_id: &str) -> Result<Vec<User>, ApiError> {
        let v = self.get_json(&format!("/customer/{}/users", path_segment(customer_id))).await?;
        User::list_from_json(&v).map_err(malformed)
    }

    pub async fn contacts(&self, customer_id: &str) -> Result<Vec<Contact>, ApiError> {
        let v = self.get_json(&format!("/customer/{}/contacts", path_segment(customer_id))).await?;
        Contact::list_from_json(&v).map_err(malformed)
    }

    pub async fn create_contact(&self, customer_id: &str, fields: &FormPairs) -> Result<Contact, ApiError> {
        let path = format!("/customer/{}/contacts", path_segment(customer_id));
        let v = self.send_form(Request::post(&self.url(&path)), fields).await?;
        Contact::from_json(&v).map_err(malformed)
    }

    pub async fn delete_contact(&self, customer_id: &str, contact_id: &str) -> Result<(), ApiError> {
        let path = format!("/customer/{}/contacts/{}", path_segment(customer_id), path_segment(contact_id));
        self.send(self.authorized(Request::delete(&self.url(&path))).build()).await.map(|_| ())
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    fn authorized(&self, request: RequestBuilder) -> RequestBuilder {
        request.header("Fastly-Key", &self.token).header("Accept", "application/json")
    }

    async fn get_json(&self, path: &str) -> Result<Value, ApiError> {
        self.send(self.authorized(Request::get(&self.url(path))).build()).await
    }

    async fn send_form(&self, request: RequestBuilder, pairs: &FormPairs) -> Result<Value, ApiError> {
        let body = encode_form(pairs);
        let request = self
            .authorized(request)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(request).await
    }

    async fn send(&self, request: Result<Request, gloo_net::Error>) -> Result<Value, ApiError> {
        let request = request.map_err(|e| ApiError::Network { message: e.to_string() })?;
        let response = request.send().await.map_err(network)?;
        read_answer(response).await
    }
}

async fn read_answer(response: Response) -> Result<Value, ApiError> {
    let status = response.status();
    let reset = response.headers().get("Fastly-RateLimit-Reset");
    let body = response.text().await.map_err(network)?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_status(status, &body, reset.as_deref()));
    }
    if body.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&body).map_err(|e| ApiError::Malformed { message: format!("Invalid JSON ({e}).") })
}

fn network(e: gloo_net::Error) -> ApiError {
    ApiError::Network { message: e.to_string() }
}

fn malformed(e: ModelError) -> ApiError {
    ApiError::Malformed { message: format!("Unexpected answer: {e}.") }
}

/// `application/x-www-form-urlencoded` body of the pairs.
pub fn encode_form(pairs: &FormPairs) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
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
    fn path_segments_are_encoded() {
        assert_eq!(path_segment("7XbRfLq2Zk9mWcT4pN1sVe"), "7XbRfLq2Zk9mWcT4pN1sVe");
        assert_eq!(path_segment("../current_user"), "..%2Fcurrent_user");
        assert_eq!(path_segment("a b?"), "a%20b%3F");
    }

    #[test]
    fn forms_are_urlencoded() {
        let pairs = vec![("name".to_string(), "A & B Ltd".to_string()), ("ip_whitelist".into(), "1.2.3.4,10.0.0.0/8".into())];
        assert_eq!(encode_form(&pairs), "name=A+%26+B+Ltd&ip_whitelist=1.2.3.4%2C10.0.0.0%2F8");
    }
}
