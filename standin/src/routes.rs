//! The Fastly account API endpoints (mounted under `/api`).

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use bytes::BytesMut;
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::auth::{key, Caller};
use crate::errors::{json_response, legacy, ApiError};
use crate::faults::{
    dropped_response, fault_response, hold_then_drop, log_text, now_epoch, set_rate_headers,
    too_many_requests, Decision, FaultKind, Ticket,
};
use crate::store::{now_rfc3339, Customer, Principal, Store};
use crate::{events, rules};
use crate::{lock, AppState};

type ApiResult = Result<Response, ApiError>;

/// The most of a request body read before the caller is known to hold a valid token.
pub const UNAUTHENTICATED_BODY_LIMIT: usize = 64 * 1024;
/// The most of a request body read for a valid token; more is 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

fn ok_json(v: &Value) -> ApiResult {
    Ok(json_response(StatusCode::OK, v))
}

fn status_ok() -> ApiResult {
    ok_json(&json!({"status": "ok"}))
}

fn require_form(headers: &HeaderMap) -> Result<(), ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        Ok(())
    } else {
        let got = if ct.is_empty() {
            "no content type".to_string()
        } else {
            format!("'{ct}'")
        };
        Err(ApiError::unsupported_media_type(format!(
            "Expected a body of type application/x-www-form-urlencoded, got {got}"
        )))
    }
}

fn parse_form(body: &Bytes) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .map_err(|e| ApiError::bad_request(format!("Could not parse the form body: {e}")))
}

async fn current_user(State(st): State<Arc<AppState>>, Caller(p): Caller) -> ApiResult {
    let s = lock(&st.store);
    // The user may be gone since `Caller` checked the token: answer as for an unknown token.
    let u = s.users.get(&p.user_id).ok_or(ApiError::Unauthorized)?;
    ok_json(&u.to_json())
}

async fn current_customer(State(st): State<Arc<AppState>>, Caller(p): Caller) -> ApiResult {
    let s = lock(&st.store);
    let c = s
        .customers
        .get(&p.customer_id)
        .ok_or_else(|| ApiError::not_found("Customer", &p.customer_id))?;
    ok_json(&c.to_json(rules::sees_billing(&p)))
}

async fn get_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
) -> Response {
    let s = lock(&st.store);
    let revision = s.revision(&id);
    let r =
        readable_customer(&s, &p, &id).and_then(|c| ok_json(&c.to_json(rules::sees_billing(&p))));
    noted(r, revision, revision)
}

async fn put_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut s = lock(&st.store);
    let before = s.revision(&id);
    let r = update_customer(&mut s, &p, &id, &headers, &body);
    let after = s.revision(&id);
    noted(r, before, after)
}

fn update_customer(
    s: &mut Store,
    p: &Principal,
    id: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> ApiResult {
    let pairs = form_write(s, p, id, headers, body)?;
    let before = s
        .customers
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Customer", id))?;
    rules::update_customer(s, p, id, &pairs)?;
    let c = s
        .customers
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Customer", id))?;
    events::record_customer_update(s, p, &before, &c);
    s.record_revision(id, &p.token, Some(&p.user_id));
    ok_json(&c.to_json(rules::sees_billing(p)))
}

async fn delete_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
) -> Response {
    let mut s = lock(&st.store);
    let before = s.revision(&id);
    let r = remove_customer(&mut s, &p, &id);
    let after = s.revision(&id);
    noted(r, before, after)
}

fn remove_customer(s: &mut Store, p: &Principal, id: &str) -> ApiResult {
    writable_customer(s, p, id, rules::check_delete)?;
    let c = s
        .customers
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found("Customer", id))?;
    mark_deleted(&mut c.deleted_at, &mut c.updated_at);
    let c = c.clone();
    events::record_customer_deleted(s, p, &c);
    s.record_revision(id, &p.token, Some(&p.user_id));
    status_ok()
}

async fn customer_users(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
) -> ApiResult {
    let s = lock(&st.store);
    readable_customer(&s, &p, &id)?;
    let users = s.customer_users.get(&id).into_iter().flatten();
    let list = users.filter_map(|u| s.users.get(u)).map(|u| u.to_json());
    ok_json(&Value::Array(list.collect()))
}

