//! Test controls (`/__standin/*`): fault injection, latency, request log, reset, rate limits.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::chaos::{get_chaos, set_chaos, stop_chaos, Chaos};
use crate::errors::{json_response, legacy};
use crate::store::Epoch;
use crate::{lock, AppState};

pub const RATE_LIMIT: u32 = 1000;
pub const RATE_WINDOW_SECS: i64 = 3600;
/// The request log keeps at most this many entries…
pub const REQUEST_LOG_LEN: usize = 200;
/// …and at most this many bytes (entries as JSON), oldest dropped first.
pub const REQUEST_LOG_BYTES: usize = 1024 * 1024;
/// Once chaos mode has been on (until reset), the log keeps this many entries…
pub const SOAK_LOG_LEN: usize = 20_000;
/// …and this many bytes.
pub const SOAK_LOG_BYTES: usize = 32 * 1024 * 1024;
/// A logged body (or path, or query) longer than this is cut, with a marker.
pub const LOG_TEXT_MAX: usize = 16 * 1024;
/// The longest a `hang`/`hang-after` fault holds a request before dropping it.
pub const HANG_LIMIT: Duration = Duration::from_secs(120);
/// The most of a control request's body that is read; more is 413.
pub const CONTROL_BODY_LIMIT: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FaultKind {
    ServerError,
    TooManyRequests,
    Malformed,
    Drop,
    /// Not applied, never answered: held (at most [`HANG_LIMIT`]), then dropped.
    Hang,
    /// Applied by the real handler, but the answer is never delivered.
    HangAfter,
    /// 503 with a JSON error body, not applied.
    ServiceUnavailable,
    /// 502 with a proxy's HTML body, not applied.
    BadGateway,
    /// Applied by the real handler, then a proxy's HTML 504 instead of its answer.
    GatewayTimeoutAfter,
    /// Applied by the real handler, then the connection is dropped without an answer.
    DropAfter,
}

impl FaultKind {
    pub const ALL: &'static [FaultKind] = &[
        FaultKind::ServerError,
        FaultKind::TooManyRequests,
        FaultKind::Malformed,
        FaultKind::Drop,
        FaultKind::Hang,
        FaultKind::HangAfter,
        FaultKind::ServiceUnavailable,
        FaultKind::BadGateway,
        FaultKind::GatewayTimeoutAfter,
        FaultKind::DropAfter,
    ];

    /// The name used by `POST /__standin/faults`.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::ServerError => "500",
            FaultKind::TooManyRequests => "429",
            FaultKind::Malformed => "malformed",
            FaultKind::Drop => "drop",
            FaultKind::Hang => "hang",
            FaultKind::HangAfter => "hang-after",
            FaultKind::ServiceUnavailable => "503",
            FaultKind::BadGateway => "502",
            FaultKind::GatewayTimeoutAfter => "504-after",
            FaultKind::DropAfter => "drop-after",
        }
    }

    /// Does the real handler run (and apply a write) before the fault takes the answer's
    /// place? (For a GET it applies nothing: the answer is that of the plain kind.)
    pub fn applies(self) -> bool {
        matches!(
            self,
            FaultKind::HangAfter | FaultKind::GatewayTimeoutAfter | FaultKind::DropAfter
        )
    }

    pub fn parse(name: &str) -> Option<FaultKind> {
        FaultKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// `bytes` as text for the request log, cut after [`LOG_TEXT_MAX`] bytes with a marker.
pub fn log_text(bytes: &[u8]) -> String {
    if bytes.len() <= LOG_TEXT_MAX {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut cut = LOG_TEXT_MAX;
    // Do not split a UTF-8 sequence: back off over continuation bytes.
    while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    format!(
        "{}…[truncated: {} bytes in all]",
        String::from_utf8_lossy(&bytes[..cut]),
        bytes.len()
    )
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
    /// The request log, oldest first; each entry's `index` is one more than the last's.
    pub requests: VecDeque<Value>,
    /// The size of `requests` as JSON, in bytes.
    pub requests_bytes: usize,
    /// The `index` of the next entry of the request log (from 0 at reset; not reset by
    /// `DELETE /__standin/requests`).
    pub next_index: u64,
    /// The larger caps ([`SOAK_LOG_LEN`], [`SOAK_LOG_BYTES`]) apply: chaos mode was turned on.
    pub soak_log: bool,
    /// Times are milliseconds since this (the data's seeding).
    pub epoch: Epoch,
    /// One more at every reset: a request from before a reset does not touch the new log.
    pub generation: u64,
    /// Chaos mode, once set (until reset).
    pub chaos: Option<Chaos>,
    /// token → (remaining, window end as epoch seconds)
    pub rate: HashMap<String, (u32, i64)>,
}

/// Which entry of the request log is a request's (see [`Controls::update_request`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ticket {
    pub generation: u64,
    pub index: u64,
}

/// What the controls do to one API request, decided when it arrives.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Decision {
    pub fault: Option<FaultKind>,
    /// `"faults"` (`POST /__standin/faults`) or `"chaos"`.
    pub fault_from: Option<&'static str>,
    pub delay: Duration,
}

