//! Test controls (`/__standin/*`): fault injection, latency, request log, reset, rate limits.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::errors::{json_response, legacy};
use crate::AppState;

pub const RATE_LIMIT: u32 = 1000;
pub const RATE_WINDOW_SECS: i64 = 3600;
pub const REQUEST_LOG_LEN: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub enum FaultKind {
    ServerError,
    TooManyRequests,
    Malformed,
    Drop,
}

#[derive(Clone, Debug)]
pub struct Fault {
    pub method: Option<String>,
    pub path: String,
    pub kind: FaultKind,
    pub times: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Latency {
    pub ms: u64,
    pub method: Option<String>,
    pub path: Option<String>,
}

#[derive(Default)]
pub struct Controls {
    pub faults: Vec<Fault>,
    pub latency: Option<Latency>,
    pub requests: VecDeque<Value>,
    /// token → (remaining, window end as epoch seconds)
    pub rate: HashMap<String, (u32, i64)>,
}

fn normalize_pattern(p: &str) -> String {
    let p = p.trim();
    match p.strip_prefix("/api") {
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => p.to_string(),
    }
}

fn path_matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

fn method_matches(m: &Option<String>, method: &Method) -> bool {
    m.as_deref()
        .map(|m| m.eq_ignore_ascii_case(method.as_str()))
        .unwrap_or(true)
}

impl Controls {
    pub fn log_request(&mut self, entry: Value) {
        if self.requests.len() >= REQUEST_LOG_LEN {
            self.requests.pop_front();
        }
        self.requests.push_back(entry);
    }

    /// The fault to inject for this request, if any (consumes one of its `times`).
    pub fn take_fault(&mut self, method: &Method, path: &str) -> Option<FaultKind> {
        let i = self
            .faults
            .iter()
            .position(|f| method_matches(&f.method, method) && path_matches(&f.path, path))?;
        let kind = self.faults[i].kind.clone();
        if let Some(t) = self.faults[i].times.as_mut() {
            *t = t.saturating_sub(1);
            if *t == 0 {
                self.faults.remove(i);
            }
        }
        Some(kind)
    }

    pub fn latency_for(&self, method: &Method, path: &str) -> Option<Duration> {
        let l = self.latency.as_ref()?;
        if l.ms == 0 || !method_matches(&l.method, method) {
            return None;
        }
        if let Some(p) = &l.path {
            if !path_matches(p, path) {
                return None;
            }
        }
        Some(Duration::from_millis(l.ms))
    }