async fn get_user(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
) -> ApiResult {
    let s = lock(&st.store);
    let u = s.users.get(&id);
    rules::check_read_user(&p, u.map(|u| u.customer_id.as_str()), &id)?;
    let u = u.ok_or_else(|| ApiError::not_found("User", &id))?;
    ok_json(&u.to_json())
}

async fn list_contacts(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
) -> ApiResult {
    let s = lock(&st.store);
    readable_customer(&s, &p, &id)?;
    let contacts = s.contacts.get(&id).into_iter().flatten();
    let list = contacts
        .filter(|c| c.deleted_at.is_none())
        .map(|c| c.to_json());
    ok_json(&Value::Array(list.collect()))
}

async fn create_contact(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let mut s = lock(&st.store);
    let pairs = form_write(&s, &p, &id, &headers, &body)?;
    let contact = rules::create_contact(&mut s, &p, &id, &pairs)?;
    events::record_contact_change(&mut s, &p, &contact, true);
    ok_json(&contact.to_json())
}

async fn delete_contact(
    State(st): State<Arc<AppState>>,
    Path((id, contact_id)): Path<(String, String)>,
    Caller(p): Caller,
) -> ApiResult {
    let mut s = lock(&st.store);
    writable_customer(&s, &p, &id, rules::check_write)?;
    let contact = s
        .contacts
        .get_mut(&id)
        .and_then(|cs| {
            cs.iter_mut()
                .find(|c| c.id == contact_id && c.deleted_at.is_none())
        })
        .ok_or_else(|| ApiError::not_found("Contact", &contact_id))?;
    mark_deleted(&mut contact.deleted_at, &mut contact.updated_at);
    let contact = contact.clone();
    events::record_contact_change(&mut s, &p, &contact, false);
    status_ok()
}

/// A JSON:API answer (`application/vnd.api+json`).
fn ok_jsonapi(v: &Value) -> ApiResult {
    let mut r = json_response(StatusCode::OK, v);
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.api+json"),
    );
    Ok(r)
}

/// The absolute URL of `GET /api/events` as the caller reached it: the `Host` header
/// (else `localhost`) and `http`, or the scheme of `X-Forwarded-Proto`.
fn events_base(headers: &HeaderMap) -> String {
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let host = text(header::HOST).unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| v == "http" || v == "https")
        .unwrap_or_else(|| "http".to_string());
    format!("{scheme}://{host}/api/events")
}

async fn list_events(
    State(st): State<Arc<AppState>>,
    Caller(p): Caller,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> ApiResult {
    rules::check_audit_log(&p)?;
    let q = events::parse_query(query.as_deref())?;
    let s = lock(&st.store);
    ok_jsonapi(&events::list(&s, &p, &q, &events_base(&headers))?)
}

async fn get_event(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
) -> ApiResult {
    rules::check_audit_log(&p)?;
    let s = lock(&st.store);
    let e = events::get(&s, &p, &id)?;
    ok_jsonapi(&json!({ "data": e.to_json() }))
}

async fn api_not_found(method: Method, req: Request) -> Response {
    legacy(
        StatusCode::NOT_FOUND,
        "Not Found",
        &format!("No route for {} {}", method, req.uri().path()),
    )
}

fn api_path(req_path: &str) -> String {
    match req_path.strip_prefix("/api") {
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => req_path.to_string(),
    }
}

enum BodyRead {
    Read(Bytes),
    TooLarge,
    Failed,
}

/// Read at most `limit` bytes of body; stop (without reading on) once it is over.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> BodyRead {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return BodyRead::TooLarge;
    }
    let mut stream = body.into_data_stream();
    let mut buf = BytesMut::new();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(c) if buf.len() + c.len() > limit => return BodyRead::TooLarge,
            Ok(c) => buf.extend_from_slice(&c),
            Err(_) => return BodyRead::Failed,
        }
    }
    BodyRead::Read(buf.freeze())
}

