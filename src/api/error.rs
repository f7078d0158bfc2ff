//! One error type for everything that can go wrong talking to the API, the decoding of
//! Fastly's three error-body shapes, and what an error answer tells about a write.

use serde_json::Value;

use crate::domain::json_text;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 401: the token is missing, wrong or was revoked.
    Unauthorized { message: String },
    /// 403: this token's user may not do this.
    Forbidden { message: String },
    /// 404: no such record, or not visible to this token.
    NotFound { message: String },
    /// 429: over the rate limit; `reset_at` is the UTC epoch second it resets.
    RateLimited {
        message: String,
        reset_at: Option<i64>,
    },
    /// 400/409/415/422: the API refused the values sent.
    Validation { status: u16, message: String },
    /// Any other non-success status.
    Server { status: u16, message: String },
    /// A non-success status whose body is not JSON (a gateway's or proxy's HTML page, plain
    /// text, nothing): not the API's words, so only the status is kept, and it is said in
    /// ours ([`status_words`]). The body is never shown.
    StatusOnly { status: u16, message: String },
    /// The request did not complete (offline, connection dropped, aborted).
    Network { message: String },
    /// A success status with a body that is not what the API documents.
    Malformed { message: String },
    /// No answer within the request's deadline; the request was abandoned.
    TimedOut { seconds: u32 },
}

impl ApiError {
    /// Builds the error for a non-success answer from its status, body and
    /// `Fastly-RateLimit-Reset` header. A JSON body is the API's: its message (any of the
    /// three shapes, else its text) is kept. Any other body is nobody's words to show:
    /// [`ApiError::StatusOnly`].
    pub fn from_status(status: u16, body: &str, rate_limit_reset: Option<&str>) -> ApiError {
        let Ok(value) = json_text::parse(body) else {
            return ApiError::StatusOnly {
                status,
                message: status_words(status),
            };
        };
        let message = decode_error_value(&value).unwrap_or_else(|| fallback_message(body));
        match status {
            401 => ApiError::Unauthorized { message },
            403 => ApiError::Forbidden { message },
            404 => ApiError::NotFound { message },
            429 => ApiError::RateLimited {
                message,
                reset_at: rate_limit_reset.and_then(|v| v.trim().parse::<i64>().ok()),
            },
            400 | 409 | 413 | 415 | 422 => ApiError::Validation { status, message },
            _ => ApiError::Server { status, message },
        }
    }

    /// The API's own words (or ours, for network and decoding failures and for answers
    /// without JSON).
    pub fn message(&self) -> &str {
        match self {
            ApiError::Unauthorized { message }
            | ApiError::Forbidden { message }
            | ApiError::NotFound { message }
            | ApiError::RateLimited { message, .. }
            | ApiError::Validation { message, .. }
            | ApiError::Server { message, .. }
            | ApiError::StatusOnly { message, .. }
            | ApiError::Network { message }
            | ApiError::Malformed { message } => message,
            ApiError::TimedOut { .. } => "",
        }
    }

    /// A one-line headline for people, to put before [`ApiError::message`].
    pub fn headline(&self) -> String {
        match self {
            ApiError::Unauthorized { .. } => "Your API token was not accepted.".into(),
            ApiError::Forbidden { .. } => "Your role does not allow this.".into(),
            ApiError::NotFound { .. } => "Not found, or not visible to this token.".into(),
            ApiError::RateLimited {
                reset_at: Some(t), ..
            } => {
                format!(
                    "Too many changes: the API's rate limit resets at {}.",
                    format_epoch(*t)
                )
            }
            ApiError::RateLimited { reset_at: None, .. } => {
                "Too many changes: the API's rate limit was reached.".into()
            }
            ApiError::Validation { .. } => "The API refused these values.".into(),
            ApiError::Server { status, .. } => format!("The API failed (HTTP {status})."),
            ApiError::StatusOnly { message, .. } => message.clone(),
            ApiError::Network { .. } => "Could not reach the API.".into(),
            ApiError::Malformed { .. } => "The API sent an answer this console cannot read.".into(),
            ApiError::TimedOut { seconds } => format!(
                "The API did not answer within {seconds} second{}.",
                crate::domain::words::plural(*seconds as usize)
            ),
        }
    }

    /// Headline and the API's message in one sentence (the headline alone when the message
    /// says nothing more).
    pub fn describe(&self) -> String {
        let message = self.message().trim();
        let headline = self.headline();
        if message.is_empty() || message == headline {
            headline
        } else {
            format!("{headline} {message}")
        }
    }

