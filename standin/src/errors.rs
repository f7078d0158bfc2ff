//! The three error shapes Fastly answers with, plus the 401.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone)]
pub enum ApiError {
    /// 401 `{"msg":"Provided credentials are missing or invalid"}`
    Unauthorized,
    /// legacy `{"msg","detail"}`
    Legacy(StatusCode, String, String),
    /// JSON:API `{"errors":[{"title","detail","status"}]}`, as `application/vnd.api+json`
    JsonApi(StatusCode, String, String),
    /// RFC 7807 problem+json
    Problem(StatusCode, String, String),
}

impl ApiError {
    pub fn not_found(kind: &str, id: &str) -> Self {
        ApiError::Legacy(
            StatusCode::NOT_FOUND,
            "Record not found".into(),
            format!("Couldn't find {kind} '{id}'"),
        )
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        ApiError::Legacy(StatusCode::BAD_REQUEST, "Bad request".into(), detail.into())
    }
    pub fn forbidden_legacy(detail: impl Into<String>) -> Self {
        ApiError::Legacy(StatusCode::FORBIDDEN, "Forbidden".into(), detail.into())
    }
    pub fn forbidden_jsonapi(detail: impl Into<String>) -> Self {
        ApiError::JsonApi(StatusCode::FORBIDDEN, "Forbidden".into(), detail.into())
    }
    pub fn payload_too_large(limit: usize) -> Self {
        ApiError::Legacy(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Payload Too Large".into(),
            format!("The request body is over {limit} bytes"),
        )
    }
    pub fn unsupported_media_type(detail: impl Into<String>) -> Self {
        ApiError::Problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported Media Type".into(),
            detail.into(),
        )
    }
}

pub fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

pub fn legacy(status: StatusCode, msg: &str, detail: &str) -> Response {
    json_response(status, &json!({"msg": msg, "detail": detail}))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Unauthorized => json_response(
                StatusCode::UNAUTHORIZED,
                &json!({"msg": "Provided credentials are missing or invalid"}),
            ),
            ApiError::Legacy(s, msg, detail) => legacy(s, &msg, &detail),
            ApiError::JsonApi(s, title, detail) => {
                let mut r = json_response(
                    s,
                    &json!({"errors": [{"title": title, "detail": detail, "status": s.as_u16().to_string()}]}),
                );
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/vnd.api+json"),
                );
                r
            }
            ApiError::Problem(s, title, detail) => {
                let mut r = json_response(
                    s,
                    &json!({"type": "about:blank", "title": title, "detail": detail, "status": s.as_u16()}),
                );
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/problem+json"),
                );
                r
            }
        }
    }
}