/// The customer id of a `/customer/{id}` path (not of its sub-resources).
fn customer_path(path: &str) -> Option<&str> {
    path.strip_prefix("/customer/")
        .filter(|id| !id.is_empty() && !id.contains('/'))
}

/// The customer's revision before and after a request: taken by the handler under the
/// same lock as its reading or applying (a response extension, for the request log).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RevisionNote {
    pub before: Option<u64>,
    pub after: Option<u64>,
}

/// A handler's answer, with the revisions of its customer around it.
fn noted(r: ApiResult, before: Option<u64>, after: Option<u64>) -> Response {
    let mut resp = r.unwrap_or_else(IntoResponse::into_response);
    resp.extensions_mut().insert(RevisionNote { before, after });
    resp
}

/// The request log's `token` for a request: the name of its token (never its value),
/// `"unknown"` for a key that is no token, null for none.
fn token_label(s: &Store, headers: &HeaderMap) -> Value {
    match key(headers) {
        None => Value::Null,
        Some(k) => s
            .tokens
            .get(k)
            .map(|t| json!(t.name))
            .unwrap_or_else(|| json!("unknown")),
    }
}

/// How a request ended, for its log entry.
enum End {
    Answer(Response),
    /// No answer: the connection is dropped.
    Drop,
    /// No answer: held (at most [`crate::faults::HANG_LIMIT`]), then dropped.
    Hold,
}

/// A request's entry in the request log, finished when the request ends. Dropped before
/// (the client went away: hyper drops the request's future), it records `client-gone`.
struct LogEntry {
    st: Arc<AppState>,
    ticket: Ticket,
    customer: Option<String>,
    write: bool,
    done: bool,
}

impl LogEntry {
    /// Record the customer's revisions: the handler's note, else (the handler did not
    /// run: nothing was applied) the revision now.
    fn revisions(&self, note: Option<RevisionNote>) {
        let Some(id) = &self.customer else {
            return;
        };
        let note = note.unwrap_or_else(|| {
            let now = lock(&self.st.store).revision(id);
            RevisionNote {
                before: now,
                after: now,
            }
        });
        let write = self.write;
        lock(&self.st.controls).update_request(self.ticket, |m| {
            m.insert("revision_before".into(), json!(note.before));
            if write {
                m.insert("revision_after".into(), json!(note.after));
            }
        });
    }

    /// Record how the request ended: `status` the status sent (none when dropped).
    fn end(&mut self, status: Option<StatusCode>, outcome: &str) {
        self.done = true;
        let mut c = lock(&self.st.controls);
        let at = c.epoch.now_ms();
        c.update_request(self.ticket, |m| {
            m.insert("answered_ms".into(), json!(at));
            m.insert("status".into(), json!(status.map(|s| s.as_u16())));
            m.insert("outcome".into(), json!(outcome));
        });
    }
}

impl Drop for LogEntry {
    fn drop(&mut self) {
        if !self.done {
            self.end(None, "client-gone");
        }
    }
}

