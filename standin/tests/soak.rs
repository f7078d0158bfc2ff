//! Real HTTP tests of the test controls a soak test needs: the fault kinds of a gateway in
//! front of the API (503, 502, 504-after, drop-after, 429 with Retry-After), chaos mode,
//! the revisions of each customer (`/__standin/history`) and what the request log records.
//! Each test starts its own server on 127.0.0.1:0.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};

mod common;
use common::*;

const OWNER: &str = "acme-owner-token";

fn acme() -> String {
    format!("/customer/{ACME}")
}

impl T {
    async fn fault(&self, body: Value) {
        let r = self.control(Method::POST, "/faults", body).await;
        assert_eq!(r.status(), 200);
    }
    async fn acme_name(&self) -> String {
        self.customer(OWNER, ACME).await["name"]
            .as_str()
            .unwrap()
            .to_string()
    }
    /// A request whose answer never completes: the connection is dropped.
    async fn is_dropped(&self, method: Method, token: &str, p: &str, body: &str) -> bool {
        let res = self
            .http
            .request(method, self.url(&format!("/api{p}")))
            .header("Fastly-Key", token)
            .header("Content-Type", FORM)
            .body(body.to_string())
            .send()
            .await;
        match res {
            Err(_) => true,
            Ok(r) => r.text().await.is_err(),
        }
    }
}

/// (status, Content-Type, body text)
async fn text_of(r: reqwest::Response) -> (u16, String, String) {
    let s = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (s, ct, r.text().await.unwrap())
}

