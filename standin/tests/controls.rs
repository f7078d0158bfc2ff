//! Real HTTP tests of who may use the test controls (`/__standin/*`): only requests to a
//! loopback `Host`, from no or the stand-in's own `Origin`, with JSON bodies (or none).
//! Each test starts its own server on 127.0.0.1:0.

use reqwest::header::{HeaderName, CONTENT_TYPE, HOST, ORIGIN};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};

mod common;
use common::*;

impl T {
    /// `host:port` of the server, as a client sends it in `Host`.
    fn authority(&self) -> String {
        self.base.trim_start_matches("http://").to_string()
    }
    fn port(&self) -> u16 {
        self.base.rsplit(':').next().unwrap().parse().unwrap()
    }
    fn req(&self, method: Method, p: &str) -> RequestBuilder {
        self.http
            .request(method, self.url(&format!("/__standin{p}")))
    }
    async fn faults_now(&self) -> Vec<Value> {
        let (s, _, v) = json_of(self.req(Method::GET, "/faults").send().await.unwrap()).await;
        assert_eq!(s, 200, "{v}");
        v.as_array().unwrap().clone()
    }
    async fn add_fault(&self) {
        let r = self
            .control(
                Method::POST,
                "/faults",
                json!({"path": "/current_user", "fault": "500"}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
}

/// What a refused control request answers: (status, msg, detail), as JSON.
async fn refusal(r: reqwest::Response) -> (StatusCode, String, String) {
    let (s, ct, v) = json_of(r).await;
    assert_eq!(ct, "application/json", "{v}");
    (
        s,
        v["msg"].as_str().unwrap().to_string(),
        v["detail"].as_str().unwrap().to_string(),
    )
}

/// Every control, each with a body it would act on.
fn every_control() -> Vec<(Method, &'static str, Value)> {
    vec![
        (Method::POST, "/reset", json!({})),
        (
            Method::POST,
            "/faults",
            json!({"path": "/current_customer", "fault": "500"}),
        ),
        (Method::GET, "/faults", json!({})),
        (Method::DELETE, "/faults", json!({})),
        (Method::POST, "/latency", json!({"ms": 5000})),
        (Method::GET, "/requests", json!({})),
        (Method::DELETE, "/requests", json!({})),
        (Method::POST, "/ratelimit", json!({"remaining": 0})),
        (
            Method::GET,
            "/history?customer=7XbRfLq2Zk9mWcT4pN1sVe",
            json!({}),
        ),
        (
            Method::POST,
            "/chaos",
            json!({"rate": 1, "kinds": ["500"], "latency_ms": [5000, 5000]}),
        ),
        (Method::GET, "/chaos", json!({})),
        (Method::DELETE, "/chaos", json!({})),
        (Method::GET, "/no-such-control", json!({})),
    ]
}

/// The state the controls change, to show a refused request did nothing: the customer's
/// name (reset), the faults, the request log, latency and the rate limit.
async fn changed_state(t: &T) -> String {
    let p = format!("/customer/{ACME}");
    let r = t.put_form("acme-owner-token", &p, "name=Changed+Co").await;
    assert_eq!(r.status(), 200);
    t.add_fault().await;
    r.headers()["fastly-ratelimit-remaining"]
        .to_str()
        .unwrap()
        .to_string()
}

async fn assert_untouched(t: &T, remaining_before: &str) {
    // The fault set up by `changed_state` (and no other) is there: nothing added or cleared.
    let faults = t.faults_now().await;
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert_eq!(faults[0]["path"], "/current_user");
    // Not reset: the change stands; no latency; the rate limit went on counting.
    let start = std::time::Instant::now();
    let c = t.customer("acme-owner-token", ACME).await;
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(c["name"], "Changed Co");
    let r = t
        .put_form("acme-owner-token", &format!("/customer/{ACME}"), "")
        .await;
    let remaining: u32 = r.headers()["fastly-ratelimit-remaining"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(remaining + 1, remaining_before.parse::<u32>().unwrap());
    // The request log was not cleared: it holds the PUT of `changed_state`.
    let (_, _, log) = json_of(t.req(Method::GET, "/requests").send().await.unwrap()).await;
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["body"] == "name=Changed+Co"));
}

/// Every control, sent with `header: value`, is refused with a 403 whose detail names `why`.
async fn assert_every_control_refused(t: &T, header: HeaderName, value: &str, why: &str) {
    for (m, p, body) in every_control() {
        let r = t
            .req(m.clone(), p)
            .header(header.clone(), value)
            .json(&body)
            .send()
            .await
            .unwrap();
        let (s, msg, detail) = refusal(r).await;
        assert_eq!(
            (s, msg.as_str()),
            (StatusCode::FORBIDDEN, "Forbidden"),
            "{m} {p} {header}: {value}"
        );
        assert!(detail.contains(why), "{detail}");
    }
}

#[tokio::test]
async fn controls_refuse_a_host_that_is_not_loopback() {
    let t = controls().await;
    let remaining = changed_state(&t).await;
    let port = t.port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("192.168.1.10:{port}"),
        format!("0.0.0.0:{port}"),
        format!("[::]:{port}"),
        format!("::1:{port}"),
        String::new(),
    ] {
        assert_every_control_refused(&t, HOST, &host, "loopback").await;
    }
    assert_untouched(&t, &remaining).await;
}

#[tokio::test]
async fn controls_answer_every_loopback_host() {
    let t = controls().await;
    let port = t.port();
    for host in [
        t.authority(),
        "127.0.0.1".to_string(),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
        format!("127.0.0.2:{port}"),
    ] {
        let r = t
            .req(Method::GET, "/faults")
            .header(HOST, &host)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{host}");
        // With the matching Origin too.
        let own = format!("http://{host}");
        let r = t
            .req(Method::POST, "/latency")
            .header(HOST, &host)
            .header(ORIGIN, &own)
            .json(&json!({"ms": 0}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{host} {own}");
    }
}

#[tokio::test]
async fn controls_refuse_another_origin() {
    let t = controls().await;
    let remaining = changed_state(&t).await;
    let port = t.port();
    for origin in [
        "http://evil.example".to_string(),
        format!("http://evil.example:{port}"),
        "null".to_string(),
        format!("https://127.0.0.1:{port}"),
        format!("http://127.0.0.1:{}", port.wrapping_add(1)),
        "http://127.0.0.1".to_string(),
        format!("http://localhost:{port}"),
        format!("http://[::1]:{port}"),
        format!("http://127.0.0.1:{port}/"),
        String::new(),
    ] {
        assert_every_control_refused(&t, ORIGIN, &origin, "origin").await;
    }
    assert_untouched(&t, &remaining).await;

    // Its own origin, or none: answered.
    let own = t.base.clone();
    assert_eq!(
        t.req(Method::GET, "/requests")
            .header(ORIGIN, &own)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = t
        .req(Method::POST, "/reset")
        .header(ORIGIN, &own)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
}

#[tokio::test]
async fn control_bodies_must_be_json() {
    let t = controls().await;
    let remaining = changed_state(&t).await;
    let fault = r#"{"path": "/current_customer", "fault": "500"}"#;
    // What a cross-site form or a no-cors fetch can send, and other non-JSON types.
    for (ct, body) in [
        (Some("text/plain"), fault),
        (Some("text/plain;charset=UTF-8"), fault),
        (
            Some("application/x-www-form-urlencoded"),
            "path=/current_customer&fault=500",
        ),
        (
            Some("multipart/form-data; boundary=x"),
            "--x\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n/current_customer\r\n--x--\r\n",
        ),
        (Some("application/octet-stream"), fault),
        (Some("application/vnd.api+json"), fault),
        (Some("text/json"), fault),
        (Some(""), fault),
        (None, fault),
        (None, "{}"),
    ] {
        for (m, p) in [
            (Method::POST, "/faults"),
            (Method::POST, "/reset"),
            (Method::POST, "/latency"),
            (Method::POST, "/ratelimit"),
            (Method::POST, "/chaos"),
            (Method::DELETE, "/faults"),
            (Method::DELETE, "/requests"),
        ] {
            let mut rb = t.req(m.clone(), p).body(body.to_string());
            if let Some(ct) = ct {
                rb = rb.header(CONTENT_TYPE, ct);
            }
            let (s, msg, detail) = refusal(rb.send().await.unwrap()).await;
            assert_eq!(
                (s, msg.as_str()),
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type"),
                "{m} {p} {ct:?}"
            );
            assert!(detail.contains("application/json"), "{detail}");
        }
    }
    // A refused Content-Type is refused even without a body (a form with no fields).
    let r = t
        .req(Method::POST, "/reset")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    assert_untouched(&t, &remaining).await;

    // JSON, with parameters or in any case, is taken.
    for ct in [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
    ] {
        let r = t
            .req(Method::POST, "/faults")
            .header(CONTENT_TYPE, ct)
            .body(fault)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{ct}");
    }
    assert_eq!(t.faults_now().await.len(), 4);
    // A body over 64 KiB is 413, not read.
    let big = format!(
        r#"{{"path": "/current_customer", "fault": "500", "pad": "{}"}}"#,
        "x".repeat(70 * 1024)
    );
    let r = t
        .req(Method::POST, "/faults")
        .header(CONTENT_TYPE, "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(refusal(r).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(t.faults_now().await.len(), 4);
}

/// What the end-to-end suite's helpers send (Playwright's `request.post(url)` without
/// data: no body, no Content-Type, no Origin; `request.post(url, { data })`: JSON;
/// `request.get`/`request.delete` without a body) keeps working.
#[tokio::test]
async fn playwright_shaped_requests_keep_working() {
    let t = controls().await;
    let ok = |r: reqwest::Response| async move {
        let (s, _, v) = json_of(r).await;
        assert_eq!(s, 200, "{v}");
        v
    };
    ok(t.req(Method::POST, "/reset").send().await.unwrap()).await;
    ok(t.req(Method::POST, "/reset")
        .header("Content-Length", "0")
        .send()
        .await
        .unwrap())
    .await;
    ok(t.req(Method::POST, "/faults")
        .header(CONTENT_TYPE, "application/json")
        .body(r#"{"method":"GET","path":"/current_user","fault":"500","times":1}"#)
        .send()
        .await
        .unwrap())
    .await;
    ok(t.req(Method::POST, "/latency")
        .header(CONTENT_TYPE, "application/json")
        .body(r#"{"ms":0}"#)
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!(
        t.get("acme-owner-token", "/current_user").await.status(),
        500
    );
    let log = ok(t.req(Method::GET, "/requests").send().await.unwrap()).await;
    assert_eq!(log.as_array().unwrap().len(), 1);
    ok(t.req(Method::DELETE, "/requests").send().await.unwrap()).await;
    let log = ok(t.req(Method::GET, "/requests").send().await.unwrap()).await;
    assert_eq!(log, json!([]));
    ok(t.req(Method::DELETE, "/faults").send().await.unwrap()).await;
    assert_eq!(t.faults_now().await.len(), 0);
}

/// The API itself is not limited to loopback hosts or any origin (a proxy in front of
/// the stand-in may pass its own name).
#[tokio::test]
async fn the_api_is_not_held_to_the_control_rules() {
    let t = controls().await;
    let r = t
        .http
        .get(t.url("/api/current_user"))
        .header("Fastly-Key", "acme-owner-token")
        .header(HOST, "console.example")
        .header(ORIGIN, "http://console.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