/// Every API request: body read (capped: small until the token is known valid), logged,
/// then faults, latency and rate limits applied; its log entry finished when it ends.
async fn api_layer(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let arrived = Instant::now();
    let (parts, body) = req.into_parts();
    let (known, token) = {
        let s = lock(&st.store);
        let known = key(&parts.headers).is_some_and(|k| s.principal(k).is_some());
        (known, token_label(&s, &parts.headers))
    };
    let limit = if known {
        BODY_LIMIT
    } else {
        UNAUTHENTICATED_BODY_LIMIT
    };
    let read = read_body(&parts.headers, body, limit).await;
    let path = api_path(parts.uri.path());
    let method = parts.method.clone();
    let write = method != Method::GET && method != Method::HEAD;
    let customer = customer_path(&path).map(str::to_string);
    let logged_body = match &read {
        BodyRead::Read(b) => log_text(b),
        BodyRead::TooLarge => format!("…[not read: over {limit} bytes]"),
        BodyRead::Failed => "…[not read: the body could not be read]".to_string(),
    };
    let (ticket, decision) = {
        let mut c = lock(&st.controls);
        let decision = c.decide(&method, &path);
        let mut entry = json!({
            "method": method.as_str(),
            "path": log_text(path.as_bytes()),
            "query": parts.uri.query().map(|q| log_text(q.as_bytes())),
            "content_type": parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            "body": logged_body,
            "token": token,
            "started_ms": c.epoch.ms_at(arrived),
            "answered_ms": null,
            "status": null,
            "outcome": "pending",
            "fault": decision.fault.map(FaultKind::name),
            "fault_from": decision.fault_from,
            "latency_ms": decision.delay.as_millis() as u64,
        });
        if customer.is_some() {
            entry["revision_before"] = Value::Null;
            entry["revision_after"] = Value::Null;
        }
        (c.log_request(entry), decision)
    };
    let mut log = LogEntry {
        st: st.clone(),
        ticket,
        customer,
        write,
        done: false,
    };
    let (end, note) = handle(&st, parts, read, known, decision, next).await;
    log.revisions(note);
    match end {
        End::Answer(resp) => {
            log.end(Some(resp.status()), "answered");
            resp
        }
        End::Drop => {
            log.end(None, "dropped");
            dropped_response()
        }
        End::Hold => {
            lock(&st.controls).update_request(ticket, |m| {
                m.insert("outcome".into(), json!("held"));
            });
            let resp = hold_then_drop(&st).await;
            log.end(None, "dropped");
            resp
        }
    }
}

/// What an API request gets: the handler's answer, or that of its fault (before or after
/// the handler ran); and the customer's revisions if the handler noted them.
async fn handle(
    st: &AppState,
    parts: axum::http::request::Parts,
    read: BodyRead,
    known: bool,
    decision: Decision,
    next: Next,
) -> (End, Option<RevisionNote>) {
    let answer = |r: Response| (End::Answer(r), None);
    let bytes = match read {
        BodyRead::Read(b) => b,
        BodyRead::TooLarge if !known => return answer(ApiError::Unauthorized.into_response()),
        BodyRead::TooLarge => {
            return answer(ApiError::payload_too_large(BODY_LIMIT).into_response())
        }
        BodyRead::Failed => {
            return answer(legacy(
                StatusCode::BAD_REQUEST,
                "Bad request",
                "Could not read the request body",
            ))
        }
    };
    if !decision.delay.is_zero() {
        tokio::time::sleep(decision.delay).await;
    }
    match decision.fault {
        Some(FaultKind::Hang) => return (End::Hold, None),
        Some(FaultKind::Drop) => return (End::Drop, None),
        Some(kind) if !kind.applies() => return answer(fault_response(kind)),
        _ => {}
    }
    let method = &parts.method;
    let mut rate = None;
    if method != Method::GET && method != Method::HEAD {
        if let Some(tok) = key(&parts.headers) {
            let known = lock(&st.store).principal(tok).is_some();
            if known {
                let counted = lock(&st.controls).rate_limit(tok, now_epoch());
                match counted {
                    Ok(r) => rate = Some(r),
                    Err(reset) => return answer(too_many_requests(reset)),
                }
            }
        }
    }
    let mut resp = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let note = resp.extensions().get::<RevisionNote>().copied();
    match decision.fault {
        // Applied; the answer is never delivered.
        Some(FaultKind::HangAfter) => return (End::Hold, note),
        Some(FaultKind::DropAfter) => return (End::Drop, note),
        // Applied; a proxy's answer in place of the API's.
        Some(kind) if kind.applies() => return (End::Answer(fault_response(kind)), note),
        _ => {}
    }
    if let Some((remaining, reset)) = rate {
        set_rate_headers(&mut resp, remaining, reset);
    }
    (End::Answer(resp), note)
}

/// Every API answer says `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`
/// (a signed-in user's data: no cache, the browser's or a shared one, keeps it).
async fn api_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