fn header_num(r: &reqwest::Response, name: &str) -> i64 {
    r.headers()[name].to_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn fault_503_answers_json_and_does_not_apply() {
    let t = controls().await;
    t.fault(json!({"path": acme(), "fault": "503", "times": 2}))
        .await;
    let (s, ct, body) = text_of(t.put_form(OWNER, &acme(), "name=Not+Applied").await).await;
    assert_eq!((s, ct.as_str()), (503, "application/json"), "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v,
        json!({"msg": "Service Unavailable", "detail": "stand-in fault"})
    );
    let (s, ct, _) = text_of(t.get(OWNER, &acme()).await).await;
    assert_eq!((s, ct.as_str()), (503, "application/json"));
    assert_eq!(t.acme_name().await, "Acme Widgets Ltd");
}

#[tokio::test]
async fn fault_502_answers_html_and_does_not_apply() {
    let t = controls().await;
    // A number is taken as well as a string.
    t.fault(json!({"method": "PUT", "path": acme(), "fault": 502, "times": 1}))
        .await;
    let (s, ct, body) = text_of(t.put_form(OWNER, &acme(), "name=Not+Applied").await).await;
    assert_eq!((s, ct.as_str()), (502, "text/html"));
    assert_eq!(body, "<html><body><h1>502 Bad Gateway</h1></body></html>");
    assert_eq!(t.acme_name().await, "Acme Widgets Ltd");
}

#[tokio::test]
async fn fault_504_after_applies_then_answers_a_gateway_page() {
    let t = controls().await;
    t.fault(json!({"method": "PUT", "path": acme(), "fault": "504-after", "times": 1}))
        .await;
    let (s, ct, body) = text_of(t.put_form(OWNER, &acme(), "name=Applied+Anyway").await).await;
    assert_eq!((s, ct.as_str()), (504, "text/html"));
    assert_eq!(
        body,
        "<html><body><h1>504 Gateway Time-out</h1></body></html>"
    );
    assert_eq!(t.acme_name().await, "Applied Anyway");
    // A GET: the same page (nothing to apply).
    t.fault(json!({"method": "GET", "path": acme(), "fault": "504-after", "times": 1}))
        .await;
    let (s, ct, body) = text_of(t.get(OWNER, &acme()).await).await;
    assert_eq!((s, ct.as_str()), (504, "text/html"));
    assert!(body.contains("504 Gateway Time-out"));
    // A refused write is not applied by the fault either.
    t.fault(json!({"path": acme(), "fault": "504-after", "times": 1}))
        .await;
    let r = t.put_form("acme-user-token", &acme(), "name=Refused").await;
    assert_eq!(r.status(), 504);
    assert_eq!(t.acme_name().await, "Applied Anyway");
}

#[tokio::test]
async fn fault_drop_after_applies_then_drops() {
    let t = controls().await;
    t.fault(json!({"path": acme(), "fault": "drop-after", "times": 2}))
        .await;
    assert!(
        t.is_dropped(Method::PUT, OWNER, &acme(), "name=Applied+Silently")
            .await
    );
    assert!(t.is_dropped(Method::GET, OWNER, &acme(), "").await);
    assert_eq!(t.acme_name().await, "Applied Silently");
    // `drop` (for comparison) does not apply.
    t.fault(json!({"path": acme(), "fault": "drop", "times": 1}))
        .await;
    assert!(
        t.is_dropped(Method::PUT, OWNER, &acme(), "name=Dropped+Before")
            .await
    );
    assert_eq!(t.acme_name().await, "Applied Silently");
    let (_, _, faults) =
        json_of(t.http.get(t.url("/__standin/faults")).send().await.unwrap()).await;
    assert_eq!(faults, json!([]));
}

#[tokio::test]
async fn every_429_carries_retry_after_and_the_rate_limit_headers() {
    let t = controls().await;
    // The fault.
    t.fault(json!({"method": "PUT", "path": acme(), "fault": "429", "times": 1}))
        .await;
    let r = t.put_form(OWNER, &acme(), "name=Limited").await;
    assert_eq!(r.status(), 429);
    let now = chrono::Utc::now().timestamp();
    let reset = header_num(&r, "fastly-ratelimit-reset");
    let wait = header_num(&r, "retry-after");
    assert_eq!(header_num(&r, "fastly-ratelimit-remaining"), 0);
    assert!((now + 3500..=now + 3700).contains(&reset), "{reset}");
    assert!((reset - now - wait).abs() <= 2, "{wait} {reset} {now}");
    assert_eq!(t.acme_name().await, "Acme Widgets Ltd");
    // The rate limit itself, exhausted.
    let r = t
        .control(
            Method::POST,
            "/ratelimit",
            json!({"remaining": 0, "token": OWNER}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = t.put_form(OWNER, &acme(), "name=Limited").await;
    assert_eq!(r.status(), 429);
    assert_eq!(header_num(&r, "fastly-ratelimit-remaining"), 0);
    let wait = header_num(&r, "retry-after");
    assert!((1..=3600).contains(&wait), "{wait}");
    assert_eq!(t.acme_name().await, "Acme Widgets Ltd");
}

// ---- revisions: /__standin/history ----

impl T {
    /// (current revision, dropped, the revisions) of a customer.
    async fn history(&self, id: &str) -> (u64, u64, Vec<Value>) {
        let r = self
            .http
            .get(self.url(&format!("/__standin/history?customer={id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let current = header_num(&r, "x-standin-revision") as u64;
        let dropped = header_num(&r, "x-standin-history-dropped") as u64;
        let (_, ct, v) = json_of(r).await;
        assert_eq!(ct, "application/json");
        (current, dropped, v.as_array().unwrap().clone())
    }
}

#[tokio::test]
async fn every_applied_change_is_a_revision_with_its_values_and_author() {
    let t = controls().await;
    let (current, dropped, h) = t.history(ACME).await;
    assert_eq!((current, dropped, h.len()), (1, 0, 1));
    assert_eq!(h[0]["revision"], 1);
    assert_eq!(h[0]["by"], "seed");
    assert_eq!(h[0]["at_ms"], 0);
    // The values are what GET /customer/{id} answers an owner.
    assert_eq!(h[0]["values"], t.customer(OWNER, ACME).await);

    // A PUT bumps the revision by one.
    let r = t.put_form(OWNER, &acme(), "name=Rev+Two").await;
    assert_eq!(r.status(), 200);
    let answered: Value = r.json().await.unwrap();
    let (current, _, h) = t.history(ACME).await;
    assert_eq!((current, h.len()), (2, 2));
    assert_eq!(h[1]["revision"], 2);
    assert_eq!(h[1]["by"], OWNER);
    assert_eq!(h[1]["user_id"], answered["owner_id"]);
    assert_eq!(h[1]["values"], answered);
    assert_eq!(h[1]["values"]["name"], "Rev Two");
    assert_eq!(h[0]["values"]["name"], "Acme Widgets Ltd");

    // Refused writes (403, 400, 415, 401) and reads are not revisions.
    assert_eq!(
        t.put_form("acme-user-token", &acme(), "name=No")
            .await
            .status(),
        403
    );
    assert_eq!(t.put_form(OWNER, &acme(), "id=x").await.status(), 400);
    assert_eq!(t.put_form("nope", &acme(), "name=No").await.status(), 401);
    let r = t
        .http
        .put(t.url(&format!("/api{}", acme())))
        .header("Fastly-Key", OWNER)
        .json(&json!({"name": "No"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    t.customer(OWNER, ACME).await;
    assert_eq!(t.history(ACME).await.0, 2);

    // A write by another token (as a test's direct request.put would make) is recorded
    // with its author; a PUT that changes no value is a revision too (updated_at).
    let r = t
        .put_form(
            "acme-superuser-token",
            &acme(),
            "phone_number=%2B1+555+0100",
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(t.put_form(OWNER, &acme(), "").await.status(), 200);
    let (current, _, h) = t.history(ACME).await;
    assert_eq!(current, 4);
    assert_eq!(h[2]["by"], "acme-superuser-token");
    assert_eq!(h[2]["values"]["phone_number"], "+1 555 0100");
    assert_eq!(h[2]["values"]["name"], "Rev Two");
    assert_eq!(h[3]["by"], OWNER);
    let revs: Vec<u64> = h.iter().map(|e| e["revision"].as_u64().unwrap()).collect();
    assert_eq!(revs, [1, 2, 3, 4]);
    let times: Vec<u64> = h.iter().map(|e| e["at_ms"].as_u64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    // Contacts are not the customer's values: no revision.
    let r = t
        .post_form(
            OWNER,
            &format!("{}/contacts", acme()),
            "contact_type=general+compliance&name=Ann&email=ann%40example.com",
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(t.history(ACME).await.0, 4);

    // Deleting the customer is a revision (deleted_at).
    assert_eq!(t.delete(OWNER, &acme()).await.status(), 200);
    let (current, _, h) = t.history(ACME).await;
    assert_eq!(current, 5);
    assert!(h[4]["values"]["deleted_at"].is_string());

    // Other customers have their own; reset starts again at 1.
    assert_eq!(t.history(GLOBEX).await.0, 1);
    assert_eq!(
        t.control(Method::POST, "/reset", json!({})).await.status(),
        200
    );
    let (current, _, h) = t.history(ACME).await;
    assert_eq!((current, h.len()), (1, 1));
    assert_eq!(h[0]["values"]["name"], "Acme Widgets Ltd");
}

#[tokio::test]
async fn history_needs_a_known_customer() {
    let t = controls().await;
    for (q, status) in [
        ("", 400),
        ("?customer=nope", 404),
        ("?other=1", 400),
        (&format!("?customer={INITECH}") as &str, 200),
    ] {
        let r = t
            .http
            .get(t.url(&format!("/__standin/history{q}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{q}");
    }
    // Not without --test-controls.
    let plain = start(fastly_standin::Config::default()).await;
    let r = plain
        .http
        .get(plain.url(&format!("/__standin/history?customer={ACME}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

// ---- the request log ----

impl T {
    async fn log(&self, query: &str) -> Vec<Value> {
        let r = self
            .http
            .get(self.url(&format!("/__standin/requests{query}")))
            .send()
            .await
            .unwrap();
        let (s, _, v) = json_of(r).await;
        assert_eq!(s, 200, "{v}");
        v.as_array().unwrap().clone()
    }
    async fn last_logged(&self) -> Value {
        self.log("").await.last().unwrap().clone()
    }
}

fn ms(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not ms: {v}"))
}

#[tokio::test]
async fn the_log_records_token_times_status_and_revisions() {
    let t = controls().await;
    t.get(OWNER, "/current_user").await;
    let e = t.last_logged().await;
    assert_eq!(e["index"], 0);
    assert_eq!(e["token"], OWNER);
    assert_eq!(e["status"], 200);
    assert_eq!(e["outcome"], "answered");
    assert_eq!(e["fault"], Value::Null);
    assert_eq!(e["latency_ms"], 0);
    assert!(ms(&e["started_ms"]) <= ms(&e["answered_ms"]));
    // Not a /customer/{id} request: no revisions.
    assert!(e.get("revision_before").is_none() && e.get("revision_after").is_none());

    // A PUT applied: its revisions around it.
    assert_eq!(
        t.put_form(OWNER, &acme(), "name=Logged").await.status(),
        200
    );
    let e = t.last_logged().await;
    assert_eq!(
        (e["method"].as_str(), e["index"].as_u64()),
        (Some("PUT"), Some(1))
    );
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(1), Some(2))
    );
    // Refused: the same revision after; the token's name.
    assert_eq!(
        t.put_form("acme-user-token", &acme(), "name=No")
            .await
            .status(),
        403
    );
    let e = t.last_logged().await;
    assert_eq!(e["token"], "acme-user-token");
    assert_eq!(e["status"], 403);
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(2), Some(2))
    );
    // A read: the revision it read; no revision_after.
    t.customer(OWNER, ACME).await;
    let e = t.last_logged().await;
    assert_eq!(e["revision_before"], 2);
    assert_eq!(e["revision_after"], Value::Null);
    // Sub-resources are not the customer's.
    t.get(OWNER, &format!("{}/users", acme())).await;
    assert!(t.last_logged().await.get("revision_before").is_none());
    // A key that is no token (never logged as such) and none at all; 401s logged too.
    assert_eq!(
        t.put_form("secret-not-a-token", &acme(), "name=No")
            .await
            .status(),
        401
    );
    let e = t.last_logged().await;
    assert_eq!(e["token"], "unknown");
    assert_eq!(e["status"], 401);
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(2), Some(2))
    );
    assert!(!e.to_string().contains("secret-not-a-token"));
    let r = t.http.get(t.url("/api/current_user")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(t.last_logged().await["token"], Value::Null);

    // Paging: ?since=<index>.
    let all = t.log("").await;
    assert_eq!(all.len(), 7);
    let tail = t.log("?since=4").await;
    assert_eq!(tail.len(), 3);
    assert_eq!(tail[0]["index"], 4);
    assert!(t.log("?since=100").await.is_empty());
    for bad in ["?since=-1", "?since=x", "?from=1"] {
        let r = t
            .http
            .get(t.url(&format!("/__standin/requests{bad}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{bad}");
    }
    // Cleared: indexes go on (paging stays coherent); reset starts again at 0.
    t.control(Method::DELETE, "/requests", json!({})).await;
    t.get(OWNER, "/current_user").await;
    assert_eq!(t.log("").await[0]["index"], 7);
    t.control(Method::POST, "/reset", json!({})).await;
    t.get(OWNER, "/current_user").await;
    assert_eq!(t.log("").await[0]["index"], 0);
}

#[tokio::test]
async fn the_log_records_faults_and_what_they_applied() {
    let t = controls().await;
    let p = acme();
    t.fault(json!({"method": "PUT", "path": p, "fault": "503", "times": 1}))
        .await;
    assert_eq!(t.put_form(OWNER, &p, "name=A").await.status(), 503);
    let e = t.last_logged().await;
    assert_eq!(
        (e["fault"].as_str(), e["fault_from"].as_str()),
        (Some("503"), Some("faults"))
    );
    assert_eq!(e["status"], 503);
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(1), Some(1))
    );

    t.fault(json!({"method": "PUT", "path": p, "fault": "504-after", "times": 1}))
        .await;
    assert_eq!(t.put_form(OWNER, &p, "name=B").await.status(), 504);
    let e = t.last_logged().await;
    assert_eq!(e["fault"], "504-after");
    assert_eq!(e["status"], 504);
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(1), Some(2))
    );

    t.fault(json!({"method": "PUT", "path": p, "fault": "drop-after", "times": 1}))
        .await;
    assert!(t.is_dropped(Method::PUT, OWNER, &p, "name=C").await);
    let e = t.last_logged().await;
    assert_eq!(e["fault"], "drop-after");
    assert_eq!(
        (e["status"].clone(), e["outcome"].as_str()),
        (Value::Null, Some("dropped"))
    );
    assert!(ms(&e["answered_ms"]) >= ms(&e["started_ms"]));
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(2), Some(3))
    );

    t.fault(json!({"method": "PUT", "path": p, "fault": "drop", "times": 1}))
        .await;
    assert!(t.is_dropped(Method::PUT, OWNER, &p, "name=D").await);
    let e = t.last_logged().await;
    assert_eq!(
        (e["status"].clone(), e["outcome"].as_str()),
        (Value::Null, Some("dropped"))
    );
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(3), Some(3))
    );

    // Latency is recorded, and between the times.
    t.control(Method::POST, "/latency", json!({"ms": 300, "path": p}))
        .await;
    t.customer(OWNER, ACME).await;
    let e = t.last_logged().await;
    assert_eq!(e["latency_ms"], 300);
    assert!(ms(&e["answered_ms"]) >= ms(&e["started_ms"]) + 300, "{e}");
}

#[tokio::test]
async fn a_held_request_is_logged_as_held_with_what_it_applied() {
    let t = controls().await;
    let p = acme();
    t.fault(json!({"method": "PUT", "path": p, "fault": "hang-after", "times": 1}))
        .await;
    let url = t.url(&format!("/api{p}"));
    let client = reqwest::Client::new();
    let held = tokio::spawn(async move {
        client
            .put(url)
            .header("Fastly-Key", OWNER)
            .header("Content-Type", FORM)
            .body("name=Held")
            .send()
            .await
    });
    let started = Instant::now();
    let e = loop {
        let log = t.log("").await;
        if let Some(e) = log.first().filter(|e| e["outcome"] == "held") {
            break e.clone();
        }
        assert!(started.elapsed() < Duration::from_secs(5), "{log:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(e["status"], Value::Null);
    assert_eq!(e["answered_ms"], Value::Null);
    assert_eq!(
        (e["revision_before"].as_u64(), e["revision_after"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(t.acme_name().await, "Held");
    // The client gives up: the server notices the connection go (hyper drops the request).
    held.abort();
    let started = Instant::now();
    loop {
        let e = t.log("").await[0].clone();
        if e["outcome"] == "client-gone" {
            assert!(ms(&e["answered_ms"]) >= ms(&e["started_ms"]));
            assert_eq!(e["status"], Value::Null);
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "{e}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Two tokens writing the same customer at once: every applied write is logged with the
/// revision it found and the one it made, one apart, none twice.
#[tokio::test]
async fn concurrent_writes_are_logged_with_their_own_revisions() {
    let t = std::sync::Arc::new(controls().await);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let writer = t.clone();
        tasks.push(tokio::spawn(async move {
            let token = if i % 2 == 0 {
                OWNER
            } else {
                "acme-superuser-token"
            };
            let body = format!("name=Writer+{i}");
            writer.put_form(token, &acme(), &body).await.status()
        }));
        let reader = t.clone();
        tasks.push(tokio::spawn(async move {
            reader.get(OWNER, &acme()).await.status()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    let log = t.log("").await;
    assert_eq!(log.len(), 80);
    let mut made: Vec<u64> = Vec::new();
    for e in log.iter().filter(|e| e["method"] == "PUT") {
        let (before, after) = (ms(&e["revision_before"]), ms(&e["revision_after"]));
        assert_eq!(after, before + 1, "{e}");
        made.push(after);
    }
    made.sort();
    assert_eq!(made, (2..=41).collect::<Vec<u64>>());
    // The history agrees: revision n has the values the PUT that made it sent.
    let (current, _, h) = t.history(ACME).await;
    assert_eq!(current, 41);
    for e in log.iter().filter(|e| e["method"] == "PUT") {
        let rev = ms(&e["revision_after"]) as usize;
        let name = e["body"]
            .as_str()
            .unwrap()
            .trim_start_matches("name=")
            .replace('+', " ");
        assert_eq!(h[rev - 1]["values"]["name"], name.as_str());
        assert_eq!(h[rev - 1]["by"], e["token"]);
    }
    // Reads saw a revision that existed.
    for e in log.iter().filter(|e| e["method"] == "GET") {
        assert!((1..=41).contains(&ms(&e["revision_before"])), "{e}");
    }
}

// ---- chaos mode ----

impl T {
    async fn chaos(&self, body: Value) -> Value {
        let (s, _, v) = json_of(self.control(Method::POST, "/chaos", body).await).await;
        assert_eq!(s, 200, "{v}");
        v
    }
    async fn chaos_state(&self) -> Value {
        let r = self
            .http
            .get(self.url("/__standin/chaos"))
            .send()
            .await
            .unwrap();
        let (s, _, v) = json_of(r).await;
        assert_eq!(s, 200, "{v}");
        v
    }
    /// The statuses of `n` GETs of /current_user, one after the other (0: no answer).
    async fn statuses(&self, n: usize) -> Vec<u16> {
        let mut out = Vec::new();
        for _ in 0..n {
            let res = self
                .http
                .get(self.url("/api/current_user"))
                .header("Fastly-Key", OWNER)
                .send()
                .await;
            out.push(match res {
                Ok(r) => {
                    let s = r.status().as_u16();
                    if r.text().await.is_ok() {
                        s
                    } else {
                        0
                    }
                }
                Err(_) => 0,
            });
        }
        out
    }
}

#[tokio::test]
async fn chaos_at_rate_1_always_faults_and_at_rate_0_never() {
    let t = controls().await;
    let v = t
        .chaos(json!({"rate": 1.0, "kinds": ["503"], "seed": 7}))
        .await;
    assert_eq!(
        v,
        json!({"on": true, "rate": 1.0, "kinds": ["503"], "latency_ms": [0, 0], "seed": 7,
               "methods": null, "paths": null, "counts": {"503": 0}, "requests": 0})
    );
    assert_eq!(t.statuses(20).await, vec![503; 20]);
    let v = t.chaos_state().await;
    assert_eq!(v["counts"], json!({"503": 20}));
    assert_eq!(v["requests"], 20);
    let e = t.last_logged().await;
    assert_eq!(
        (e["fault"].as_str(), e["fault_from"].as_str()),
        (Some("503"), Some("chaos"))
    );

    // A write at rate 1 with 504-after: applied, then the gateway's page.
    t.chaos(json!({"rate": 1, "kinds": ["504-after"], "methods": ["put"], "seed": 1}))
        .await;
    assert_eq!(
        t.put_form(OWNER, &acme(), "name=Chaos+Applied")
            .await
            .status(),
        504
    );
    assert_eq!(t.acme_name().await, "Chaos Applied");
    assert_eq!(t.history(ACME).await.0, 2);

    let v = t
        .chaos(json!({"rate": 0, "kinds": ["500", "drop"], "seed": 7}))
        .await;
    assert_eq!(v["counts"], json!({"500": 0, "drop": 0}));
    assert_eq!(t.statuses(30).await, vec![200; 30]);
    let v = t.chaos_state().await;
    assert_eq!(v["counts"], json!({"500": 0, "drop": 0}));
    assert_eq!(v["requests"], 30);
}

#[tokio::test]
async fn chaos_is_reproducible_from_its_seed() {
    let t = controls().await;
    let set = json!({"rate": 0.5, "kinds": ["500", "503", "502", "429", "drop"], "seed": 42});
    t.chaos(set.clone()).await;
    let first = t.statuses(40).await;
    let counts = t.chaos_state().await["counts"].clone();
    // Setting it again restarts the generator: the same faults in the same order.
    t.chaos(set.clone()).await;
    assert_eq!(t.statuses(40).await, first);
    assert_eq!(t.chaos_state().await["counts"], counts);
    // After a reset too (which turns chaos off).
    t.control(Method::POST, "/reset", json!({})).await;
    assert_eq!(t.chaos_state().await["seed"], Value::Null);
    t.chaos(set).await;
    assert_eq!(t.statuses(40).await, first);
    // Both kinds of outcome were drawn; the counts add up to the faults seen.
    let faulted = first.iter().filter(|s| **s != 200).count();
    assert!((5..=35).contains(&faulted), "{first:?}");
    let total: u64 = counts
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, faulted);
    assert_eq!(
        counts["drop"].as_u64().unwrap() as usize,
        first.iter().filter(|s| **s == 0).count()
    );
    assert_eq!(
        counts["502"].as_u64().unwrap() as usize,
        first.iter().filter(|s| **s == 502).count()
    );
    // Another seed: another sequence.
    t.chaos(json!({"rate": 0.5, "kinds": ["500", "503", "502", "429", "drop"], "seed": 43}))
        .await;
    assert_ne!(t.statuses(40).await, first);
}

#[tokio::test]
async fn chaos_latency_is_drawn_within_its_range() {
    let t = controls().await;
    t.chaos(json!({"rate": 0, "latency_ms": [150, 400], "seed": 3}))
        .await;
    for _ in 0..6 {
        let started = Instant::now();
        assert_eq!(t.get(OWNER, "/current_user").await.status(), 200);
        let took = started.elapsed();
        // Loosely: at least the low end, and not far past the high end.
        assert!(took >= Duration::from_millis(150), "{took:?}");
        assert!(took < Duration::from_millis(2400), "{took:?}");
        let e = t.last_logged().await;
        let drawn = ms(&e["latency_ms"]);
        assert!((150..=400).contains(&drawn), "{drawn}");
        assert!(ms(&e["answered_ms"]) >= ms(&e["started_ms"]) + drawn);
    }
    let drawn: Vec<u64> = t
        .log("")
        .await
        .iter()
        .map(|e| ms(&e["latency_ms"]))
        .collect();
    assert!(drawn.windows(2).any(|w| w[0] != w[1]), "{drawn:?}");
}

#[tokio::test]
async fn chaos_only_touches_the_methods_and_paths_given() {
    let t = controls().await;
    t.chaos(
        json!({"rate": 1, "kinds": ["500"], "methods": ["PUT", "DELETE"],
                   "paths": ["/api/customer/*"], "seed": 5}),
    )
    .await;
    assert_eq!(t.get(OWNER, "/current_user").await.status(), 200);
    assert_eq!(t.get(OWNER, &acme()).await.status(), 200);
    assert_eq!(t.put_form(OWNER, &acme(), "name=X").await.status(), 500);
    assert_eq!(
        t.post_form(
            OWNER,
            &format!("{}/contacts", acme()),
            "contact_type=billing&name=A&email=a%40b"
        )
        .await
        .status(),
        200
    );
    let v = t.chaos_state().await;
    assert_eq!(v["requests"], 1);
    assert_eq!(v["methods"], json!(["PUT", "DELETE"]));
    assert_eq!(v["paths"], json!(["/customer/*"]));
    assert_eq!(t.acme_name().await, "Acme Widgets Ltd");
}

#[tokio::test]
async fn explicit_faults_take_precedence_over_chaos() {
    let t = controls().await;
    t.chaos(json!({"rate": 1, "kinds": ["503"], "seed": 9}))
        .await;
    t.fault(json!({"path": "/current_user", "fault": "500", "times": 1}))
        .await;
    assert_eq!(t.statuses(2).await, [500, 503]);
    let log = t.log("").await;
    assert_eq!(
        (log[0]["fault"].as_str(), log[0]["fault_from"].as_str()),
        (Some("500"), Some("faults"))
    );
    assert_eq!(
        (log[1]["fault"].as_str(), log[1]["fault_from"].as_str()),
        (Some("503"), Some("chaos"))
    );
    let v = t.chaos_state().await;
    assert_eq!(v["counts"], json!({"503": 1}));
    assert_eq!(v["requests"], 2);
}

#[tokio::test]
async fn chaos_hang_holds_past_a_client_deadline() {
    let t = controls().await;
    t.chaos(json!({"rate": 1, "kinds": ["hang"], "methods": ["GET"], "seed": 2}))
        .await;
    let quick = reqwest::Client::builder()
        .timeout(Duration::from_millis(1500))
        .build()
        .unwrap();
    let err = quick
        .get(t.url("/api/current_user"))
        .header("Fastly-Key", OWNER)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!(t.chaos_state().await["counts"], json!({"hang": 1}));
}

#[tokio::test]
async fn chaos_off_and_reset() {
    let t = controls().await;
    assert_eq!(
        t.chaos_state().await,
        json!({"on": false, "rate": 0.0, "kinds": [], "latency_ms": [0, 0], "seed": null,
               "methods": null, "paths": null, "counts": {}, "requests": 0})
    );
    t.chaos(json!({"rate": 1, "kinds": ["500"], "seed": 11}))
        .await;
    assert_eq!(t.statuses(3).await, [500, 500, 500]);
    // Off: answered normally; what it did still reads.
    let (s, _, v) = json_of(t.control(Method::DELETE, "/chaos", json!({})).await).await;
    assert_eq!(s, 200);
    assert_eq!(v["on"], false);
    assert_eq!(t.statuses(3).await, [200, 200, 200]);
    let v = t.chaos_state().await;
    assert_eq!(
        (v["on"].clone(), v["counts"].clone(), v["requests"].clone()),
        (json!(false), json!({"500": 3}), json!(3))
    );
    // Without a seed: one is chosen, and reported (exact as a JavaScript number).
    let v = t.chaos(json!({"rate": 1, "kinds": ["500"]})).await;
    assert!(v["seed"].as_u64().unwrap() < 1 << 53);
    // Reset turns it off and forgets it.
    t.control(Method::POST, "/reset", json!({})).await;
    assert_eq!(t.statuses(1).await, [200]);
    assert_eq!(t.chaos_state().await["on"], false);
}

#[tokio::test]
async fn chaos_settings_are_checked() {
    let t = controls().await;
    for body in [
        json!({"rate": 1.5, "kinds": ["500"]}),
        json!({"rate": -0.1, "kinds": ["500"]}),
        json!({"rate": 0.5}),
        json!({"rate": 0.5, "kinds": []}),
        json!({"rate": 0.5, "kinds": ["teapot"]}),
        json!({"rate": 0.5, "kinds": ["500"], "latency_ms": [300, 100]}),
        json!({"rate": 0.5, "kinds": ["500"], "latency_ms": [0, 10_000_000]}),
        json!({"rate": 0.5, "kinds": ["500"], "latency_ms": 300}),
        json!({"rate": 0.5, "kinds": ["500"], "methods": []}),
        json!({"rate": 0.5, "kinds": ["500"], "paths": []}),
        json!({"rate": 0.5, "kinds": ["500"], "sede": 1}),
        json!({"kinds": ["500"]}),
    ] {
        let (s, _, v) = json_of(t.control(Method::POST, "/chaos", body.clone()).await).await;
        assert_eq!(s, 400, "{body}: {v}");
        assert_eq!(v["msg"], "Bad request");
    }
    assert_eq!(t.chaos_state().await["on"], false);
    // Every fault kind is accepted; numbers as well as strings.
    let v = t
        .chaos(
            json!({"rate": 0.1, "kinds": ["500", 503, "504-after", "502", "429", "hang",
                                              "hang-after", "drop", "drop-after", "malformed"]}),
        )
        .await;
    assert_eq!(v["kinds"].as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn chaos_keeps_a_longer_request_log() {
    let t = controls().await;
    t.chaos(json!({"rate": 0, "seed": 1})).await;
    t.statuses(260).await;
    let log = t.log("").await;
    assert_eq!(log.len(), 260);
    // Still after chaos is turned off (the larger caps last until reset).
    t.control(Method::DELETE, "/chaos", json!({})).await;
    t.statuses(1).await;
    assert_eq!(t.log("").await.len(), 261);
    assert_eq!(t.log("?since=250").await.len(), 11);
}