pub(crate) fn normalize_pattern(p: &str) -> String {
    let p = p.trim();
    match p.strip_prefix("/api") {
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => p.to_string(),
    }
}

pub(crate) fn path_matches(pattern: &str, path: &str) -> bool {
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

pub(crate) fn method_matches_any(methods: &[String], method: &Method) -> bool {
    methods
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method.as_str()))
}

impl Controls {
    /// Fresh controls whose times count from `epoch`.
    pub fn new(epoch: Epoch, generation: u64) -> Self {
        Controls {
            epoch,
            generation,
            ..Controls::default()
        }
    }

    /// The most entries and bytes the request log keeps now.
    pub fn log_caps(&self) -> (usize, usize) {
        if self.soak_log {
            (SOAK_LOG_LEN, SOAK_LOG_BYTES)
        } else {
            (REQUEST_LOG_LEN, REQUEST_LOG_BYTES)
        }
    }

    /// Append to the request log (an object: its `index` is set), dropping the oldest
    /// entries to stay within [`Controls::log_caps`].
    pub fn log_request(&mut self, mut entry: Value) -> Ticket {
        let index = self.next_index;
        self.next_index += 1;
        if let Some(m) = entry.as_object_mut() {
            m.insert("index".into(), json!(index));
        }
        let size = entry.to_string().len();
        let (max_len, max_bytes) = self.log_caps();
        while !self.requests.is_empty()
            && (self.requests.len() >= max_len || self.requests_bytes + size > max_bytes)
        {
            if let Some(old) = self.requests.pop_front() {
                self.requests_bytes -= old.to_string().len();
            }
        }
        self.requests_bytes += size;
        self.requests.push_back(entry);
        Ticket {
            generation: self.generation,
            index,
        }
    }

    /// Change the fields of a logged request, if it is still in the log.
    pub fn update_request(&mut self, ticket: Ticket, f: impl FnOnce(&mut Map<String, Value>)) {
        if ticket.generation != self.generation {
            return;
        }
        let Some(first) = self.requests.front().and_then(|e| e["index"].as_u64()) else {
            return;
        };
        let Some(pos) = ticket.index.checked_sub(first) else {
            return;
        };
        let Some(entry) = self.requests.get_mut(pos as usize) else {
            return;
        };
        if entry["index"].as_u64() != Some(ticket.index) {
            return;
        }
        let before = entry.to_string().len();
        if let Some(m) = entry.as_object_mut() {
            f(m);
        }
        self.requests_bytes = self.requests_bytes - before + entry.to_string().len();
    }

    /// The logged requests whose `index` is `since` or more, oldest first.
    pub fn requests_since(&self, since: u64) -> Vec<Value> {
        let first = self
            .requests
            .front()
            .and_then(|e| e["index"].as_u64())
            .unwrap_or(0);
        let skip = since.saturating_sub(first) as usize;
        self.requests.iter().skip(skip).cloned().collect()
    }

    pub fn clear_requests(&mut self) {
        self.requests.clear();
        self.requests_bytes = 0;
    }