    /// A 401, with the API's words or without: the session ends either way.
    pub fn is_unauthorized(&self) -> bool {
        matches!(
            self,
            ApiError::Unauthorized { .. } | ApiError::StatusOnly { status: 401, .. }
        )
    }

    /// Whether this error tells the outcome of a write: the API answered and said no (a
    /// JSON 4xx: 400, 401, 403, 404, 409, 422, 429, …), so nothing was applied; also a
    /// request this console never sent (no token). Unknown, so `false`: any 5xx (the API
    /// may have failed after applying it, or a gateway gave up waiting for it), any answer
    /// without JSON (a gateway or proxy may have passed the write through, or answered
    /// for it), a network failure, a timeout, an unreadable success answer. After an
    /// unknown outcome the write may have gone through: read again to find out.
    pub fn api_said_no(&self) -> bool {
        match self {
            ApiError::Unauthorized { .. }
            | ApiError::Forbidden { .. }
            | ApiError::NotFound { .. }
            | ApiError::RateLimited { .. }
            | ApiError::Validation { .. } => true,
            ApiError::Server { status, .. } => (400..500).contains(status),
            ApiError::StatusOnly { .. }
            | ApiError::Network { .. }
            | ApiError::Malformed { .. }
            | ApiError::TimedOut { .. } => false,
        }
    }

    /// Asking again may help (not for a refusal of this user or these values).
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::StatusOnly { status, .. } => {
                !matches!(status, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422)
            }
            _ => matches!(
                self,
                ApiError::Network { .. }
                    | ApiError::TimedOut { .. }
                    | ApiError::Server { .. }
                    | ApiError::RateLimited { .. }
                    | ApiError::Malformed { .. }
            ),
        }
    }
}

/// What a non-success status means, in words, for an answer that brought no words of the
/// API's own (its body was not JSON: typically a gateway's or proxy's page).
pub fn status_words(status: u16) -> String {
    let what = match status {
        502 => "The gateway could not reach the API",
        503 => "The API is unavailable",
        504 => "The gateway timed out",
        400 => "The API could not take the request",
        401 => "The API did not accept the token",
        403 => "The request was refused",
        404 => "Not found",
        408 => "The request took too long to arrive",
        413 => "The request was too large",
        429 => "Too many requests",
        _ if (500..600).contains(&status) => "The API failed",
        _ if (400..500).contains(&status) => "The API refused the request",
        _ => "The API answered with an unexpected status",
    };
    format!("{what} (HTTP {status}).")
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

fn format_epoch(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(crate::domain::timefmt::clock)
        .unwrap_or_else(|| seconds.to_string())
}

/// Reads the message out of any of Fastly's error shapes:
/// legacy `{msg, detail}`, JSON:API `{errors: [{title, detail}]}` and
/// problem+json `{title, detail}`. `None` when the body is none of them.
pub fn decode_error_body(body: &str) -> Option<String> {
    decode_error_value(&json_text::parse(body).ok()?)
}

/// The message of an error body already read as JSON ([`decode_error_body`]).
fn decode_error_value(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let join = |a: Option<String>, b: Option<String>| match (a, b) {
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) => Some(format!("{a}: {b}")),
        (a, b) => a.or(b),
    };
    if let Some(errors) = object.get("errors").and_then(Value::as_array) {
        let parts: Vec<String> = errors
            .iter()
            .filter_map(|e| join(text(e, "title"), text(e, "detail")))
            .collect();
        if !parts.is_empty() {
            return Some(parts.join("; "));
        }
    }
    let heading = text(value, "msg").or_else(|| text(value, "title"));
    join(heading, text(value, "detail"))
}

