//! One error type for everything that can go wrong talking to the API, and the
//! decoding of Fastly's three error-body shapes.

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
    /// The request did not complete (offline, connection dropped, aborted).
    Network { message: String },
    /// A success status with a body that is not what the API documents.
    Malformed { message: String },
    /// No answer within the request's deadline; the request was abandoned.
    TimedOut { seconds: u32 },
}

impl ApiError {
    /// Builds the error for a non-success answer from its status, body and
    /// `Fastly-RateLimit-Reset` header.
    pub fn from_status(status: u16, body: &str, rate_limit_reset: Option<&str>) -> ApiError {
        let message = decode_error_body(body).unwrap_or_else(|| fallback_message(status, body));
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

    /// The API's own words (or ours, for network and decoding failures).
    pub fn message(&self) -> &str {
        match self {
            ApiError::Unauthorized { message }
            | ApiError::Forbidden { message }
            | ApiError::NotFound { message }
            | ApiError::RateLimited { message, .. }
            | ApiError::Validation { message, .. }
            | ApiError::Server { message, .. }
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
            ApiError::Network { .. } => "Could not reach the API.".into(),
            ApiError::Malformed { .. } => "The API sent an answer this console cannot read.".into(),
            ApiError::TimedOut { seconds } => format!(
                "The API did not answer within {seconds} second{}.",
                crate::domain::words::plural(*seconds as usize)
            ),
        }
    }

    /// Headline and the API's message in one sentence.
    pub fn describe(&self) -> String {
        let message = self.message().trim();
        if message.is_empty() {
            self.headline()
        } else {
            format!("{} {}", self.headline(), message)
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Unauthorized { .. })
    }

    /// The API answered and said no: a write that failed so was not applied.
    /// A network failure, a timeout or an unreadable success answer leave the
    /// outcome of a write unknown — it may have gone through.
    pub fn api_said_no(&self) -> bool {
        !matches!(
            self,
            ApiError::Network { .. } | ApiError::Malformed { .. } | ApiError::TimedOut { .. }
        )
    }

    /// Asking again may help (not for a refusal of this user or these values).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network { .. }
                | ApiError::TimedOut { .. }
                | ApiError::Server { .. }
                | ApiError::RateLimited { .. }
                | ApiError::Malformed { .. }
        )
    }
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
    let value: Value = json_text::parse(body).ok()?;
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
    let heading = text(&value, "msg").or_else(|| text(&value, "title"));
    join(heading, text(&value, "detail"))
}

fn fallback_message(status: u16, body: &str) -> String {
    let raw = body.trim();
    if raw.is_empty() {
        format!("HTTP {status} with an empty answer.")
    } else {
        let mut short: String = raw.chars().take(300).collect();
        if short.len() < raw.len() {
            short.push('…');
        }
        short
    }
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
    fn falls_back_to_raw_text_or_status() {
        assert_eq!(
            ApiError::from_status(502, "<html>Bad gateway</html>", None).message(),
            "<html>Bad gateway</html>"
        );
        assert_eq!(
            ApiError::from_status(500, "  ", None).message(),
            "HTTP 500 with an empty answer."
        );
        // JSON that is none of the shapes falls back to the raw text too.
        assert_eq!(
            ApiError::from_status(500, r#"{"oops":1}"#, None).message(),
            r#"{"oops":1}"#
        );
        let long = "x".repeat(1000);
        assert_eq!(
            ApiError::from_status(500, &long, None)
                .message()
                .chars()
                .count(),
            301
        );
    }

    #[test]
    fn only_an_answer_from_the_api_is_a_no() {
        assert!(ApiError::from_status(400, r#"{"msg":"Bad request"}"#, None).api_said_no());
        assert!(ApiError::from_status(500, "", None).api_said_no());
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