    /// What to do to a request as it arrives: an explicit fault (one of its `times` used),
    /// else chaos mode's; the latency set plus chaos mode's.
    pub fn decide(&mut self, method: &Method, path: &str) -> Decision {
        let fault = self.take_fault(method, path);
        let mut d = Decision {
            fault,
            fault_from: fault.map(|_| "faults"),
            delay: self.latency_for(method, path).unwrap_or_default(),
        };
        if let Some(chaos) = self.chaos.as_mut().filter(|c| c.matches(method, path)) {
            let (kind, delay) = chaos.draw(fault.is_some());
            d.delay += delay;
            if let Some(kind) = kind {
                d.fault = Some(kind);
                d.fault_from = Some("chaos");
            }
        }
        d
    }

    /// The fault to inject for this request, if any (consumes one of its `times`).
    pub fn take_fault(&mut self, method: &Method, path: &str) -> Option<FaultKind> {
        let i = self
            .faults
            .iter()
            .position(|f| method_matches(&f.method, method) && path_matches(&f.path, path))?;
        let kind = self.faults[i].kind;
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

/// 429 with `Fastly-RateLimit-Remaining: 0`, `Fastly-RateLimit-Reset` (epoch seconds) and
/// `Retry-After` (the seconds until that reset, at least 1).
pub fn too_many_requests(reset: i64) -> Response {
    let mut r = legacy(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many requests",
        "Rate limit exceeded",
    );
    set_rate_headers(&mut r, 0, reset);
    let wait = (reset - now_epoch()).max(1);
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait));
    r
}

/// An HTML error page as a proxy in front of the API sends it (`Content-Type: text/html`),
/// e.g. `<html><body><h1>504 Gateway Time-out</h1></body></html>` (nginx's wording).
pub fn proxy_page(status: StatusCode) -> Response {
    let title = match status {
        StatusCode::GATEWAY_TIMEOUT => "Gateway Time-out",
        other => other.canonical_reason().unwrap_or("Error"),
    };
    let body = format!(
        "<html><body><h1>{} {title}</h1></body></html>",
        status.as_u16()
    );
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    r
}

/// An answer that never completes: hyper aborts the connection (nothing usable is sent).
pub fn dropped_response() -> Response {
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

/// Hold a request for a `hang`/`hang-after` fault: [`HANG_LIMIT`] at most, less if
/// `/__standin/reset` is called; then drop it. No lock is held meanwhile. When the client
/// goes away first, hyper drops this future with the connection.
pub async fn hold_then_drop(st: &AppState) -> Response {
    let reset = st.reset_signal.notified();
    tokio::select! {
        _ = tokio::time::sleep(HANG_LIMIT) => {}
        _ = reset => {}
    }
    dropped_response()
}

/// The answer of a fault that answers at once (not `hang`/`hang-after`); for the kinds
/// that apply first ([`FaultKind::applies`]), what replaces the handler's answer.
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
        FaultKind::ServiceUnavailable => legacy(
            StatusCode::SERVICE_UNAVAILABLE,
            "Service Unavailable",
            "stand-in fault",
        ),
        FaultKind::BadGateway => proxy_page(StatusCode::BAD_GATEWAY),
        FaultKind::GatewayTimeoutAfter => proxy_page(StatusCode::GATEWAY_TIMEOUT),
        FaultKind::Drop | FaultKind::DropAfter | FaultKind::Hang | FaultKind::HangAfter => {
            dropped_response()
        }
    }
}

// ---- control endpoints ----

pub(crate) fn bad(detail: &str) -> Response {
    legacy(StatusCode::BAD_REQUEST, "Bad request", detail)
}

fn ok() -> Response {
    json_response(StatusCode::OK, &json!({"status": "ok"}))
}

/// The JSON body of a control request (empty means `{}`), or the detail of the 400.
fn parse_body<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, String> {
    let text = if body.iter().all(|b| b.is_ascii_whitespace()) {
        &b"{}"[..]
    } else {
        &body[..]
    };
    serde_json::from_slice(text).map_err(|e| format!("invalid JSON body: {e}"))
}

/// A control request's JSON body (see [`parse_body`]); one that does not parse is a 400.
pub(crate) struct ControlBody<T>(pub T);

impl<S: Send + Sync, T: for<'de> Deserialize<'de>> FromRequest<S> for ControlBody<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        parse_body(&body).map(ControlBody).map_err(|e| bad(&e))
    }
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