pub fn api_router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/current_user", get(current_user))
        .route("/current_customer", get(current_customer))
        .route(
            "/customer/{customer_id}",
            get(get_customer).put(put_customer).delete(delete_customer),
        )
        .route("/customer/{customer_id}/users", get(customer_users))
        .route("/user/{user_id}", get(get_user))
        .route(
            "/customer/{customer_id}/contacts",
            get(list_contacts).post(create_contact),
        )
        .route(
            "/customer/{customer_id}/contacts/{contact_id}",
            axum::routing::delete(delete_contact),
        )
        .route("/events", get(list_events))
        .route("/events/{event_id}", get(get_event))
        .fallback(any(api_not_found))
        .layer(middleware::from_fn_with_state(state.clone(), api_layer))
        .layer(middleware::map_response(api_headers))
        .with_state(state)
}

/// 403 for a customer this principal may not read (whether it exists or not), then 404.
fn readable_customer<'s>(s: &'s Store, p: &Principal, id: &str) -> Result<&'s Customer, ApiError> {
    rules::check_foreign(p, id, false)?;
    let c = s
        .customers
        .get(id)
        .ok_or_else(|| ApiError::not_found("Customer", id))?;
    rules::check_read(p, id)?;
    Ok(c)
}

/// The checks of every change to a customer, in order: 403 for another company's customer
/// (before its existence is looked up; support staff excepted), 404, then `check` (403).
fn writable_customer<'s>(
    s: &'s Store,
    p: &Principal,
    id: &str,
    check: fn(&Principal, &Customer) -> Result<(), ApiError>,
) -> Result<&'s Customer, ApiError> {
    rules::check_foreign(p, id, true)?;
    let c = s
        .customers
        .get(id)
        .ok_or_else(|| ApiError::not_found("Customer", id))?;
    check(p, c)?;
    Ok(c)
}

/// The checks of every form-encoded write to a customer, in order (after the 401 of
/// [`Caller`]): those of [`writable_customer`], 415, then the body's pairs.
fn form_write(
    s: &Store,
    p: &Principal,
    id: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Vec<(String, String)>, ApiError> {
    writable_customer(s, p, id, rules::check_write)?;
    require_form(headers)?;
    parse_form(body)
}

/// Soft-delete a record: `deleted_at` and `updated_at` set to now.
fn mark_deleted(deleted_at: &mut Option<String>, updated_at: &mut Option<String>) {
    let now = now_rfc3339();
    *deleted_at = Some(now.clone());
    *updated_at = Some(now);
}

#[cfg(test)]
mod tests {
    use axum::extract::FromRequestParts;

    use super::*;

    async fn caller(st: &Arc<AppState>, token: &str) -> Result<Caller, ApiError> {
        let (mut parts, ()) = Request::builder()
            .header("Fastly-Key", token)
            .body(())
            .unwrap()
            .into_parts();
        Caller::from_request_parts(&mut parts, st).await
    }

    #[tokio::test]
    async fn caller_is_401_for_unknown_and_logged_out_tokens() {
        let st = Arc::new(AppState::new());
        let p = caller(&st, " acme-owner-token ").await.unwrap().0;
        assert_eq!(p.customer_id, crate::data::ACME);
        assert!(matches!(
            caller(&st, "nope").await,
            Err(ApiError::Unauthorized)
        ));
        lock(&st.store).logged_out.insert(p.user_id);
        assert!(matches!(
            caller(&st, "acme-owner-token").await,
            Err(ApiError::Unauthorized)
        ));
    }

    /// The caller's user gone between the extractor and the handler: 401, not a panic.
    #[tokio::test]
    async fn a_caller_whose_user_is_gone_is_401() {
        let st = Arc::new(AppState::new());
        let c = caller(&st, "acme-owner-token").await.unwrap();
        let id = c.0.user_id.clone();
        lock(&st.store).users.remove(&id);
        let r = current_user(State(st.clone()), c.clone()).await;
        assert!(matches!(r, Err(ApiError::Unauthorized)), "{r:?}");
        let r = get_user(State(st.clone()), Path(id), c).await;
        assert!(
            matches!(r, Err(ApiError::Legacy(StatusCode::FORBIDDEN, _, _))),
            "{r:?}"
        );
    }
}
