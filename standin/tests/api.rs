//! Real HTTP tests of the stand-in: each test starts its own server on 127.0.0.1:0.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fastly_standin::{AppState, Config, SECURITY_HEADERS};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

mod common;
use common::*;

fn legacy(v: &Value) -> (&str, &str) {
    (v["msg"].as_str().unwrap(), v["detail"].as_str().unwrap())
}

fn jsonapi_detail(v: &Value) -> &str {
    v["errors"][0]["detail"].as_str().unwrap()
}

#[tokio::test]
async fn missing_or_bad_token_is_401() {
    let t = start(Config::default()).await;
    let r = t.http.get(t.url("/api/current_user")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"msg":"Provided credentials are missing or invalid"}"#
    );
    let r = t.get("no-such-token", "/current_customer").await;
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"msg":"Provided credentials are missing or invalid"}"#
    );
    let r = t
        .put_form("nope", &format!("/customer/{ACME}"), "name=x")
        .await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn current_user_and_customer() {
    let t = start(Config::default()).await;
    let (s, _, u) = json_of(t.get("acme-owner-token", "/current_user").await).await;
    assert_eq!(s, 200);
    assert_eq!(u["id"], "acmeOwner0000000000001");
    assert_eq!(u["name"], "Ada Okafor");
    assert_eq!(u["role"], "superuser");
    assert!(u.get("roles").is_none(), "{u}");
    assert_eq!(u["two_factor_auth_enabled"], true);
    for k in [
        "login",
        "customer_id",
        "locked",
        "require_new_password",
        "limit_services",
        "created_at",
        "updated_at",
        "deleted_at",
        "last_active_at",
    ] {
        assert!(u.get(k).is_some(), "{k}");
    }
    let c = t.customer("acme-owner-token", ACME).await;
    let (_, _, cc) = json_of(t.get("acme-owner-token", "/current_customer").await).await;
    assert_eq!(c, cc);
    assert_eq!(c["name"], "Acme Widgets Ltd");
    for k in [
        "id",
        "name",
        "owner_id",
        "phone_number",
        "postal_address",
        "billing_contact_id",
        "legal_contact_id",
        "security_contact_id",
        "technical_contact_id",
        "billing_network_type",
        "billing_ref",
        "pricing_plan",
        "pricing_plan_id",
        "ip_whitelist",
        "force_2fa",
        "force_sso",
        "has_account_panel",
        "has_improved_events",
        "has_openstack_logging",
        "has_pci",
        "can_configure_wordpress",
        "can_reset_passwords",
        "can_upload_vcl",
        "has_improved_ssl_config",
        "has_pci_passwords",
        "created_at",
        "updated_at",
        "deleted_at",
    ] {
        assert!(c.get(k).is_some(), "customer lacks {k}");
    }
    assert_eq!(c["billing_contact_id"], Value::Null);
    assert_eq!(c["billing_ref"], "PO-2026-0042");
    assert_eq!(c["pricing_plan_id"], "ppEnterprise2021aB3xYz");
    assert_eq!(c["ip_whitelist"], "0.0.0.0/0");
    // Acme users: 15, every role, some without 2FA, one locked, one deleted.
    let (_, _, users) = json_of(
        t.get("acme-owner-token", &format!("/customer/{ACME}/users"))
            .await,
    )
    .await;
    let users = users.as_array().unwrap();
    assert_eq!(users.len(), 15);
    for role in [
        "user",
        "billing",
        "engineer",
        "superuser",
        "tls_viewer",
        "tls_admin",
    ] {
        assert!(users.iter().any(|u| u["role"] == role), "{role}");
    }
    assert!(
        users
            .iter()
            .filter(|u| u["two_factor_auth_enabled"] != true)
            .count()
            >= 3
    );
    assert!(users.iter().any(|u| u["locked"] == true));
    assert!(users.iter().any(|u| !u["deleted_at"].is_null()));
    assert!(users
        .iter()
        .any(|u| u["locked"].is_null() && u["last_active_at"].is_null()));
    let sec = users
        .iter()
        .find(|u| u["id"] == c["security_contact_id"])
        .unwrap();
    assert_ne!(sec["two_factor_auth_enabled"], true);
    // A user by id.
    let (s, _, e) = json_of(
        t.get("acme-user-token", "/user/acmeEngineer0000000003")
            .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(e["name"], "Elena Petrova");
}

#[tokio::test]
async fn unknown_ids_are_404_legacy() {
    let t = start(Config::default()).await;
    // Support staff (who may read every customer) learn that an id does not exist;
    // others get 403 for any id not their own (see foreign_ids_are_403_whether_or_not_they_exist).
    let (s, ct, v) = json_of(t.get("support-token", "/customer/nosuchcustomer").await).await;
    assert_eq!(s, 404);
    assert_eq!(ct, "application/json");
    assert_eq!(
        legacy(&v),
        (
            "Record not found",
            "Couldn't find Customer 'nosuchcustomer'"
        )
    );
    let (s, _, v) = json_of(t.get("support-token", "/user/nosuchuser").await).await;
    assert_eq!(s, 404);
    assert_eq!(
        legacy(&v),
        ("Record not found", "Couldn't find User 'nosuchuser'")
    );
    let (s, _, v) = json_of(
        t.delete(
            "acme-owner-token",
            &format!("/customer/{ACME}/contacts/nosuch"),
        )
        .await,
    )
    .await;
    assert_eq!(s, 404);
    assert_eq!(
        legacy(&v),
        ("Record not found", "Couldn't find Contact 'nosuch'")
    );
    let (s, _, _) = json_of(t.get("support-token", "/customer/nosuch/users").await).await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn other_customer_is_403_legacy() {
    let t = start(Config::default()).await;
    for p in [
        format!("/customer/{GLOBEX}"),
        format!("/customer/{GLOBEX}/users"),
        format!("/customer/{GLOBEX}/contacts"),
        "/user/globexOwner00000000001".to_string(),
    ] {
        let (s, _, v) = json_of(t.get("acme-owner-token", &p).await).await;
        assert_eq!(s, 403, "{p}");
        assert_eq!(v["msg"], "Forbidden");
        assert!(v["detail"].is_string());
    }
    let (s, _, v) = json_of(
        t.put_form(
            "acme-owner-token",
            &format!("/customer/{GLOBEX}"),
            "name=Mine",
        )
        .await,
    )
    .await;
    assert_eq!(s, 403);
    assert!(!jsonapi_detail(&v).is_empty());
}

#[tokio::test]
async fn support_reads_every_customer_but_cannot_write() {
    let t = start(Config::default()).await;
    for id in [ACME, GLOBEX, INITECH] {
        let c = t.customer("support-token", id).await;
        assert!(c.get("billing_ref").is_some() && c.get("pricing_plan_id").is_some());
        let r = t
            .get("support-token", &format!("/customer/{id}/contacts"))
            .await;
        assert_eq!(r.status(), 200);
    }
    let (s, _, users) = json_of(
        t.get("support-token", &format!("/customer/{ACME}/users"))
            .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(users.as_array().unwrap().len(), 15);
    let (s, _, v) = json_of(
        t.put_form("support-token", &format!("/customer/{ACME}"), "name=Hacked")
            .await,
    )
    .await;
    assert_eq!(s, 403);
    assert_eq!(v["errors"][0]["title"], "Forbidden");
    assert_eq!(v["errors"][0]["status"], "403");
    let r = t
        .post_form(
            "support-token",
            &format!("/customer/{ACME}/contacts"),
            "contact_type=billing&name=X&email=x@x",
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = t
        .delete("support-token", &format!("/customer/{ACME}"))
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
}

#[tokio::test]
async fn limited_roles_do_not_see_billing_fields() {
    let t = start(Config::default()).await;
    for tok in ["acme-engineer-token", "acme-user-token"] {
        let c = t.customer(tok, ACME).await;
        assert!(c.get("billing_ref").is_none(), "{tok}");
        assert!(c.get("pricing_plan_id").is_none(), "{tok}");
        assert_eq!(c["pricing_plan"], "Enterprise");
        let (_, _, cc) = json_of(t.get(tok, "/current_customer").await).await;
        assert!(cc.get("billing_ref").is_none());
    }
    for tok in [
        "acme-billing-token",
        "acme-superuser-token",
        "acme-owner-token",
    ] {
        let c = t.customer(tok, ACME).await;
        assert_eq!(c["billing_ref"], "PO-2026-0042", "{tok}");
        assert_eq!(c["pricing_plan_id"], "ppEnterprise2021aB3xYz");
    }
}

#[tokio::test]
async fn owner_and_superuser_may_update() {
    let t = start(Config::default()).await;
    let before = t.customer("acme-owner-token", ACME).await;
    let started = chrono::Utc::now().timestamp();
    let (s, ct, after) = json_of(
        t.put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            "name=Acme+Widgets+Group&postal_address=1+Road%0ATown",
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(ct, "application/json");
    assert_eq!(after["name"], "Acme Widgets Group");
    assert_eq!(after["postal_address"], "1 Road\nTown");
    let updated = after["updated_at"].as_str().unwrap();
    assert_ne!(updated, before["updated_at"].as_str().unwrap());
    assert!(updated.ends_with('Z') && updated.len() == 20, "{updated}");
    let ts = chrono::DateTime::parse_from_rfc3339(updated)
        .unwrap()
        .timestamp();
    assert!(ts >= started - 1);
    for (k, v) in before.as_object().unwrap() {
        if !["name", "postal_address", "updated_at"].contains(&k.as_str()) {
            assert_eq!(&after[k], v, "{k} changed");
        }
    }
    // Stored: a later GET sees it.
    assert_eq!(
        t.customer("acme-engineer-token", ACME).await["name"],
        "Acme Widgets Group"
    );

    let (s, _, after2) = json_of(
        t.put_form(
            "acme-superuser-token",
            &format!("/customer/{ACME}"),
            "phone_number=%2B44+161+496+0000&billing_ref=&technical_contact_id=&has_pci=1",
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(after2["phone_number"], "+44 161 496 0000");
    assert_eq!(after2["billing_ref"], Value::Null);
    assert_eq!(after2["technical_contact_id"], Value::Null);
    assert_eq!(after2["has_pci"], true);
    assert_eq!(after2["name"], "Acme Widgets Group");
    // Contact assignment to a user of the customer.
    let (s, _, a3) = json_of(
        t.put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            "billing_contact_id=acmeBilling00000000013&owner_id=acmeSuper0000000000002",
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(a3["billing_contact_id"], "acmeBilling00000000013");
    assert_eq!(a3["owner_id"], "acmeSuper0000000000002");
}

#[tokio::test]
async fn other_roles_and_read_scope_cannot_update() {
    let t = start(Config::default()).await;
    for tok in [
        "acme-engineer-token",
        "acme-billing-token",
        "acme-user-token",
        "acme-readonly-token",
    ] {
        let (s, ct, v) = json_of(
            t.put_form(tok, &format!("/customer/{ACME}"), "name=Nope")
                .await,
        )
        .await;
        assert_eq!(s, 403, "{tok}");
        assert_eq!(ct, "application/vnd.api+json");
        assert_eq!(v["errors"][0]["title"], "Forbidden");
        assert_eq!(v["errors"][0]["status"], "403");
        assert!(!jsonapi_detail(&v).is_empty());
    }
    // The read-only token can still read.
    assert_eq!(
        t.customer("acme-readonly-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
    let r = t
        .delete("acme-engineer-token", &format!("/customer/{ACME}"))
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn json_body_is_415_problem() {
    let t = start(Config::default()).await;
    let r = t
        .http
        .put(t.url(&format!("/api/customer/{ACME}")))
        .header("Fastly-Key", "acme-owner-token")
        .json(&json!({"name": "Json Co"}))
        .send()
        .await
        .unwrap();
    let (s, ct, v) = json_of(r).await;
    assert_eq!(s, 415);
    assert_eq!(ct, "application/problem+json");
    assert_eq!(v["type"], "about:blank");
    assert_eq!(v["title"], "Unsupported Media Type");
    assert_eq!(v["status"], 415);
    assert!(v["detail"].as_str().unwrap().contains("application/json"));
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
    // Form with a charset parameter is fine.
    let r = t
        .http
        .put(t.url(&format!("/api/customer/{ACME}")))
        .header("Fastly-Key", "acme-owner-token")
        .header(
            "Content-Type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .body("name=Charset+Co")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn read_only_and_unknown_attributes_are_400() {
    let t = start(Config::default()).await;
    let p = format!("/customer/{ACME}");
    for attr in [
        "id",
        "can_upload_vcl",
        "has_pci_passwords",
        "updated_at",
        "created_at",
        "deleted_at",
        "can_configure_wordpress",
    ] {
        let (s, ct, v) = json_of(
            t.put_form("acme-owner-token", &p, &format!("name=X&{attr}=1"))
                .await,
        )
        .await;
        assert_eq!(s, 400, "{attr}");
        assert_eq!(ct, "application/json");
        assert_eq!(
            legacy(&v),
            (
                "Bad request",
                format!("Attribute '{attr}' is read-only").as_str()
            )
        );
    }
    let (s, _, v) = json_of(
        t.put_form("acme-owner-token", &p, "favourite_colour=blue")
            .await,
    )
    .await;
    assert_eq!(s, 400);
    assert!(legacy(&v)
        .1
        .contains("Unknown attribute 'favourite_colour'"));
    // Nothing was applied (all or nothing).
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
}

#[tokio::test]
async fn value_rules() {
    let t = start(Config::default()).await;
    let p = format!("/customer/{ACME}");
    for (body, needle) in [
        ("name=", "name"),
        ("name=%20%20", "name"),
        ("force_sso=yes", "force_sso"),
        ("has_pci=maybe", "has_pci"),
        ("billing_network_type=secret", "billing_network_type"),
        ("owner_id=globexOwner00000000001", "owner_id"),
        (
            "legal_contact_id=ghostUser0000000000099",
            "legal_contact_id",
        ),
        (
            "security_contact_id=acmeUser00000000000012",
            "security_contact_id",
        ), // deleted user
    ] {
        let (s, _, v) = json_of(t.put_form("acme-owner-token", &p, body).await).await;
        assert_eq!(s, 400, "{body}");
        assert_eq!(v["msg"], "Bad request");
        assert!(
            v["detail"].as_str().unwrap().contains(needle),
            "{body}: {v}"
        );
    }
    for (body, key, want) in [
        ("force_sso=true", "force_sso", json!(true)),
        ("force_sso=0", "force_sso", json!(false)),
        (
            "has_openstack_logging=1",
            "has_openstack_logging",
            json!(true),
        ),
        (
            "billing_network_type=private",
            "billing_network_type",
            json!("private"),
        ),
        ("postal_address=", "postal_address", Value::Null),
        ("legal_contact_id=", "legal_contact_id", Value::Null),
    ] {
        let (s, _, v) = json_of(t.put_form("acme-owner-token", &p, body).await).await;
        assert_eq!(s, 200, "{body}: {v}");
        assert_eq!(v[key], want, "{body}");
    }
}

#[tokio::test]
async fn ip_allowlist_validation() {
    let t = start(Config::default()).await;
    let p = format!("/customer/{ACME}");
    for (list, bad) in [
        ("10.0.0.1,300.1.1.1", "300.1.1.1"),
        ("192.168.0.0/33", "192.168.0.0/33"),
        ("*.168.0.1", "*.168.0.1"),
        ("example.com", "example.com"),
        ("2001:db8::1", "2001:db8::1"),
        ("10.0.0", "10.0.0"),
    ] {
        let body = serde_urlencoded::to_string([("ip_whitelist", list)]).unwrap();
        let (s, _, v) = json_of(t.put_form("acme-owner-token", &p, &body).await).await;
        assert_eq!(s, 400, "{list}");
        assert_eq!(v["msg"], "Bad request");
        assert_eq!(
            v["detail"],
            format!("ip_whitelist: '{bad}' is not a valid IPv4 address, CIDR range or wildcard")
        );
    }
    for list in [
        "0.0.0.0/0",
        "192.168.0.1",
        "192.168.0.0/24",
        "192.168.0.*",
        "192.168.*.*",
        "10.*.*.*",
        "192.168.0.0/24, 10.0.*.*, 203.0.113.7",
    ] {
        let body = serde_urlencoded::to_string([("ip_whitelist", list)]).unwrap();
        let (s, _, v) = json_of(t.put_form("acme-owner-token", &p, &body).await).await;
        assert_eq!(s, 200, "{list}: {v}");
        assert_eq!(v["ip_whitelist"], list);
    }
}

#[tokio::test]
async fn rate_limit_headers_decrement() {
    let t = controls().await;
    let p = format!("/customer/{ACME}");
    let r1 = t.put_form("acme-owner-token", &p, "name=A").await;
    let r2 = t.put_form("acme-owner-token", &p, "name=B").await;
    let rem = |r: &Response| {
        r.headers()["fastly-ratelimit-remaining"]
            .to_str()
            .unwrap()
            .parse::<i64>()
            .unwrap()
    };
    let reset = |r: &Response| {
        r.headers()["fastly-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse::<i64>()
            .unwrap()
    };
    assert_eq!(rem(&r1), 999);
    assert_eq!(rem(&r2), 998);
    let now = chrono::Utc::now().timestamp();
    assert!(reset(&r1) > now && reset(&r1) <= now + 3600);
    // Error answers count too, and carry the headers.
    let r3 = t.put_form("acme-owner-token", &p, "id=x").await;
    assert_eq!(r3.status(), 400);
    assert_eq!(rem(&r3), 997);
    // Per token.
    let r4 = t.put_form("acme-superuser-token", &p, "name=C").await;
    assert_eq!(rem(&r4), 999);
    // GETs are not limited.
    let g = t.get("acme-owner-token", &p).await;
    assert!(g.headers().get("fastly-ratelimit-remaining").is_none());
    // Exhausted → 429.
    let r = t
        .control(
            reqwest::Method::POST,
            "/ratelimit",
            json!({"remaining": 0, "token": "acme-owner-token"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = t.put_form("acme-owner-token", &p, "name=D").await;
    assert_eq!(r.status(), 429);
    assert_eq!(rem(&r), 0);
    let (_, _, v) = json_of(r).await;
    assert_eq!(v["msg"], "Too many requests");
    assert_eq!(t.customer("acme-owner-token", ACME).await["name"], "C");
}

#[tokio::test]
async fn enabling_force_2fa_logs_out_users_without_2fa() {
    let t = start(Config::default()).await;
    assert_eq!(
        t.get("acme-nomfa-token", "/current_user").await.status(),
        200
    );
    // Only a superuser may change it; the readonly token may not.
    let r = t
        .put_form(
            "acme-readonly-token",
            &format!("/customer/{ACME}"),
            "force_2fa=true",
        )
        .await;
    assert_eq!(r.status(), 403);
    let (s, _, v) = json_of(
        t.put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            "force_2fa=true",
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["force_2fa"], true);
    let r = t.get("acme-nomfa-token", "/current_user").await;
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"msg":"Provided credentials are missing or invalid"}"#
    );
    // Users with 2FA stay signed in.
    for tok in [
        "acme-owner-token",
        "acme-superuser-token",
        "acme-engineer-token",
        "acme-user-token",
    ] {
        assert_eq!(t.get(tok, "/current_user").await.status(), 200, "{tok}");
    }
}

#[tokio::test]
async fn deleted_customer_is_readable_not_writable() {
    let t = start(Config::default()).await;
    let c = t.customer("initech-owner-token", INITECH).await;
    assert_eq!(c["deleted_at"], "2026-03-14T10:00:00Z");
    assert_eq!(c["name"], "Initech (closed)");
    let (_, _, users) = json_of(
        t.get("initech-owner-token", &format!("/customer/{INITECH}/users"))
            .await,
    )
    .await;
    assert_eq!(users.as_array().unwrap().len(), 4);
    let (s, _, v) = json_of(
        t.put_form(
            "initech-owner-token",
            &format!("/customer/{INITECH}"),
            "name=Initech+Reborn",
        )
        .await,
    )
    .await;
    assert_eq!(s, 403);
    assert_eq!(v["msg"], "Forbidden");
    assert!(v["detail"].as_str().unwrap().contains("deleted"));
    // Deleting a live customer works for its owner.
    let (s, _, v) = json_of(
        t.delete("globex-owner-token", &format!("/customer/{GLOBEX}"))
            .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v, json!({"status": "ok"}));
    assert!(t.customer("globex-owner-token", GLOBEX).await["deleted_at"].is_string());
    assert_eq!(
        t.put_form(
            "globex-owner-token",
            &format!("/customer/{GLOBEX}"),
            "name=x"
        )
        .await
        .status(),
        403
    );
}

#[tokio::test]
async fn large_customer_and_dangling_contact() {
    let t = start(Config::default()).await;
    let c = t.customer("globex-owner-token", GLOBEX).await;
    assert_eq!(c["legal_contact_id"], "ghostUser0000000000099");
    assert_eq!(c["force_2fa"], true);
    assert_eq!(c["ip_whitelist"], "192.168.0.0/24,10.0.*.*,203.0.113.7");
    let (s, _, users) = json_of(
        t.get("globex-owner-token", &format!("/customer/{GLOBEX}/users"))
            .await,
    )
    .await;
    assert_eq!(s, 200);
    let users = users.as_array().unwrap();
    assert_eq!(users.len(), 10_000);
    assert!(users.iter().all(|u| u["id"] != "ghostUser0000000000099"));
    let ids: std::collections::HashSet<&str> =
        users.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 10_000);
    for k in [
        "billing_contact_id",
        "security_contact_id",
        "technical_contact_id",
        "owner_id",
    ] {
        assert!(ids.contains(c[k].as_str().unwrap()), "{k}");
    }
    let no2fa = users
        .iter()
        .filter(|u| u["two_factor_auth_enabled"] != true)
        .count();
    assert!((800..=1200).contains(&no2fa), "{no2fa}");
    assert!(users.iter().any(|u| u["locked"] == true));
    // The dangling contact's user does not exist: 404 for support, 403 for everyone else.
    let (s, _, _) = json_of(
        t.get("globex-owner-token", "/user/ghostUser0000000000099")
            .await,
    )
    .await;
    assert_eq!(s, 403);
    let (s, _, _) = json_of(t.get("support-token", "/user/ghostUser0000000000099").await).await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn contacts_create_and_delete() {
    let t = start(Config::default()).await;
    let p = format!("/customer/{ACME}/contacts");
    let (s, _, list) = json_of(t.get("acme-engineer-token", &p).await).await;
    assert_eq!(s, 200);
    let list = list.as_array().unwrap().clone();
    assert!(list.len() >= 4);
    for ty in ["primary", "billing", "technical", "security", "emergency"] {
        assert!(list.iter().any(|c| c["contact_type"] == ty), "{ty}");
    }
    assert!(list.iter().any(|c| c["user_id"].is_string()));
    // Phone required for primary/technical/security.
    for ty in ["primary", "technical", "security"] {
        let body = serde_urlencoded::to_string([
            ("contact_type", ty),
            ("name", "N"),
            ("email", "n@x.example"),
        ])
        .unwrap();
        let (s, _, v) = json_of(t.post_form("acme-owner-token", &p, &body).await).await;
        assert_eq!(s, 400, "{ty}");
        assert!(v["detail"].as_str().unwrap().contains("phone"));
    }
    // Bad type, neither user_id nor name+email, foreign user.
    for body in [
        "contact_type=sales&name=N&email=e",
        "contact_type=billing&name=N",
        "contact_type=billing&user_id=globexOwner00000000001",
    ] {
        let (s, _, v) = json_of(t.post_form("acme-owner-token", &p, body).await).await;
        assert_eq!(s, 400, "{body}");
        assert_eq!(v["msg"], "Bad request");
    }
    // Engineer may not write.
    let r = t
        .post_form(
            "acme-engineer-token",
            &p,
            "contact_type=billing&name=N&email=e%40x",
        )
        .await;
    assert_eq!(r.status(), 403);
    // Create.
    let (s, _, c) = json_of(
        t.post_form(
            "acme-owner-token",
            &p,
            "contact_type=security&name=Red+Team&email=red%40acme.example&phone=%2B44+1",
        )
        .await,
    )
    .await;
    assert!(s == 200 || s == 201);
    assert_eq!(c["contact_type"], "security");
    assert_eq!(c["name"], "Red Team");
    assert_eq!(c["phone"], "+44 1");
    assert_eq!(c["customer_id"], ACME);
    assert_eq!(c["user_id"], Value::Null);
    let id = c["id"].as_str().unwrap().to_string();
    let (_, _, c2) = json_of(
        t.post_form(
            "acme-superuser-token",
            &p,
            "contact_type=general+compliance&user_id=acmeBilling00000000004",
        )
        .await,
    )
    .await;
    assert_eq!(c2["contact_type"], "general compliance");
    assert_eq!(c2["user_id"], "acmeBilling00000000004");
    let (_, _, after) = json_of(t.get("acme-owner-token", &p).await).await;
    assert_eq!(after.as_array().unwrap().len(), list.len() + 2);
    // Delete.
    let (s, _, v) = json_of(t.delete("acme-owner-token", &format!("{p}/{id}")).await).await;
    assert_eq!(s, 200);
    assert_eq!(v, json!({"status": "ok"}));
    let (_, _, after) = json_of(t.get("acme-owner-token", &p).await).await;
    assert_eq!(after.as_array().unwrap().len(), list.len() + 1);
    assert!(after
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"] != id.as_str()));
    assert_eq!(
        t.delete("acme-owner-token", &format!("{p}/{id}"))
            .await
            .status(),
        404
    );
    // Engineer may not delete.
    let first = list[0]["id"].as_str().unwrap();
    assert_eq!(
        t.delete("acme-engineer-token", &format!("{p}/{first}"))
            .await
            .status(),
        403
    );
    // JSON body → 415.
    let r = t
        .http
        .post(t.url(&format!("/api{p}")))
        .header("Fastly-Key", "acme-owner-token")
        .json(&json!({"contact_type": "billing"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
}

#[tokio::test]
async fn faults() {
    let t = controls().await;
    let p = format!("/customer/{ACME}");
    // 500, once, only for PUT.
    let r = t
        .control(
            reqwest::Method::POST,
            "/faults",
            json!({"method": "PUT", "path": p, "fault": "500", "times": 1}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(t.get("acme-owner-token", &p).await.status(), 200);
    let (s, _, v) = json_of(t.put_form("acme-owner-token", &p, "name=X").await).await;
    assert_eq!(s, 500);
    assert_eq!(
        v,
        json!({"msg": "Internal Server Error", "detail": "stand-in fault"})
    );
    assert_eq!(
        t.put_form("acme-owner-token", &p, "name=Y").await.status(),
        200
    );

    // 429 with rate-limit headers.
    t.control(
        reqwest::Method::POST,
        "/faults",
        json!({"path": p, "fault": "429", "times": 1}),
    )
    .await;
    let r = t.get("acme-owner-token", &p).await;
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["fastly-ratelimit-remaining"], "0");
    let reset: i64 = r.headers()["fastly-ratelimit-reset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!((now + 3500..=now + 3700).contains(&reset));
    let (_, _, v) = json_of(r).await;
    assert_eq!(v["msg"], "Too many requests");

    // Malformed JSON.
    t.control(
        reqwest::Method::POST,
        "/faults",
        json!({"method": "GET", "path": "/current_user", "fault": "malformed", "times": 1}),
    )
    .await;
    let r = t.get("acme-owner-token", "/current_user").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let text = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");

    // Drop: no complete answer.
    t.control(
        reqwest::Method::POST,
        "/faults",
        json!({"path": "/customer/*", "fault": "drop"}),
    )
    .await;
    let res = t
        .http
        .get(t.url(&format!("/api{p}")))
        .header("Fastly-Key", "acme-owner-token")
        .send()
        .await;
    let failed = match res {
        Err(_) => true,
        Ok(r) => r.text().await.is_err(),
    };
    assert!(failed, "drop fault should break the answer");
    // Prefix match hits users too, until cleared.
    let res = t
        .http
        .get(t.url(&format!("/api{p}/users")))
        .header("Fastly-Key", "acme-owner-token")
        .send()
        .await;
    assert!(match res {
        Err(_) => true,
        Ok(r) => r.text().await.is_err(),
    });
    let (_, _, list) = json_of(t.http.get(t.url("/__standin/faults")).send().await.unwrap()).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        t.control(reqwest::Method::DELETE, "/faults", json!({}))
            .await
            .status(),
        200
    );
    assert_eq!(t.get("acme-owner-token", &p).await.status(), 200);
    // Unknown fault kind.
    assert_eq!(
        t.control(
            reqwest::Method::POST,
            "/faults",
            json!({"path": p, "fault": "teapot"})
        )
        .await
        .status(),
        400
    );
}

#[tokio::test]
async fn latency() {
    let t = controls().await;
    t.control(
        reqwest::Method::POST,
        "/latency",
        json!({"ms": 400, "path": "/current_user"}),
    )
    .await;
    let start = Instant::now();
    assert_eq!(
        t.get("acme-owner-token", "/current_user").await.status(),
        200
    );
    assert!(start.elapsed() >= Duration::from_millis(400));
    let start = Instant::now();
    t.get("acme-owner-token", "/current_customer").await;
    assert!(start.elapsed() < Duration::from_millis(400));
    t.control(reqwest::Method::POST, "/latency", json!({"ms": 0}))
        .await;
    let start = Instant::now();
    t.get("acme-owner-token", "/current_user").await;
    assert!(start.elapsed() < Duration::from_millis(400));
}

#[tokio::test]
async fn request_log_and_reset() {
    let t = controls().await;
    let p = format!("/customer/{ACME}");
    t.get("acme-owner-token", "/current_user").await;
    assert_eq!(
        t.put_form("acme-owner-token", &p, "name=Changed+Co&force_sso=true")
            .await
            .status(),
        200
    );
    let (_, _, log) = json_of(
        t.http
            .get(t.url("/__standin/requests"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], "/current_user");
    assert_eq!(log[1]["method"], "PUT");
    assert_eq!(log[1]["path"], p);
    assert_eq!(log[1]["content_type"], FORM);
    assert_eq!(log[1]["body"], "name=Changed+Co&force_sso=true");
    assert_eq!(
        t.control(reqwest::Method::DELETE, "/requests", json!({}))
            .await
            .status(),
        200
    );
    let (_, _, log) = json_of(
        t.http
            .get(t.url("/__standin/requests"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(log.as_array().unwrap().len(), 0);

    // Reset restores the seed, clears faults and rate limits.
    t.put_form("acme-owner-token", &p, "force_2fa=1").await;
    assert_eq!(
        t.get("acme-nomfa-token", "/current_user").await.status(),
        401
    );
    t.control(
        reqwest::Method::POST,
        "/faults",
        json!({"path": "/current_user", "fault": "500"}),
    )
    .await;
    let r = t.http.post(t.url("/__standin/reset")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let c = t.customer("acme-owner-token", ACME).await;
    assert_eq!(c["name"], "Acme Widgets Ltd");
    assert_eq!(c["force_sso"], false);
    assert_eq!(c["force_2fa"], false);
    assert_eq!(
        t.get("acme-nomfa-token", "/current_user").await.status(),
        200
    );
    let r = t.put_form("acme-owner-token", &p, "name=Again").await;
    assert_eq!(r.headers()["fastly-ratelimit-remaining"], "999");
}

#[tokio::test]
async fn controls_are_404_without_flag() {
    let t = start(Config::default()).await;
    for (m, p) in [
        (reqwest::Method::POST, "/__standin/reset"),
        (reqwest::Method::POST, "/__standin/faults"),
        (reqwest::Method::GET, "/__standin/requests"),
        (reqwest::Method::POST, "/__standin/latency"),
    ] {
        let r = t
            .http
            .request(m, t.url(p))
            .json(&json!({"ms": 1}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{p}");
    }
}

fn temp_dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fastly-standin-dist-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap()
    ));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><meta name=\"api-base\" content=\"/api\"><title>console</title>",
    )
    .unwrap();
    std::fs::write(dir.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    dir
}

#[tokio::test]
async fn serves_spa_with_fallback() {
    let dist = temp_dist();
    let t = start(Config {
        dist: Some(dist.clone()),
        test_controls: false,
    })
    .await;
    for p in [
        "/",
        "/index.html",
        "/customers/7XbRfLq2Zk9mWcT4pN1sVe",
        "/sign-in",
        "/some/deep/unknown",
    ] {
        let r = t.http.get(t.url(p)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{p}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{p}"
        );
        assert!(r.text().await.unwrap().contains("api-base"), "{p}");
    }
    let r = t.http.get(t.url("/app_bg.wasm")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/wasm");
    let r = t.http.get(t.url("/assets/app.js")).send().await.unwrap();
    assert_eq!(r.text().await.unwrap(), "console.log(1)");
    // API paths are never the SPA.
    let (s, ct, v) = json_of(t.http.get(t.url("/api/nope")).send().await.unwrap()).await;
    assert_eq!(s, 404);
    assert_eq!(ct, "application/json");
    assert!(v["msg"].is_string());
    assert_eq!(
        t.get("acme-owner-token", "/current_user").await.status(),
        200
    );
    // Controls still 404 (not index.html) without the flag.
    let r = t
        .http
        .get(t.url("/__standin/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let _ = std::fs::remove_dir_all(dist);
}

// ---- hardening ----

/// Send `method path` with optional form body; the answer with its status.
async fn send(
    t: &T,
    method: &str,
    token: &str,
    p: &str,
    form: Option<&str>,
) -> (StatusCode, String, Value) {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    match form {
        Some(body) => json_of(t.send_form(m, token, p, body).await).await,
        None => {
            let r = t
                .http
                .request(m, t.url(&format!("/api{p}")))
                .header("Fastly-Key", token)
                .send()
                .await
                .unwrap();
            json_of(r).await
        }
    }
}

#[tokio::test]
async fn ip_allowlist_wildcard_in_any_octet_after_the_first() {
    let t = start(Config::default()).await;
    let p = format!("/customer/{ACME}");
    for list in [
        "192.168.*.1",
        "10.*.0.1",
        "10.*.*.7",
        "203.0.113.7, 192.168.*.1",
    ] {
        let body = serde_urlencoded::to_string([("ip_whitelist", list)]).unwrap();
        let (s, _, v) = json_of(t.put_form("acme-owner-token", &p, &body).await).await;
        assert_eq!(s, 200, "{list}: {v}");
        assert_eq!(v["ip_whitelist"], list);
    }
    for bad in [
        "*.168.0.1",
        "192.168.1*.1",
        "192.168.*1.1",
        "192.168.**.1",
        "192.168.*.0/24",
        "192.168.*.256",
    ] {
        let body = serde_urlencoded::to_string([("ip_whitelist", bad)]).unwrap();
        let (s, _, v) = json_of(t.put_form("acme-owner-token", &p, &body).await).await;
        assert_eq!(s, 400, "{bad}");
        assert_eq!(
            v["detail"],
            format!("ip_whitelist: '{bad}' is not a valid IPv4 address, CIDR range or wildcard")
        );
    }
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["ip_whitelist"],
        "203.0.113.7, 192.168.*.1"
    );
}

#[tokio::test]
async fn users_have_no_roles_key() {
    let t = start(Config::default()).await;
    let (_, _, me) = json_of(t.get("acme-owner-token", "/current_user").await).await;
    let (_, _, one) = json_of(
        t.get("acme-owner-token", "/user/acmeEngineer0000000003")
            .await,
    )
    .await;
    let (_, _, list) = json_of(
        t.get("acme-owner-token", &format!("/customer/{ACME}/users"))
            .await,
    )
    .await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 15);
    for u in list.iter().chain([&me, &one]) {
        assert!(u.get("roles").is_none(), "{u}");
        assert!(u["role"].is_string(), "{u}");
    }
}

#[tokio::test]
async fn contact_create_accepts_its_own_customer_id() {
    let t = start(Config::default()).await;
    let p = format!("/customer/{ACME}/contacts");
    let (_, _, before) = json_of(t.get("acme-owner-token", &p).await).await;
    let body =
        format!("customer_id={ACME}&contact_type=billing&name=Accounts&email=acc%40acme.example");
    let (s, _, c) = json_of(t.post_form("acme-owner-token", &p, &body).await).await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["customer_id"], ACME);
    assert_eq!(c["name"], "Accounts");
    // Another customer's id (or an empty one) is a 400 in the legacy shape; nothing is created.
    for other in [GLOBEX, "", "nosuchcustomer"] {
        let body =
            format!("contact_type=billing&name=X&email=x%40acme.example&customer_id={other}");
        let (s, ct, v) = json_of(t.post_form("acme-owner-token", &p, &body).await).await;
        assert_eq!(s, 400, "{other}");
        assert_eq!(ct, "application/json");
        assert_eq!(v["msg"], "Bad request");
        assert!(v["detail"].as_str().unwrap().contains("customer_id"), "{v}");
    }
    let (_, _, after) = json_of(t.get("acme-owner-token", &p).await).await;
    assert_eq!(
        after.as_array().unwrap().len(),
        before.as_array().unwrap().len() + 1
    );
}

#[tokio::test]
async fn only_the_owner_may_delete_the_customer() {
    let t = start(Config::default()).await;
    let p = format!("/customer/{ACME}");
    // Ravi is a superuser, not the owner: 403 JSON:API; the read-only token (his) stays 403 too.
    for (tok, needle) in [
        ("acme-superuser-token", "owner"),
        ("acme-readonly-token", "global:read"),
    ] {
        let (s, ct, v) = send(&t, "DELETE", tok, &p, None).await;
        assert_eq!(s, 403, "{tok}");
        assert_eq!(ct, "application/vnd.api+json");
        assert_eq!(v["errors"][0]["status"], "403");
        assert!(jsonapi_detail(&v).contains(needle), "{tok}: {v}");
    }
    assert!(t.customer("acme-owner-token", ACME).await["deleted_at"].is_null());
    // Ownership moves to Ravi: now Ada (still a superuser) may not delete, Ravi may.
    assert_eq!(
        t.put_form("acme-owner-token", &p, "owner_id=acmeSuper0000000000002")
            .await
            .status(),
        200
    );
    let (s, _, _) = send(&t, "DELETE", "acme-owner-token", &p, None).await;
    assert_eq!(s, 403);
    assert!(t.customer("acme-owner-token", ACME).await["deleted_at"].is_null());
    let (s, _, v) = send(&t, "DELETE", "acme-superuser-token", &p, None).await;
    assert_eq!(s, 200);
    assert_eq!(v, json!({"status": "ok"}));
    assert!(t.customer("acme-owner-token", ACME).await["deleted_at"].is_string());
}

#[tokio::test]
async fn error_shapes_have_their_content_types() {
    let t = start(Config::default()).await;
    // JSON:API
    let (s, ct, v) = json_of(
        t.put_form(
            "acme-engineer-token",
            &format!("/customer/{ACME}"),
            "name=x",
        )
        .await,
    )
    .await;
    assert_eq!((s.as_u16(), ct.as_str()), (403, "application/vnd.api+json"));
    assert!(v["errors"].is_array());
    // legacy
    let (s, ct, v) = json_of(
        t.delete(
            "acme-owner-token",
            &format!("/customer/{ACME}/contacts/nosuch"),
        )
        .await,
    )
    .await;
    assert_eq!((s.as_u16(), ct.as_str()), (404, "application/json"));
    assert!(v["msg"].is_string());
    let (s, ct, _) = json_of(t.get("nope", "/current_user").await).await;
    assert_eq!((s.as_u16(), ct.as_str()), (401, "application/json"));
    // problem+json
    let r = t
        .http
        .put(t.url(&format!("/api/customer/{ACME}")))
        .header("Fastly-Key", "acme-owner-token")
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    let (s, ct, _) = json_of(r).await;
    assert_eq!((s.as_u16(), ct.as_str()), (415, "application/problem+json"));
}

#[tokio::test]
async fn foreign_ids_are_403_whether_or_not_they_exist() {
    let t = start(Config::default()).await;
    const MISSING: &str = "noSuchCustomer00000000";
    let cases: [(&str, &str, Option<&str>); 7] = [
        ("GET", "", None),
        ("PUT", "", Some("name=Mine")),
        ("DELETE", "", None),
        ("GET", "/users", None),
        ("GET", "/contacts", None),
        (
            "POST",
            "/contacts",
            Some("contact_type=billing&name=N&email=n%40x.example"),
        ),
        ("DELETE", "/contacts/globexContact000000001", None),
    ];
    for tok in [
        "acme-owner-token",
        "acme-engineer-token",
        "acme-readonly-token",
    ] {
        for (method, suffix, form) in cases {
            let existing = send(
                &t,
                method,
                tok,
                &format!("/customer/{GLOBEX}{suffix}"),
                form,
            )
            .await;
            let missing = send(
                &t,
                method,
                tok,
                &format!("/customer/{MISSING}{suffix}"),
                form,
            )
            .await;
            assert_eq!(existing.0, 403, "{tok} {method} {suffix}: {}", existing.2);
            assert_eq!(missing.0, 403, "{tok} {method} {suffix}: {}", missing.2);
            assert_eq!(existing.1, missing.1, "{tok} {method} {suffix}");
            let same = existing.2.to_string().replace(GLOBEX, "ID");
            assert_eq!(
                same,
                missing.2.to_string().replace(MISSING, "ID"),
                "{tok} {method} {suffix}"
            );
        }
    }
    // Users: another company's and a non-existent one look the same; one's own is fine.
    let (s1, ct1, v1) = send(
        &t,
        "GET",
        "acme-user-token",
        "/user/globexOwner00000000001",
        None,
    )
    .await;
    let (s2, ct2, v2) = send(
        &t,
        "GET",
        "acme-user-token",
        "/user/noSuchUser000000000000",
        None,
    )
    .await;
    assert_eq!((s1.as_u16(), s2.as_u16()), (403, 403));
    assert_eq!(ct1, ct2);
    assert_eq!(
        v1.to_string().replace("globexOwner00000000001", "ID"),
        v2.to_string().replace("noSuchUser000000000000", "ID")
    );
    assert!(
        !v1.to_string().contains(GLOBEX),
        "the detail must not name the user's customer: {v1}"
    );
    assert_eq!(
        send(
            &t,
            "GET",
            "acme-user-token",
            "/user/acmeOwner0000000000001",
            None
        )
        .await
        .0,
        200
    );
    // Nothing changed at Globex.
    let g = t.customer("globex-owner-token", GLOBEX).await;
    assert_eq!(g["name"], "Globex Streaming Inc");
    assert!(g["deleted_at"].is_null());
    // Support staff still learn that an id does not exist.
    for (method, suffix, form) in [
        ("GET", "", None),
        ("GET", "/users", None),
        ("GET", "/contacts", None),
        ("PUT", "", Some("name=x")),
        ("DELETE", "", None),
    ] {
        let (s, _, v) = send(
            &t,
            method,
            "support-token",
            &format!("/customer/{MISSING}{suffix}"),
            form,
        )
        .await;
        assert_eq!(s, 404, "support {method} {suffix}");
        assert_eq!(v["msg"], "Record not found");
    }
    assert_eq!(
        send(
            &t,
            "GET",
            "support-token",
            "/user/noSuchUser000000000000",
            None
        )
        .await
        .0,
        404
    );
    // 401 comes first.
    assert_eq!(
        send(&t, "GET", "nope", &format!("/customer/{MISSING}"), None)
            .await
            .0,
        401
    );
    let r = t
        .http
        .get(t.url(&format!("/api/customer/{MISSING}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        send(&t, "GET", "nope", "/user/noSuchUser000000000000", None)
            .await
            .0,
        401
    );
}

/// Write `head` and `body` (in a task of its own, errors ignored: the server may stop
/// reading), and read the answer until the server closes (at most `wait`).
async fn raw_exchange(
    base: &str,
    head: String,
    body: Vec<u8>,
    wait: Duration,
) -> Result<String, String> {
    let addr = base.trim_start_matches("http://").to_string();
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut rd, mut wr) = stream.into_split();
    let writer = tokio::spawn(async move {
        wr.write_all(head.as_bytes()).await?;
        wr.write_all(&body).await?;
        wr.flush().await?;
        // Keep the write side open: the body is never finished.
        tokio::time::sleep(Duration::from_secs(30)).await;
        Ok::<_, std::io::Error>(())
    });
    let mut got = Vec::new();
    let read = tokio::time::timeout(wait, async {
        let mut buf = [0u8; 4096];
        loop {
            match rd.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    writer.abort();
    let text = String::from_utf8_lossy(&got).into_owned();
    match read {
        Ok(()) => Ok(text),
        Err(_) => Err(format!("no complete answer within {wait:?}; got {text:?}")),
    }
}

fn put_head(token: Option<&str>, framing: &str) -> String {
    let key = token
        .map(|k| format!("Fastly-Key: {k}\r\n"))
        .unwrap_or_default();
    format!(
        "PUT /api/customer/{ACME} HTTP/1.1\r\nHost: 127.0.0.1\r\n{key}Content-Type: {FORM}\r\n{framing}\r\n"
    )
}

/// A chunked body of `n` bytes of `name=aaaa…`, not terminated.
fn chunked(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut data = b"name=".to_vec();
    data.resize(n, b'a');
    for c in data.chunks(8192) {
        out.extend(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend(c);
        out.extend(b"\r\n");
    }
    out
}

#[tokio::test]
async fn unauthenticated_large_bodies_are_401_without_being_read() {
    let t = controls().await;
    let wait = Duration::from_secs(5);
    // Declared 100 MiB, 1 KiB sent: 401 at once, not a wait for the rest.
    for token in [None, Some("no-such-token")] {
        let head = put_head(token, "Content-Length: 104857600\r\n");
        let answer = raw_exchange(&t.base, head, vec![b'a'; 1024], wait)
            .await
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
        assert!(
            answer.contains("Provided credentials are missing or invalid"),
            "{answer}"
        );
    }
    // Chunked, without a length: reading stops after 64 KiB.
    let head = put_head(None, "Transfer-Encoding: chunked\r\n");
    let answer = raw_exchange(&t.base, head, chunked(80 * 1024), wait)
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    // Small unauthenticated bodies are still a plain 401.
    let r = t
        .put_form("no-such-token", &format!("/customer/{ACME}"), "name=x")
        .await;
    assert_eq!(r.status(), 401);
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
}

#[tokio::test]
async fn authenticated_bodies_over_1_mib_are_413() {
    let t = controls().await;
    let wait = Duration::from_secs(5);
    let head = put_head(Some("acme-owner-token"), "Content-Length: 2097152\r\n");
    let answer = raw_exchange(&t.base, head, vec![b'a'; 1024], wait)
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains(r#""msg":"Payload Too Large""#), "{answer}");
    let head = put_head(Some("acme-owner-token"), "Transfer-Encoding: chunked\r\n");
    let answer = raw_exchange(&t.base, head, chunked(1024 * 1024 + 8192), wait)
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // Under the limit (but over the unauthenticated one) is fine for a valid token.
    let address = "a".repeat(200 * 1024);
    let body = serde_urlencoded::to_string([("postal_address", address.as_str())]).unwrap();
    let (s, _, v) = json_of(
        t.put_form("acme-owner-token", &format!("/customer/{ACME}"), &body)
            .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["postal_address"].as_str().unwrap().len(), 200 * 1024);
}

#[tokio::test]
async fn request_log_cuts_long_bodies() {
    let t = controls().await;
    let address = "b".repeat(200 * 1024);
    let body = serde_urlencoded::to_string([("postal_address", address.as_str())]).unwrap();
    assert_eq!(
        t.put_form("acme-owner-token", &format!("/customer/{ACME}"), &body)
            .await
            .status(),
        200
    );
    let (_, _, log) = json_of(
        t.http
            .get(t.url("/__standin/requests"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let logged = log[0]["body"].as_str().unwrap();
    assert!(logged.len() <= 16 * 1024 + 100, "{}", logged.len());
    assert!(logged.starts_with("postal_address=bbbb"));
    assert!(
        logged.ends_with(&format!("…[truncated: {} bytes in all]", body.len())),
        "{}",
        &logged[logged.len() - 60..]
    );
    // Many such requests: the log stays within 1 MiB.
    for _ in 0..80 {
        t.put_form("acme-owner-token", &format!("/customer/{ACME}"), &body)
            .await;
    }
    let r = t
        .http
        .get(t.url("/__standin/requests"))
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    assert!(text.len() <= 1024 * 1024 + 1024, "{}", text.len());
    let log: Value = serde_json::from_str(&text).unwrap();
    assert!(log.as_array().unwrap().len() < 81);
}

#[tokio::test]
async fn a_panic_while_locked_does_not_take_the_server_down() {
    let state = Arc::new(AppState::new());
    let st = state.clone();
    let _ = std::thread::spawn(move || {
        let _store = st.store.lock().unwrap();
        let _controls = st.controls.lock().unwrap();
        panic!("a handler panics while holding both locks");
    })
    .join();
    assert!(state.store.is_poisoned() && state.controls.is_poisoned());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Config {
        dist: None,
        test_controls: true,
    };
    tokio::spawn(fastly_standin::serve_with_state(listener, config, state));
    let t = T {
        base: format!("http://{addr}"),
        http: Client::new(),
    };
    assert_eq!(
        t.get("acme-owner-token", "/current_user").await.status(),
        200
    );
    assert_eq!(
        t.put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            "name=Still+Up"
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Still Up"
    );
    let r = t
        .http
        .get(t.url("/__standin/requests"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        t.control(reqwest::Method::POST, "/reset", json!({}))
            .await
            .status(),
        200
    );
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
}

#[test]
fn test_controls_refuse_a_non_loopback_host() {
    let bin = env!("CARGO_BIN_EXE_fastly-standin");
    for host in ["0.0.0.0", "::"] {
        let mut child = std::process::Command::new(bin)
            .args(["--host", host, "--port", "0", "--test-controls"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if started.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("fastly-standin --host {host} --test-controls kept running");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(status.code(), Some(2), "{host}: {stderr}");
        assert!(
            stderr.contains("loopback") && stderr.contains(host),
            "{stderr}"
        );
        assert!(out.stdout.is_empty(), "it must not have started listening");
    }
}

#[tokio::test]
async fn dist_answers_carry_the_security_headers() {
    assert_eq!(
        SECURITY_HEADERS,
        &[
            (
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
    );
    let dist = temp_dist();
    let t = start(Config {
        dist: Some(dist.clone()),
        test_controls: false,
    })
    .await;
    for p in [
        "/",
        "/index.html",
        "/customers/x",
        "/some/deep/unknown",
        "/assets/app.js",
        "/app_bg.wasm",
    ] {
        let r = t.http.get(t.url(p)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{p}");
        for (name, value) in SECURITY_HEADERS {
            assert_eq!(
                r.headers().get(*name).map(|v| v.to_str().unwrap()),
                Some(*value),
                "{p}: {name}"
            );
        }
    }
    // API answers (any status) say nosniff.
    for (tok, p, status) in [
        ("acme-owner-token", "/current_user", 200),
        ("nope", "/current_user", 401),
        ("acme-owner-token", "/nope", 404),
    ] {
        let r = t.get(tok, p).await;
        assert_eq!(r.status(), status, "{p}");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff", "{p}");
    }
    let _ = std::fs::remove_dir_all(dist);
}

fn quick_client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap()
}

#[tokio::test]
async fn hang_is_never_answered_nor_applied() {
    let t = controls().await;
    let p = format!("/customer/{ACME}");
    let quick = quick_client();
    for method in ["PUT", "GET"] {
        let r = t
            .control(
                reqwest::Method::POST,
                "/faults",
                json!({"method": method, "path": p, "fault": "hang", "times": 1}),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let started = Instant::now();
    let err = quick
        .put(t.url(&format!("/api{p}")))
        .header("Fastly-Key", "acme-owner-token")
        .header("Content-Type", FORM)
        .body("name=Hung+Co")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(started.elapsed() >= Duration::from_millis(900));
    let err = quick
        .get(t.url(&format!("/api{p}")))
        .header("Fastly-Key", "acme-owner-token")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    // Not applied; both logged; the faults are used up.
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
    let (_, _, log) = json_of(
        t.http
            .get(t.url("/__standin/requests"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let log = log.as_array().unwrap();
    assert_eq!(log[0]["method"], "PUT");
    assert_eq!(log[0]["body"], "name=Hung+Co");
    assert_eq!(log[1]["method"], "GET");
    let (_, _, faults) =
        json_of(t.http.get(t.url("/__standin/faults")).send().await.unwrap()).await;
    assert_eq!(faults, json!([]));
}

#[tokio::test]
async fn hang_after_applies_but_never_answers() {
    let t = controls().await;
    let p = format!("/customer/{ACME}");
    let r = t
        .control(
            reqwest::Method::POST,
            "/faults",
            json!({"method": "PUT", "path": p, "fault": "hang-after"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let (_, _, faults) =
        json_of(t.http.get(t.url("/__standin/faults")).send().await.unwrap()).await;
    assert_eq!(faults[0]["fault"], "hang-after");
    let err = quick_client()
        .put(t.url(&format!("/api{p}")))
        .header("Fastly-Key", "acme-owner-token")
        .header("Content-Type", FORM)
        .body("name=Saved+But+Silent")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Saved But Silent"
    );
    let (_, _, log) = json_of(
        t.http
            .get(t.url("/__standin/requests"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(log[0]["body"], "name=Saved+But+Silent");
}

#[tokio::test]
async fn a_hanging_request_blocks_nothing_and_reset_ends_it() {
    let t = controls().await;
    let r = t
        .control(
            reqwest::Method::POST,
            "/faults",
            json!({"path": "/current_user", "fault": "hang"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let url = t.url("/api/current_user");
    let held = tokio::spawn(async move {
        let slow = Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let started = Instant::now();
        let res = slow
            .get(url)
            .header("Fastly-Key", "acme-owner-token")
            .send()
            .await;
        let answered = match res {
            Err(_) => false,
            Ok(r) => r.text().await.is_ok(),
        };
        (answered, started.elapsed())
    });
    // Wait until the server holds it.
    let started = Instant::now();
    loop {
        let (_, _, log) = json_of(
            t.http
                .get(t.url("/__standin/requests"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        if !log.as_array().unwrap().is_empty() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the held request never arrived"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Others are answered at once, reads and writes.
    let started = Instant::now();
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
    assert_eq!(
        t.put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            "name=Meanwhile"
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        t.control(reqwest::Method::POST, "/reset", json!({}))
            .await
            .status(),
        200
    );
    // (Generous for a loaded machine; the held request would take 60 s.)
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        t.customer("acme-owner-token", ACME).await["name"],
        "Acme Widgets Ltd"
    );
    // The reset dropped the held request (not answered), long before its 60 s timeout.
    let (answered, took) = tokio::time::timeout(Duration::from_secs(10), held)
        .await
        .unwrap()
        .unwrap();
    assert!(!answered);
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert_eq!(
        t.get("acme-owner-token", "/current_user").await.status(),
        200
    );
}
