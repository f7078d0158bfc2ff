//! The Fastly account API endpoints (mounted under `/api`).

use std::sync::Arc;

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

use crate::auth::{key, principal, Caller};
use crate::errors::{json_response, legacy, ApiError};
use crate::faults::{
    fault_response, hold_then_drop, log_text, now_epoch, set_rate_headers, too_many_requests,
    FaultKind,
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
) -> ApiResult {
    let s = lock(&st.store);
    let c = readable_customer(&s, &p, &id)?;
    ok_json(&c.to_json(rules::sees_billing(&p)))
}

async fn put_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let mut s = lock(&st.store);
    let pairs = form_write(&s, &p, &id, &headers, &body)?;
    let before = s
        .customers
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Customer", &id))?;
    rules::update_customer(&mut s, &p, &id, &pairs)?;
    let c = s
        .customers
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Customer", &id))?;
    events::record_customer_update(&mut s, &p, &before, &c);
    s.record_revision(&id, &p.token, Some(&p.user_id));
    ok_json(&c.to_json(rules::sees_billing(&p)))
}

async fn delete_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    Caller(p): Caller,
) -> ApiResult {
    let mut s = lock(&st.store);
    writable_customer(&s, &p, &id, rules::check_delete)?;
    let c = s
        .customers
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found("Customer", &id))?;
    mark_deleted(&mut c.deleted_at, &mut c.updated_at);
    let c = c.clone();
    events::record_customer_deleted(&mut s, &p, &c);
    s.record_revision(&id, &p.token, Some(&p.user_id));
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

/// Every API request: body read (capped: small until the token is known valid), logged,
/// then faults, latency and rate limits applied.
async fn api_layer(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let known = principal(&st, &parts.headers).is_some();
    let limit = if known {
        BODY_LIMIT
    } else {
        UNAUTHENTICATED_BODY_LIMIT
    };
    let read = read_body(&parts.headers, body, limit).await;
    let path = api_path(parts.uri.path());
    let method = parts.method.clone();
    let logged_body = match &read {
        BodyRead::Read(b) => log_text(b),
        BodyRead::TooLarge => format!("…[not read: over {limit} bytes]"),
        BodyRead::Failed => "…[not read: the body could not be read]".to_string(),
    };
    let (fault, delay) = {
        let mut c = lock(&st.controls);
        c.log_request(json!({
            "method": method.as_str(),
            "path": log_text(path.as_bytes()),
            "query": parts.uri.query().map(|q| log_text(q.as_bytes())),
            "content_type": parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            "body": logged_body,
        }));
        (c.take_fault(&method, &path), c.latency_for(&method, &path))
    };
    let bytes = match read {
        BodyRead::Read(b) => b,
        BodyRead::TooLarge if !known => return ApiError::Unauthorized.into_response(),
        BodyRead::TooLarge => return ApiError::payload_too_large(limit).into_response(),
        BodyRead::Failed => {
            return legacy(
                StatusCode::BAD_REQUEST,
                "Bad request",
                "Could not read the request body",
            )
        }
    };
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    match fault {
        Some(FaultKind::Hang) => return hold_then_drop(&st).await,
        Some(kind) if !kind.applies() => return fault_response(kind),
        _ => {}
    }
    let mut rate = None;
    if method != Method::GET && method != Method::HEAD {
        if let Some(tok) = key(&parts.headers) {
            let known = lock(&st.store).principal(tok).is_some();
            if known {
                let counted = lock(&st.controls).rate_limit(tok, now_epoch());
                match counted {
                    Ok(r) => rate = Some(r),
                    Err(reset) => return too_many_requests(reset),
                }
            }
        }
    }
    let mut resp = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    match fault {
        Some(FaultKind::HangAfter) => {
            // Applied; the answer is never delivered.
            drop(resp);
            return hold_then_drop(&st).await;
        }
        // Applied; a proxy's 504, or no answer at all, in place of the API's.
        Some(kind) if kind.applies() => return fault_response(kind),
        _ => {}
    }
    if let Some((remaining, reset)) = rate {
        set_rate_headers(&mut resp, remaining, reset);
    }
    resp
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