/// A JSON error body in none of the three shapes: its text (the first 300 characters).
fn fallback_message(body: &str) -> String {
    let raw = body.trim();
    let mut short: String = raw.chars().take(300).collect();
    if short.len() < raw.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_shape() {
        let e = ApiError::from_status(
            404,
            r#"{"msg": "Record not found", "detail": "Couldn't find Customer 'x'"}"#,
            None,
        );
        assert_eq!(
            e,
            ApiError::NotFound {
                message: "Record not found: Couldn't find Customer 'x'".into()
            }
        );
    }

    #[test]
    fn unauthorized_body() {
        let e = ApiError::from_status(
            401,
            r#"{"msg":"Provided credentials are missing or invalid"}"#,
            None,
        );
        assert!(e.is_unauthorized());
        assert_eq!(e.message(), "Provided credentials are missing or invalid");
    }

    #[test]
    fn json_api_shape_joins_every_error() {
        let e = ApiError::from_status(
            403,
            r#"{"errors":[{"title":"Forbidden","detail":"Only superusers","status":"403"},{"title":"Also"}]}"#,
            None,
        );
        assert_eq!(
            e,
            ApiError::Forbidden {
                message: "Forbidden: Only superusers; Also".into()
            }
        );
    }

    #[test]
    fn problem_json_shape() {
        let e = ApiError::from_status(
            415,
            r#"{"type":"about:blank","title":"Unsupported Media Type","detail":"Use a form","status":415}"#,
            None,
        );
        assert_eq!(
            e,
            ApiError::Validation {
                status: 415,
                message: "Unsupported Media Type: Use a form".into()
            }
        );
    }

    #[test]
    fn rate_limit_keeps_the_reset_time() {
        let e = ApiError::from_status(429, r#"{"msg":"Too many requests"}"#, Some(" 1700000000 "));
        assert_eq!(
            e,
            ApiError::RateLimited {
                message: "Too many requests".into(),
                reset_at: Some(1_700_000_000)
            }
        );
        assert!(e.headline().contains("22:13 UTC"), "{}", e.headline());
    }

    #[test]
    fn json_in_none_of_the_shapes_falls_back_to_its_text() {
        assert_eq!(
            ApiError::from_status(500, r#"{"oops":1}"#, None).message(),
            r#"{"oops":1}"#
        );
        let long = format!("\"{}\"", "x".repeat(1000));
        assert_eq!(
            ApiError::from_status(500, &long, None)
                .message()
                .chars()
                .count(),
            301
        );
    }

    /// What a proxy in front of the API answers (nginx's, a CDN's pages).
    const GATEWAY_PAGE: &str = "<html><body>504 Gateway Time-out</body></html>";

    #[test]
    fn gateway_answers_are_said_in_words_by_status() {
        for (status, words) in [
            (502, "The gateway could not reach the API (HTTP 502)."),
            (503, "The API is unavailable (HTTP 503)."),
            (504, "The gateway timed out (HTTP 504)."),
            (500, "The API failed (HTTP 500)."),
            (507, "The API failed (HTTP 507)."),
            (599, "The API failed (HTTP 599)."),
            (400, "The API could not take the request (HTTP 400)."),
            (401, "The API did not accept the token (HTTP 401)."),
            (403, "The request was refused (HTTP 403)."),
            (404, "Not found (HTTP 404)."),
            (408, "The request took too long to arrive (HTTP 408)."),
            (413, "The request was too large (HTTP 413)."),
            (429, "Too many requests (HTTP 429)."),
            (418, "The API refused the request (HTTP 418)."),
            (
                302,
                "The API answered with an unexpected status (HTTP 302).",
            ),
        ] {
            for body in [
                GATEWAY_PAGE,
                "",
                "  \n",
                "Bad Gateway",
                "{\"msg\": \"cut off",
                "<!DOCTYPE html><title>x</title>",
            ] {
                let e = ApiError::from_status(status, body, Some("1700000000"));
                assert_eq!(
                    e,
                    ApiError::StatusOnly {
                        status,
                        message: words.into()
                    },
                    "{status} {body:?}"
                );
                assert_eq!(e.describe(), words, "the words are said once");
                assert!(!e.describe().contains('<'));
            }
        }
    }

    #[test]
    fn html_is_never_pasted_into_a_message() {
        for status in [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504] {
            let e = ApiError::from_status(status, GATEWAY_PAGE, None);
            for text in [e.message().to_string(), e.headline(), e.describe()] {
                assert!(!text.contains("<html>"), "{status}: {text}");
                assert!(!text.contains("Gateway Time-out"), "{status}: {text}");
            }
        }
    }

    #[test]
    fn json_error_bodies_still_say_the_apis_words() {
        let e = ApiError::from_status(
            503,
            r#"{"msg": "Service Unavailable", "detail": "The events store is resting"}"#,
            None,
        );
        assert_eq!(
            e.describe(),
            "The API failed (HTTP 503). Service Unavailable: The events store is resting"
        );
        let e = ApiError::from_status(
            502,
            r#"{"errors":[{"title":"Bad gateway","detail":"upstream"}]}"#,
            None,
        );
        assert!(e.describe().ends_with("Bad gateway: upstream"), "{e}");
    }

    #[test]
    fn a_401_without_json_still_ends_the_session() {
        assert!(ApiError::from_status(401, GATEWAY_PAGE, None).is_unauthorized());
        assert!(ApiError::from_status(401, "", None).is_unauthorized());
        assert!(!ApiError::from_status(403, "", None).is_unauthorized());
    }

    #[test]
    fn a_refusal_in_json_is_a_known_outcome() {
        for status in [400, 401, 403, 404, 405, 408, 409, 410, 413, 415, 422, 429] {
            let e = ApiError::from_status(status, r#"{"msg":"No","detail":"Not this"}"#, None);
            assert!(e.api_said_no(), "{status}: {e:?}");
        }
        // Bodies in the other two shapes, and JSON in none of them, are the API's too.
        assert!(ApiError::from_status(422, r#"{"errors":[{"detail":"x"}]}"#, None).api_said_no());
        assert!(ApiError::from_status(400, r#"{"title":"Bad","status":400}"#, None).api_said_no());
        assert!(ApiError::from_status(409, r#"{"oops":1}"#, None).api_said_no());
        // Never sent: nothing can have been applied.
        assert!(ApiError::Unauthorized {
            message: "Not signed in.".into()
        }
        .api_said_no());
    }

    #[test]
    fn a_5xx_or_an_answer_without_json_leaves_the_outcome_unknown() {
        for status in [500, 501, 502, 503, 504, 507, 599] {
            for body in [
                r#"{"msg":"Internal Server Error","detail":"x"}"#,
                GATEWAY_PAGE,
                "",
            ] {
                let e = ApiError::from_status(status, body, None);
                assert!(!e.api_said_no(), "{status} {body:?}");
                assert!(e.is_retryable(), "{status} {body:?}");
            }
        }
        for status in [400, 401, 403, 404, 409, 413, 422, 429] {
            for body in [GATEWAY_PAGE, "", "Forbidden", "{\"msg\":"] {
                let e = ApiError::from_status(status, body, None);
                assert!(!e.api_said_no(), "{status} {body:?}");
            }
        }
        // JSON nested deeper than any reader takes is not read as the API's words either.
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert!(!ApiError::from_status(422, &deep, None).api_said_no());
        // Other statuses (a redirect fetch did not follow) are not a refusal.
        assert!(!ApiError::from_status(302, r#"{"msg":"Moved"}"#, None).api_said_no());
    }

    #[test]
    fn refusals_without_json_are_retried_as_before() {
        assert!(ApiError::from_status(429, "", None).is_retryable());
        assert!(ApiError::from_status(408, "", None).is_retryable());
        assert!(!ApiError::from_status(403, GATEWAY_PAGE, None).is_retryable());
        assert!(!ApiError::from_status(422, "", None).is_retryable());
    }

    #[test]
    fn only_an_answer_from_the_api_is_a_no() {
        assert!(ApiError::from_status(400, r#"{"msg":"Bad request"}"#, None).api_said_no());
        // A 5xx, even the API's own JSON, may come after the write was applied.
        assert!(
            !ApiError::from_status(500, r#"{"msg":"Internal Server Error"}"#, None).api_said_no()
        );
        assert!(!ApiError::from_status(500, "", None).api_said_no());
        assert!(!ApiError::Network {
            message: "offline".into()
        }
        .api_said_no());
        assert!(!ApiError::Malformed {
            message: "Invalid JSON".into()
        }
        .api_said_no());
        assert!(!ApiError::TimedOut { seconds: 30 }.api_said_no());
    }

    #[test]
    fn timeouts_say_how_long_was_waited_and_may_be_retried() {
        let e = ApiError::TimedOut { seconds: 15 };
        assert_eq!(e.describe(), "The API did not answer within 15 seconds.");
        assert!(e.is_retryable());
        assert!(!ApiError::from_status(403, r#"{"msg":"Forbidden"}"#, None).is_retryable());
    }

    #[test]
    fn describe_puts_headline_before_the_api_text() {
        let e = ApiError::from_status(
            400,
            r#"{"msg":"Bad request","detail":"Attribute 'id' is read-only"}"#,
            None,
        );
        assert_eq!(
            e.describe(),
            "The API refused these values. Bad request: Attribute 'id' is read-only"
        );
    }
}
