//! The Fastly account API endpoints (mounted under `/api`).

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, get};
use axum::Router;
use serde_json::{json, Value};

use crate::errors::{json_response, legacy, ApiError};
use crate::faults::{fault_response, now_epoch, set_rate_headers, too_many_requests};
use crate::rules;
use crate::store::{now_rfc3339, Principal, Store};
use crate::AppState;

type ApiResult = Result<Response, ApiError>;

fn key(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("fastly-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn auth(store: &Store, headers: &HeaderMap) -> Result<Principal, ApiError> {
    key(headers)
        .and_then(|k| store.principal(k))
        .ok_or(ApiError::Unauthorized)
}

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

async fn current_user(State(st): State<Arc<AppState>>, headers: HeaderMap) -> ApiResult {
    let s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    ok_json(&s.users[&p.user_id].to_json())
}

async fn current_customer(State(st): State<Arc<AppState>>, headers: HeaderMap) -> ApiResult {
    let s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    let c = s
        .customers
        .get(&p.customer_id)
        .ok_or_else(|| ApiError::not_found("Customer", &p.customer_id))?;
    ok_json(&c.to_json(rules::sees_billing(&p)))
}

async fn get_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    let c = s
        .customers
        .get(&id)
        .ok_or_else(|| ApiError::not_found("Customer", &id))?;
    rules::check_read(&p, &id)?;
    ok_json(&c.to_json(rules::sees_billing(&p)))
}

async fn put_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let mut s = st.store.lock().unwrap();
    let (p, pairs) = form_write(&s, &headers, &id, &body)?;
    rules::update_customer(&mut s, &p, &id, &pairs)?;
    ok_json(&s.customers[&id].to_json(rules::sees_billing(&p)))
}

async fn delete_customer(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let mut s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    let c = s
        .customers
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found("Customer", &id))?;
    rules::check_write(&p, c)?;
    let now = now_rfc3339();
    c.deleted_at = Some(now.clone());
    c.updated_at = Some(now);
    status_ok()
}

async fn customer_users(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    readable_customer(&s, &p, &id)?;
    let list: Vec<Value> = s
        .customer_users
        .get(&id)
        .map(|ids| {
            ids.iter()
                .filter_map(|u| s.users.get(u))
                .map(|u| u.to_json())
                .collect()
        })
        .unwrap_or_default();
    ok_json(&Value::Array(list))
}

async fn get_user(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    let u = s
        .users
        .get(&id)
        .ok_or_else(|| ApiError::not_found("User", &id))?;
    rules::check_read(&p, &u.customer_id)?;
    ok_json(&u.to_json())
}

async fn list_contacts(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    readable_customer(&s, &p, &id)?;
    let list: Vec<Value> = s
        .contacts
        .get(&id)
        .map(|cs| {
            cs.iter()
                .filter(|c| c.deleted_at.is_none())
                .map(|c| c.to_json())
                .collect()
        })
        .unwrap_or_default();
    ok_json(&Value::Array(list))
}

async fn create_contact(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    let mut s = st.store.lock().unwrap();
    let (p, pairs) = form_write(&s, &headers, &id, &body)?;
    let contact = rules::create_contact(&mut s, &p, &id, &pairs)?;
    ok_json(&contact.to_json())
}

async fn delete_contact(
    State(st): State<Arc<AppState>>,
    Path((id, contact_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult {
    let mut s = st.store.lock().unwrap();
    let p = auth(&s, &headers)?;
    let c = s
        .customers
        .get(&id)
        .ok_or_else(|| ApiError::not_found("Customer", &id))?;
    rules::check_write(&p, c)?;
    let contact = s
        .contacts
        .get_mut(&id)
        .and_then(|cs| {
            cs.iter_mut()
                .find(|c| c.id == contact_id && c.deleted_at.is_none())
        })
        .ok_or_else(|| ApiError::not_found("Contact", &contact_id))?;
    let now = now_rfc3339();
    contact.deleted_at = Some(now.clone());
    contact.updated_at = Some(now);
    status_ok()
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

/// Every API request: logged, then faults, latency and rate limits applied.
async fn api_layer(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, 16 * 1024 * 1024).await {
        Ok(b) => b,
        Err(_) => {
            return legacy(
                StatusCode::BAD_REQUEST,
                "Bad request",
                "Could not read the request body",
            )
        }
    };
    let path = api_path(parts.uri.path());
    let method = parts.method.clone();
    let (fault, delay) = {
        let mut c = st.controls.lock().unwrap();
        c.log_request(json!({
            "method": method.as_str(),
            "path": path,
            "query": parts.uri.query(),
            "content_type": parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            "body": String::from_utf8_lossy(&bytes),
        }));
        (c.take_fault(&method, &path), c.latency_for(&method, &path))
    };
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    if let Some(kind) = fault {
        return fault_response(kind);
    }
    let mut rate = None;
    if method != Method::GET && method != Method::HEAD {
        if let Some(tok) = key(&parts.headers) {
            let known = st.store.lock().unwrap().principal(tok).is_some();
            if known {
                match st.controls.lock().unwrap().rate_limit(tok, now_epoch()) {
                    Ok(r) => rate = Some(r),
                    Err(reset) => return too_many_requests(reset),
                }
            }
        }
    }
    let mut resp = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if let Some((remaining, reset)) = rate {
        set_rate_headers(&mut resp, remaining, reset);
    }
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
        .fallback(any(api_not_found))
        .layer(middleware::from_fn_with_state(state.clone(), api_layer))
        .with_state(state)
}

/// 404 for an unknown customer, 403 for one this principal may not read.
fn readable_customer(s: &Store, p: &Principal, id: &str) -> Result<(), ApiError> {
    if !s.customers.contains_key(id) {
        return Err(ApiError::not_found("Customer", id));
    }
    rules::check_read(p, id)
}

/// The checks of every form-encoded write to a customer, in Fastly's order:
/// 401, 404, 403, 415, then the body's pairs.
fn form_write(
    s: &Store,
    headers: &HeaderMap,
    id: &str,
    body: &Bytes,
) -> Result<(Principal, Vec<(String, String)>), ApiError> {
    let p = auth(s, headers)?;
    let c = s
        .customers
        .get(id)
        .ok_or_else(|| ApiError::not_found("Customer", id))?;
    rules::check_write(&p, c)?;
    require_form(headers)?;
    Ok((p, parse_form(body)?))
}