async fn add_fault(
    State(st): State<Arc<AppState>>,
    ControlBody(req): ControlBody<FaultReq>,
) -> Response {
    let fault = match &req.fault {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let Some(kind) = FaultKind::parse(&fault) else {
        let names: Vec<&str> = FaultKind::ALL.iter().map(|k| k.name()).collect();
        return bad(&format!(
            "unknown fault '{fault}' (use {})",
            names.join(", ")
        ));
    };
    if req.times == Some(0) {
        return bad("times must be at least 1");
    }
    let method = req.method.filter(|m| !m.is_empty() && m != "*");
    lock(&st.controls).faults.push(Fault {
        method,
        path: normalize_pattern(&req.path),
        kind,
        times: req.times,
    });
    ok()
}

async fn list_faults(State(st): State<Arc<AppState>>) -> Response {
    let c = lock(&st.controls);
    let list: Vec<Value> = c
        .faults
        .iter()
        .map(|f| json!({"method": f.method, "path": f.path, "fault": f.kind.name(), "times": f.times}))
        .collect();
    json_response(StatusCode::OK, &Value::Array(list))
}

async fn clear_faults(State(st): State<Arc<AppState>>) -> Response {
    lock(&st.controls).faults.clear();
    ok()
}

#[derive(Deserialize)]
struct LatencyReq {
    ms: u64,
    method: Option<String>,
    path: Option<String>,
}

async fn set_latency(
    State(st): State<Arc<AppState>>,
    ControlBody(req): ControlBody<LatencyReq>,
) -> Response {
    let mut c = lock(&st.controls);
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

/// `GET /__standin/requests[?since=<index>]`: the logged requests (those from `index`
/// `since` on), oldest first.
async fn list_requests(State(st): State<Arc<AppState>>, RawQuery(query): RawQuery) -> Response {
    let pairs: Vec<(String, String)> =
        match serde_urlencoded::from_str(query.as_deref().unwrap_or("")) {
            Ok(p) => p,
            Err(e) => return bad(&format!("invalid query: {e}")),
        };
    let mut since = 0;
    for (k, v) in pairs {
        match (k.as_str(), v.trim().parse::<u64>()) {
            ("since", Ok(n)) => since = n,
            ("since", Err(_)) => return bad(&format!("since: '{v}' is not an index (0 or more)")),
            _ => return bad(&format!("unknown parameter '{k}' (use since)")),
        }
    }
    let c = lock(&st.controls);
    json_response(StatusCode::OK, &Value::Array(c.requests_since(since)))
}

async fn clear_requests(State(st): State<Arc<AppState>>) -> Response {
    lock(&st.controls).clear_requests();
    ok()
}

#[derive(Deserialize)]
struct RateReq {
    remaining: u32,
    token: Option<String>,
}

/// `POST /__standin/ratelimit {"remaining": N, "token"?: "..."}`: set what is left in the
/// current window (of one token, or of every known token), to test the 429 path.
async fn set_rate(
    State(st): State<Arc<AppState>>,
    ControlBody(req): ControlBody<RateReq>,
) -> Response {
    let tokens: Vec<String> = match req.token {
        Some(t) => vec![t],
        None => lock(&st.store).tokens.keys().cloned().collect(),
    };
    let reset = now_epoch() + RATE_WINDOW_SECS;
    let mut c = lock(&st.controls);
    for t in tokens {
        let e = c.rate.entry(t).or_insert((RATE_LIMIT, reset));
        e.0 = req.remaining;
    }
    ok()
}

/// `GET /__standin/history?customer=<id>`: every revision of the customer since the data
/// was seeded, oldest first (at most [`crate::store::HISTORY_LEN`]); the answer's
/// `X-Standin-History-Dropped` says how many older ones were dropped (0 if none).
async fn history(State(st): State<Arc<AppState>>, RawQuery(query): RawQuery) -> Response {
    let pairs: Vec<(String, String)> =
        match serde_urlencoded::from_str(query.as_deref().unwrap_or("")) {
            Ok(p) => p,
            Err(e) => return bad(&format!("invalid query: {e}")),
        };
    let Some(id) = pairs
        .into_iter()
        .find(|(k, _)| k == "customer")
        .map(|(_, v)| v)
    else {
        return bad("customer: the customer id is required (?customer=<id>)");
    };
    let s = lock(&st.store);
    let Some(h) = s.history.get(&id) else {
        return legacy(
            StatusCode::NOT_FOUND,
            "Not Found",
            &format!("No customer '{id}'"),
        );
    };
    let list: Vec<Value> = h.entries.iter().map(|r| r.to_json()).collect();
    let mut r = json_response(StatusCode::OK, &Value::Array(list));
    r.headers_mut()
        .insert("x-standin-history-dropped", HeaderValue::from(h.dropped));
    r.headers_mut()
        .insert("x-standin-revision", HeaderValue::from(h.revision));
    r
}

async fn not_found() -> Response {
    legacy(
        StatusCode::NOT_FOUND,
        "Not Found",
        "No such stand-in control",
    )
}

// ---- who may use the controls ----

/// A `host[:port]` authority whose host is a loopback host (`localhost`, an address of
/// 127.0.0.0/8, or `[::1]` in brackets), as (host in lower case, port). `None` for any
/// other host, an unbracketed IPv6 address, or a port that is not a number.
pub fn loopback_authority(authority: &str) -> Option<(String, Option<u16>)> {
    let (host, rest) = if let Some(inner) = authority.strip_prefix('[') {
        let (h, rest) = inner.split_once(']')?;
        if h.parse::<std::net::Ipv6Addr>().is_err() {
            return None;
        }
        (format!("[{h}]"), rest)
    } else {
        let i = authority.find(':').unwrap_or(authority.len());
        (authority[..i].to_string(), &authority[i..])
    };
    let port = match rest.strip_prefix(':') {
        None if rest.is_empty() => None,
        None => return None,
        Some(p) => {
            if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(p.parse::<u16>().ok()?)
        }
    };
    if !crate::is_loopback_host(&host) {
        return None;
    }
    Some((host.to_ascii_lowercase(), port))
}

/// Is `origin` (an `Origin` header) the origin of a server reached at `host`, that is
/// `http://` and the same host and port (a missing port is 80)?
fn same_origin(origin: &str, host: &(String, Option<u16>)) -> bool {
    let Some(authority) = origin.strip_prefix("http://") else {
        return false;
    };
    match loopback_authority(authority) {
        Some((h, p)) => h == host.0 && p.unwrap_or(80) == host.1.unwrap_or(80),
        None => false,
    }
}

/// Why a control request is refused (403), if it is: a `Host` that is not a loopback host
/// (a DNS-rebinding page reaches the port under its own name), or an `Origin` that is not
/// the stand-in's own (a page of another site, or `null`).
fn refused_origin(headers: &HeaderMap) -> Option<String> {
    let mut hosts = headers.get_all(header::HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(h), None) => h.to_str().ok().map(str::trim),
        _ => None,
    };
    let Some(authority) = host.and_then(loopback_authority) else {
        return Some(format!(
            "The test controls answer only requests to a loopback host (127.0.0.1, [::1] or \
             localhost), not Host {}",
            host.map(|h| format!("'{h}'"))
                .unwrap_or_else(|| "(none)".into())
        ));
    };
    let mut origins = headers.get_all(header::ORIGIN).iter();
    match (origins.next(), origins.next()) {
        (None, _) => None,
        (Some(o), None) if o.to_str().is_ok_and(|o| same_origin(o.trim(), &authority)) => None,
        (Some(o), _) => Some(format!(
            "The test controls answer only requests from their own origin, not Origin '{}'",
            String::from_utf8_lossy(o.as_bytes())
        )),
    }
}

/// The media type of a `Content-Type` value, in lower case, without parameters.
fn essence(content_type: &HeaderValue) -> String {
    String::from_utf8_lossy(content_type.as_bytes())
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Every control request: 403 unless to a loopback `Host` and from no or its own `Origin`;
/// then 415 unless any body is JSON (a `Content-Type` other than `application/json`, or a
/// body without one) — a cross-site form or a `no-cors` fetch can send only `text/plain`,
/// form-encoded or multipart bodies; then 413 over [`CONTROL_BODY_LIMIT`]. Nothing is
/// done for a refused request.
async fn control_guard(req: Request, next: Next) -> Response {
    let refuse = |status: StatusCode, msg: &str, detail: &str| legacy(status, msg, detail);
    if let Some(detail) = refused_origin(req.headers()) {
        return refuse(StatusCode::FORBIDDEN, "Forbidden", &detail);
    }
    let content_type = req.headers().get(header::CONTENT_TYPE).map(essence);
    if let Some(ct) = &content_type {
        if ct != "application/json" {
            return refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported Media Type",
                &format!("The test controls take application/json bodies only, not '{ct}'"),
            );
        }
    }
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Payload Too Large",
            &format!("The request body is over {CONTROL_BODY_LIMIT} bytes"),
        )
    };
    if declared.is_some_and(|n| n > CONTROL_BODY_LIMIT as u64) {
        return too_large();
    }
    // An error here is a body over the limit (or one that could not be read at all).
    let Ok(bytes) = axum::body::to_bytes(body, CONTROL_BODY_LIMIT).await else {
        return too_large();
    };
    if content_type.is_none() && !bytes.is_empty() {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported Media Type",
            "The test controls take application/json bodies only: this body has no Content-Type",
        );
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
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
        .route("/history", get(history))
        .route("/chaos", get(get_chaos).post(set_chaos).delete(stop_chaos))
        .fallback(any(not_found))
        .layer(middleware::from_fn(control_guard))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_authorities() {
        let a = |s: &str| loopback_authority(s);
        assert_eq!(a("127.0.0.1:8799"), Some(("127.0.0.1".into(), Some(8799))));
        assert_eq!(a("127.0.0.1"), Some(("127.0.0.1".into(), None)));
        assert_eq!(a("127.1.2.3:1"), Some(("127.1.2.3".into(), Some(1))));
        assert_eq!(a("LocalHost:80"), Some(("localhost".into(), Some(80))));
        assert_eq!(a("[::1]:8799"), Some(("[::1]".into(), Some(8799))));
        assert_eq!(a("[::1]"), Some(("[::1]".into(), None)));
        for bad in [
            "",
            "example.com",
            "example.com:8799",
            "localhost.example:8799",
            "127.0.0.1.nip.io",
            "10.0.0.1:8799",
            "0.0.0.0:8799",
            "::1",
            "[::]:8799",
            "[::2]:8799",
            "[localhost]:80",
            "127.0.0.1:",
            "127.0.0.1:99999",
            "127.0.0.1:80x",
            "127.0.0.1:+80",
            "127.0.0.1:80:80",
            "[::1]80",
            "[::1",
            "user@127.0.0.1",
        ] {
            assert_eq!(a(bad), None, "{bad}");
        }
        let host = ("127.0.0.1".to_string(), Some(8799));
        assert!(same_origin("http://127.0.0.1:8799", &host));
        for other in [
            "http://127.0.0.1:8798",
            "http://127.0.0.1",
            "https://127.0.0.1:8799",
            "http://localhost:8799",
            "http://127.0.0.1:8799/",
            "null",
            "http://evil.example",
        ] {
            assert!(!same_origin(other, &host), "{other}");
        }
        assert!(same_origin(
            "http://localhost",
            &("localhost".into(), Some(80))
        ));
        assert!(same_origin(
            "http://localhost:80",
            &("localhost".into(), None)
        ));
    }

    #[test]
    fn fault_names_round_trip() {
        for k in FaultKind::ALL {
            assert_eq!(FaultKind::parse(k.name()), Some(*k));
        }
        assert_eq!(FaultKind::parse("hang"), Some(FaultKind::Hang));
        assert_eq!(FaultKind::parse("hang-after"), Some(FaultKind::HangAfter));
        assert_eq!(
            FaultKind::parse("504-after"),
            Some(FaultKind::GatewayTimeoutAfter)
        );
        assert_eq!(FaultKind::parse("drop-after"), Some(FaultKind::DropAfter));
        assert_eq!(FaultKind::parse("teapot"), None);
        let applying: Vec<&str> = FaultKind::ALL
            .iter()
            .filter(|k| k.applies())
            .map(|k| k.name())
            .collect();
        assert_eq!(applying, ["hang-after", "504-after", "drop-after"]);
    }

    #[test]
    fn long_log_text_is_cut_with_a_marker() {
        assert_eq!(log_text(b"name=x"), "name=x");
        let exact = vec![b'a'; LOG_TEXT_MAX];
        assert_eq!(log_text(&exact).len(), LOG_TEXT_MAX);
        let long = vec![b'a'; LOG_TEXT_MAX * 4];
        let t = log_text(&long);
        assert!(t.len() < LOG_TEXT_MAX + 64, "{}", t.len());
        assert!(t.ends_with(&format!("…[truncated: {} bytes in all]", LOG_TEXT_MAX * 4)));
        // A multi-byte character across the cut is not split.
        let mut mixed = vec![b'a'; LOG_TEXT_MAX - 1];
        mixed.extend("é".repeat(10).as_bytes());
        let t = log_text(&mixed);
        assert!(!t.contains('\u{FFFD}'));
        assert!(t.starts_with(&"a".repeat(LOG_TEXT_MAX - 1)));
    }

    #[test]
    fn request_log_is_bounded_in_bytes_and_entries() {
        let mut c = Controls::default();
        let body = "x".repeat(LOG_TEXT_MAX);
        for i in 0..500 {
            c.log_request(json!({"n": i, "body": body}));
            let total: usize = c.requests.iter().map(|e| e.to_string().len()).sum();
            assert_eq!(total, c.requests_bytes);
            assert!(c.requests_bytes <= REQUEST_LOG_BYTES);
        }
        // Oldest dropped first: the newest entries remain, in order.
        assert!(c.requests.len() < REQUEST_LOG_LEN);
        assert!(c.requests.len() >= REQUEST_LOG_BYTES / (LOG_TEXT_MAX + 64) - 1);
        assert_eq!(c.requests.back().unwrap()["n"], 499);
        // Small entries: the count bound applies.
        for i in 0..500 {
            c.log_request(json!({"n": i}));
        }
        assert_eq!(c.requests.len(), REQUEST_LOG_LEN);
        assert_eq!(c.requests.front().unwrap()["n"], 300);
        c.clear_requests();
        assert_eq!((c.requests.len(), c.requests_bytes), (0, 0));
    }

    #[test]
    fn request_log_entries_are_indexed_and_updated_in_place() {
        let mut c = Controls::default();
        let tickets: Vec<Ticket> = (0..REQUEST_LOG_LEN + 5)
            .map(|i| c.log_request(json!({"n": i, "status": null})))
            .collect();
        assert_eq!(c.requests.front().unwrap()["index"], 5);
        assert_eq!(
            c.requests.back().unwrap()["index"],
            REQUEST_LOG_LEN as u64 + 4
        );
        // An entry still in the log is updated, with its size accounted; one dropped is not.
        c.update_request(tickets[10], |m| {
            m.insert("status".into(), json!("a longer value than null"));
        });
        c.update_request(tickets[0], |m| {
            m.insert("status".into(), json!(1));
        });
        assert_eq!(c.requests[5]["status"], "a longer value than null");
        assert!(c.requests.iter().all(|e| e["n"] != 0));
        let total: usize = c.requests.iter().map(|e| e.to_string().len()).sum();
        assert_eq!(total, c.requests_bytes);
        // Paging.
        assert_eq!(c.requests_since(0).len(), REQUEST_LOG_LEN);
        assert_eq!(c.requests_since(200)[0]["index"], 200);
        assert_eq!(c.requests_since(200).len(), 5);
        assert!(c.requests_since(10_000).is_empty());
        // Cleared: indexes go on; an old ticket finds nothing.
        c.clear_requests();
        let t = c.log_request(json!({}));
        assert_eq!(t.index, REQUEST_LOG_LEN as u64 + 5);
        c.update_request(tickets[10], |m| {
            m.insert("x".into(), json!(1));
        });
        assert!(c.requests[0].get("x").is_none());
        // Another generation (after a reset) is not touched.
        let mut fresh = Controls::new(Epoch::default(), 1);
        let t0 = fresh.log_request(json!({}));
        fresh.update_request(
            Ticket {
                generation: 0,
                ..t0
            },
            |m| {
                m.insert("x".into(), json!(1));
            },
        );
        assert!(fresh.requests[0].get("x").is_none());
        // The soak caps.
        fresh.soak_log = true;
        for _ in 0..6000 {
            fresh.log_request(json!({"method": "GET", "path": "/customer/7XbRfLq2Zk9mWcT4pN1sVe"}));
        }
        assert_eq!(fresh.requests.len(), 6001);
    }
}