    /// Count one non-GET request of `token`: Ok((remaining, reset)) or Err(reset) when exhausted.
    pub fn rate_limit(&mut self, token: &str, now: i64) -> Result<(u32, i64), i64> {
        let e = self
            .rate
            .entry(token.to_string())
            .or_insert((RATE_LIMIT, now + RATE_WINDOW_SECS));
        if now >= e.1 {
            *e = (RATE_LIMIT, now + RATE_WINDOW_SECS);
        }
        if e.0 == 0 {
            return Err(e.1);
        }
        e.0 -= 1;
        Ok(*e)
    }
}

pub fn now_epoch() -> i64 {
    chrono::Utc::now().timestamp()
}

pub fn set_rate_headers(r: &mut Response, remaining: u32, reset: i64) {
    let h = r.headers_mut();
    h.insert("fastly-ratelimit-remaining", HeaderValue::from(remaining));
    h.insert("fastly-ratelimit-reset", HeaderValue::from(reset));
}

pub fn too_many_requests(reset: i64) -> Response {
    let mut r = legacy(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many requests",
        "Rate limit exceeded",
    );
    set_rate_headers(&mut r, 0, reset);
    r
}

pub fn fault_response(kind: FaultKind) -> Response {
    match kind {
        FaultKind::ServerError => legacy(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal Server Error",
            "stand-in fault",
        ),
        FaultKind::TooManyRequests => too_many_requests(now_epoch() + RATE_WINDOW_SECS),
        FaultKind::Malformed => {
            let mut r = (
                StatusCode::OK,
                r#"{"id":"7XbRfLq2Zk9mWcT4pN1sVe","name":"Acme Wid"#,
            )
                .into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        FaultKind::Drop => {
            // A body that fails at once: hyper aborts the connection without a complete answer.
            let stream = futures_util::stream::iter(vec![Err::<Bytes, std::io::Error>(
                std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "stand-in drop"),
            )]);
            let mut r = Response::new(Body::from_stream(stream));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
    }
}

// ---- control endpoints ----

fn bad(detail: &str) -> Response {
    legacy(StatusCode::BAD_REQUEST, "Bad request", detail)
}

fn ok() -> Response {
    json_response(StatusCode::OK, &json!({"status": "ok"}))
}

fn parse_body<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, Response> {
    let text = if body.iter().all(|b| b.is_ascii_whitespace()) {
        &b"{}"[..]
    } else {
        &body[..]
    };
    serde_json::from_slice(text).map_err(|e| bad(&format!("invalid JSON body: {e}")))
}

async fn reset(State(st): State<Arc<AppState>>) -> Response {
    st.reset();
    ok()
}

#[derive(Deserialize)]
struct FaultReq {
    method: Option<String>,
    path: String,
    fault: Value,
    times: Option<u32>,
}

async fn add_fault(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    let req: FaultReq = match parse_body(&body) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let fault = match &req.fault {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let kind = match fault.as_str() {
        "500" => FaultKind::ServerError,
        "429" => FaultKind::TooManyRequests,
        "malformed" => FaultKind::Malformed,
        "drop" => FaultKind::Drop,
        other => {
            return bad(&format!(
                "unknown fault '{other}' (use 500, 429, malformed or drop)"
            ))
        }
    };
    if req.times == Some(0) {
        return bad("times must be at least 1");
    }
    let method = req.method.filter(|m| !m.is_empty() && m != "*");
    st.controls.lock().unwrap().faults.push(Fault {
        method,
        path: normalize_pattern(&req.path),
        kind,
        times: req.times,
    });
    ok()
}

async fn list_faults(State(st): State<Arc<AppState>>) -> Response {
    let c = st.controls.lock().unwrap();
    let list: Vec<Value> = c
        .faults
        .iter()
        .map(|f| {
            let fault = match f.kind {
                FaultKind::ServerError => "500",
                FaultKind::TooManyRequests => "429",
                FaultKind::Malformed => "malformed",
                FaultKind::Drop => "drop",
            };
            json!({"method": f.method, "path": f.path, "fault": fault, "times": f.times})
        })
        .collect();
    json_response(StatusCode::OK, &Value::Array(list))
}

async fn clear_faults(State(st): State<Arc<AppState>>) -> Response {
    st.controls.lock().unwrap().faults.clear();
    ok()
}

#[derive(Deserialize)]
struct LatencyReq {
    ms: u64,
    method: Option<String>,
    path: Option<String>,
}

async fn set_latency(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    let req: LatencyReq = match parse_body(&body) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let mut c = st.controls.lock().unwrap();
    c.latency = if req.ms == 0 {
        None
    } else {
        Some(Latency {
            ms: req.ms,
            method: req.method.filter(|m| !m.is_empty() && m != "*"),
            path: req.path.map(|p| normalize_pattern(&p)),
        })
    };
    ok()
}

async fn list_requests(State(st): State<Arc<AppState>>) -> Response {
    let c = st.controls.lock().unwrap();
    json_response(
        StatusCode::OK,
        &Value::Array(c.requests.iter().cloned().collect()),
    )
}

async fn clear_requests(State(st): State<Arc<AppState>>) -> Response {
    st.controls.lock().unwrap().requests.clear();
    ok()
}

#[derive(Deserialize)]
struct RateReq {
    remaining: u32,
    token: Option<String>,
}

/// `POST /__standin/ratelimit {"remaining": N, "token"?: "..."}`: set what is left in the
/// current window (of one token, or of every known token), to test the 429 path.
async fn set_rate(State(st): State<Arc<AppState>>, body: Bytes) -> Response {
    let req: RateReq = match parse_body(&body) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let tokens: Vec<String> = match req.token {
        Some(t) => vec![t],
        None => st.store.lock().unwrap().tokens.keys().cloned().collect(),
    };
    let reset = now_epoch() + RATE_WINDOW_SECS;
    let mut c = st.controls.lock().unwrap();
    for t in tokens {
        let e = c.rate.entry(t).or_insert((RATE_LIMIT, reset));
        e.0 = req.remaining;
    }
    ok()
}

async fn not_found() -> Response {
    legacy(
        StatusCode::NOT_FOUND,
        "Not Found",
        "No such stand-in control",
    )
}

pub fn control_router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/reset", post(reset))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/latency", post(set_latency))
        .route("/requests", get(list_requests).delete(clear_requests))
        .route("/ratelimit", post(set_rate))
        .fallback(any(not_found))
        .with_state(state)
}
