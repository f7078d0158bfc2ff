//! Real HTTP tests of the Events API of the stand-in (`GET /api/events`,
//! `GET /api/events/{id}`, and the events recorded by writes). Each test starts its own
//! server on 127.0.0.1:0.

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use fastly_standin::Config;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

mod common;
use common::*;

const SUPPORT: &str = "5SuPpOrT7fAsTlYhQ8mN2k";
const ACME_OWNER: &str = "acmeOwner0000000000001";
const ACME_BILLING: &str = "acmeBilling00000000004";
const JSONAPI: &str = "application/vnd.api+json";
/// Seeded history: 300 events of Acme, 30 of Globex.
const ACME_EVENTS: u64 = 300;
const GLOBEX_EVENTS: u64 = 30;

async fn server() -> T {
    start(Config::default()).await
}

impl T {
    /// An absolute URL (a link of an answer).
    async fn get_abs(&self, token: &str, url: &str) -> Response {
        self.http
            .get(url)
            .header("Fastly-Key", token)
            .send()
            .await
            .unwrap()
    }
    /// `GET /events?query`: must be 200 `application/vnd.api+json`.
    async fn events(&self, token: &str, query: &str) -> Value {
        let (s, ct, v) = json_of(self.get(token, &format!("/events?{query}")).await).await;
        assert_eq!(s, 200, "{query}: {v}");
        assert_eq!(ct, JSONAPI, "{query}");
        v
    }
    /// Every event matching `query` (pages of 100, by number), in order.
    async fn all_events(&self, token: &str, query: &str) -> Vec<Value> {
        let mut out = Vec::new();
        for n in 1.. {
            let v = self
                .events(token, &format!("{query}&page[size]=100&page[number]={n}"))
                .await;
            out.extend(v["data"].as_array().unwrap().iter().cloned());
            if v["links"].get("next").is_none() {
                break;
            }
        }
        out
    }
    /// The newest `n` events of Acme, newest first, and the record count.
    async fn newest_acme(&self, n: usize) -> (Vec<Value>, u64) {
        let v = self
            .events(
                "acme-owner-token",
                &format!("sort=-created_at&filter[customer_id]={ACME}&page[size]={n}"),
            )
            .await;
        (
            v["data"].as_array().unwrap().clone(),
            v["meta"]["record_count"].as_u64().unwrap(),
        )
    }
}

fn attr<'a>(e: &'a Value, k: &str) -> &'a Value {
    &e["attributes"][k]
}

fn ids(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn instant(e: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(attr(e, "created_at").as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

/// The JSON:API 400 of a bad query: its detail.
async fn bad_request(t: &T, query: &str) -> String {
    let (s, ct, v) = json_of(t.get("acme-owner-token", &format!("/events?{query}")).await).await;
    assert_eq!(s, 400, "{query}: {v}");
    assert_eq!(ct, JSONAPI, "{query}");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(errors[0]["title"], "Bad Request");
    assert_eq!(errors[0]["status"], "400");
    errors[0]["detail"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn list_is_jsonapi_with_links_and_meta() {
    let t = server().await;
    let v = t.events("acme-owner-token", "").await;
    let data = v["data"].as_array().unwrap();
    assert_eq!(data.len(), 20);
    assert_eq!(
        v["meta"],
        json!({"current_page": 1, "per_page": 20, "record_count": ACME_EVENTS, "total_pages": 15})
    );
    let keys: HashSet<&str> = [
        "admin",
        "created_at",
        "customer_id",
        "description",
        "event_type",
        "ip",
        "metadata",
        "service_id",
        "token_id",
        "user_id",
    ]
    .into();
    for e in data {
        assert_eq!(e["type"], "event");
        assert_eq!(e["id"].as_str().unwrap().len(), 22);
        let attrs = e["attributes"].as_object().unwrap();
        assert_eq!(
            attrs.keys().map(String::as_str).collect::<HashSet<_>>(),
            keys
        );
        assert_eq!(attrs["customer_id"], ACME);
        assert!(attrs["metadata"].is_object());
        assert!(attrs["admin"].is_boolean());
    }
    let links = v["links"].as_object().unwrap();
    let base = format!("{}/api/events?", t.base);
    assert_eq!(
        links["first"],
        format!("{base}page[number]=1&page[size]=20")
    );
    assert_eq!(links["next"], format!("{base}page[number]=2&page[size]=20"));
    assert_eq!(
        links["last"],
        format!("{base}page[number]=15&page[size]=20")
    );
    assert!(links.get("prev").is_none());

    // Behind a proxy that says https.
    let r = t
        .http
        .get(format!(
            "{}/api/events?page[size]=50&page[number]=2",
            t.base
        ))
        .header("Fastly-Key", "acme-owner-token")
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    let (_, _, v) = json_of(r).await;
    let https = format!(
        "https://{}/api/events?",
        t.base.trim_start_matches("http://")
    );
    assert_eq!(
        v["links"]["prev"],
        format!("{https}page[number]=1&page[size]=50")
    );
    assert_eq!(
        v["links"]["last"],
        format!("{https}page[number]=6&page[size]=50")
    );
}

#[tokio::test]
async fn default_sort_is_oldest_first_and_minus_created_at_reverses_it() {
    let t = server().await;
    let asc = t.all_events("acme-owner-token", "").await;
    assert_eq!(asc.len() as u64, ACME_EVENTS);
    for w in asc.windows(2) {
        let (a, b) = (instant(&w[0]), instant(&w[1]));
        assert!(
            a < b || (a == b && w[0]["id"].as_str() < w[1]["id"].as_str()),
            "{} then {}",
            w[0],
            w[1]
        );
    }
    assert_eq!(
        ids(&asc),
        ids(&t.all_events("acme-owner-token", "sort=created_at").await)
    );
    let mut desc = t.all_events("acme-owner-token", "sort=-created_at").await;
    desc.reverse();
    assert_eq!(ids(&asc), ids(&desc));
    // The history ends within the last day and goes back about six months.
    let now = Utc::now();
    let newest = instant(asc.last().unwrap());
    assert!(
        newest <= now && now - newest < Duration::days(1),
        "{newest}"
    );
    assert!(now - instant(&asc[0]) > Duration::days(150));
}

#[tokio::test]
async fn every_filter() {
    let t = server().await;
    let all = t.all_events("acme-owner-token", "").await;
    let count = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|e| f(e)).count();
    let check = |query: String, expected: Vec<String>, got: Vec<Value>| {
        assert!(!expected.is_empty(), "{query}: pick a value that matches");
        assert_eq!(ids(&got), expected, "{query}");
    };
    let expect = |f: &dyn Fn(&Value) -> bool| -> Vec<String> {
        ids(&all.iter().filter(|e| f(e)).cloned().collect::<Vec<_>>())
    };

    for (param, value) in [
        ("event_type", "user.login"),
        ("event_type", "two_factor_auth.enable"),
        ("user_id", ACME_OWNER),
        ("user_id", "fastlyStaff00000000001"),
        ("service_id", "acmeSvcApi000000000002"),
        ("token_id", "acmeToken0000000000001"),
        ("customer_id", ACME),
    ] {
        let q = format!("filter[{param}]={value}");
        let got = t.all_events("acme-owner-token", &q).await;
        check(q, expect(&|e| attr(e, param) == value), got);
    }
    // Brackets percent-encoded; several filters at once.
    let q = format!("filter%5Bevent_type%5D=user.login&filter%5Buser_id%5D={ACME_OWNER}");
    let got = t.all_events("acme-owner-token", &q).await;
    check(
        q,
        expect(&|e| attr(e, "event_type") == "user.login" && attr(e, "user_id") == ACME_OWNER),
        got,
    );
    // A value that matches nothing.
    let v = t
        .events("acme-owner-token", "filter[event_type]=no.such")
        .await;
    assert_eq!(v["data"], json!([]));
    assert_eq!(v["meta"]["record_count"], 0);
    assert_eq!(v["meta"]["total_pages"], 1);
    assert!(v["links"].get("next").is_none());

    // created_at bounds around an event in the middle.
    let pivot = &all[150];
    let at = instant(pivot);
    let stamp = attr(pivot, "created_at").as_str().unwrap().to_string();
    let got = t
        .all_events(
            "acme-owner-token",
            &format!("filter[created_at][gte]={stamp}"),
        )
        .await;
    check(stamp.clone(), expect(&|e| instant(e) >= at), got.clone());
    assert_eq!(got[0]["id"], pivot["id"]);
    let got = t
        .all_events(
            "acme-owner-token",
            &format!("filter[created_at][gt]={stamp}"),
        )
        .await;
    check(stamp.clone(), expect(&|e| instant(e) > at), got);
    let got = t
        .all_events(
            "acme-owner-token",
            &format!("filter[created_at][lte]={stamp}"),
        )
        .await;
    assert_eq!(got.last().unwrap()["id"], pivot["id"]);
    check(stamp.clone(), expect(&|e| instant(e) <= at), got);
    // The same instant with an offset and fractions (`+` sent as %2B).
    let plus_one = at
        .with_timezone(&FixedOffset::east_opt(3600).unwrap())
        .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string();
    assert!(plus_one.ends_with(".000+01:00"), "{plus_one}");
    let q = format!("filter[created_at][lt]={}", plus_one.replace('+', "%2B"));
    let got = t.all_events("acme-owner-token", &q).await;
    check(q, expect(&|e| instant(e) < at), got);
    // Bare dates mean 00:00 UTC: a window of one week.
    let from = (at - Duration::days(3)).date_naive();
    let to = (at + Duration::days(4)).date_naive();
    let (lo, hi) = (
        from.and_hms_opt(0, 0, 0).unwrap().and_utc(),
        to.and_hms_opt(0, 0, 0).unwrap().and_utc(),
    );
    let q = format!("filter[created_at][gte]={from}&filter[created_at][lte]={to}");
    let got = t.all_events("acme-owner-token", &q).await;
    let expected = expect(&|e| instant(e) >= lo && instant(e) <= hi);
    assert!(expected.len() < all.len() && expected.len() > 3);
    check(q, expected, got);
    // With another filter and newest first.
    let q =
        format!("filter[created_at][gte]={from}&filter[event_type]=user.login&sort=-created_at");
    let mut got = t.all_events("acme-owner-token", &q).await;
    got.reverse();
    check(
        q,
        expect(&|e| instant(e) >= lo && attr(e, "event_type") == "user.login"),
        got,
    );
    assert!(count(&|e| attr(e, "user_id").is_null()) > 0);
}

#[tokio::test]
async fn bad_parameters_are_400_jsonapi_naming_them() {
    let t = server().await;
    assert_eq!(
        t.events("acme-owner-token", "page[size]=100").await["data"]
            .as_array()
            .unwrap()
            .len(),
        100
    );
    assert_eq!(
        t.events("acme-owner-token", "page[size]=1").await["meta"]["total_pages"],
        ACME_EVENTS
    );
    for (query, named) in [
        ("page[size]=101", "page[size]"),
        ("page[size]=0", "page[size]"),
        ("page[size]=many", "page[size]"),
        ("page%5Bsize%5D=-5", "page[size]"),
        ("page[number]=0", "page[number]"),
        ("page[number]=two", "page[number]"),
        ("sort=name", "sort"),
        ("sort=created_at,id", "sort"),
        (
            "filter[created_at][gte]=last+week",
            "filter[created_at][gte]",
        ),
        (
            "filter[created_at][lt]=2026-11-31",
            "filter[created_at][lt]",
        ),
        (
            "filter[created_at][gt]=2026-11-01T00:00:00",
            "filter[created_at][gt]",
        ),
    ] {
        let detail = bad_request(&t, query).await;
        assert!(detail.starts_with(named), "{query}: {detail}");
    }
    // An unencoded `+` arrives as a space: the answer says how to send it.
    let detail = bad_request(&t, "filter[created_at][gte]=2026-11-01T00:00:00+01:00").await;
    assert!(detail.contains("%2B"), "{detail}");
    // Unknown parameters are ignored.
    let v = t
        .events(
            "acme-owner-token",
            "include=user&filter[nope]=x&page[size]=5",
        )
        .await;
    assert_eq!(v["data"].as_array().unwrap().len(), 5);
}

/// Every `filter[created_at][op]` named in a query, in turn.
const BOUNDS: [&str; 4] = ["gt", "gte", "lt", "lte"];

#[tokio::test]
async fn created_at_offsets_beyond_23_59_are_unreadable() {
    let t = server().await;
    for offset in [
        "+24:00",
        "-24:00",
        "+25:00",
        "+99:00",
        "-99:00",
        "+99:59",
        "+23:60",
        "-00:60",
        "+2400",
        "+24",
        "+5:00",
        "\u{2212}01:00",
    ] {
        let value = format!("2026-01-15T12:00:00{offset}");
        let value_frac = format!("2026-01-15T12:00:00.250{offset}");
        for v in [value, value_frac] {
            let sent: String = v.replace('+', "%2B").replace('\u{2212}', "%E2%88%92");
            for op in BOUNDS {
                let name = format!("filter[created_at][{op}]");
                let detail = bad_request(&t, &format!("{name}={sent}")).await;
                assert!(
                    detail.starts_with(&format!("{name}: '{v}'")),
                    "{v}: {detail}"
                );
                assert!(detail.contains("23:59"), "{v}: {detail}");
            }
        }
    }
    // The widest offsets there are: the same instants as in UTC.
    let all = t.all_events("acme-owner-token", "").await;
    let pivot = instant(&all[150]);
    for (offset, secs) in [("+23:59", 86_340), ("-23:59", -86_340), ("-00:00", 0)] {
        let local = pivot.with_timezone(&FixedOffset::east_opt(secs).unwrap());
        let v = format!("{}{offset}", local.format("%Y-%m-%dT%H:%M:%S"));
        let q = format!("filter[created_at][gte]={}", v.replace('+', "%2B"));
        let got = t.all_events("acme-owner-token", &q).await;
        assert_eq!(got[0]["id"], all[150]["id"], "{v}");
        assert_eq!(got.len(), all.len() - 150, "{v}");
    }
}

#[tokio::test]
async fn created_at_years_below_1000_are_refused() {
    let t = server().await;
    for v in [
        "0999-01-01",
        "0999-12-31",
        "0001-01-01",
        "0000-01-01",
        "0999-12-31T23:59:59Z",
        "0100-06-01T00:00:00.5Z",
        "0999-12-31T23:00:00-05:00",
        "99-01-01",
        "99-01-01T00:00:00Z",
        "999-01-01",
        "999-01-01T00:00:00Z",
        "+2026-01-01",
        "-0001-01-01",
        "12026-01-01",
    ] {
        for op in BOUNDS {
            let name = format!("filter[created_at][{op}]");
            let sent = v.replace('+', "%2B");
            let detail = bad_request(&t, &format!("{name}={sent}")).await;
            assert!(
                detail.starts_with(&format!("{name}: '{v}'")),
                "{v}: {detail}"
            );
        }
    }
    // Not below 1000: year 1000 and later are read (every event is later).
    for v in [
        "1000-01-01",
        "1000-01-01T00:00:00Z",
        "1999-12-31T23:59:59+01:00",
    ] {
        let q = format!("filter[created_at][gte]={}", v.replace('+', "%2B"));
        let got = t.events("acme-owner-token", &q).await;
        assert_eq!(got["meta"]["record_count"], ACME_EVENTS, "{v}");
        let q = format!("filter[created_at][lt]={}", v.replace('+', "%2B"));
        let got = t.events("acme-owner-token", &q).await;
        assert_eq!(got["meta"]["record_count"], 0, "{v}");
    }
}

#[tokio::test]
async fn following_next_visits_every_record_once_with_the_same_filters() {
    let t = server().await;
    let query = "filter[event_type]=user.login&sort=-created_at";
    let expected = ids(&t.all_events("acme-owner-token", query).await);
    assert!(expected.len() > 30, "{}", expected.len());
    let size = 7u64;
    let total_pages = (expected.len() as u64).div_ceil(size);
    let first = format!("{}/api/events?{query}&page[size]={size}", t.base);
    let mut url = Some(first);
    let mut seen = Vec::new();
    let mut page = 0u64;
    while let Some(u) = url {
        page += 1;
        let (s, ct, v) = json_of(t.get_abs("acme-owner-token", &u).await).await;
        assert_eq!((s, ct.as_str()), (StatusCode::OK, JSONAPI), "{u}");
        assert_eq!(
            v["meta"],
            json!({"current_page": page, "per_page": size, "record_count": expected.len(), "total_pages": total_pages})
        );
        let links = v["links"].as_object().unwrap();
        for l in links.values() {
            let l = l.as_str().unwrap();
            assert!(l.starts_with(&format!("{}/api/events?", t.base)), "{l}");
            assert!(
                l.contains("filter[event_type]=user.login&sort=-created_at&page[number]="),
                "{l}"
            );
            assert!(l.ends_with(&format!("&page[size]={size}")), "{l}");
        }
        assert!(links["first"].as_str().unwrap().contains("page[number]=1&"));
        assert!(links["last"]
            .as_str()
            .unwrap()
            .contains(&format!("page[number]={total_pages}&")));
        assert_eq!(links.contains_key("prev"), page > 1);
        if let Some(prev) = links.get("prev") {
            assert!(prev
                .as_str()
                .unwrap()
                .contains(&format!("page[number]={}&", page - 1)));
        }
        assert_eq!(links.contains_key("next"), page < total_pages);
        let data = v["data"].as_array().unwrap();
        assert!(data.iter().all(|e| attr(e, "event_type") == "user.login"));
        seen.extend(ids(data));
        url = links.get("next").map(|n| n.as_str().unwrap().to_string());
    }
    assert_eq!(page, total_pages);
    assert_eq!(seen, expected);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), seen.len());

    // Past the end: no data, and a way back.
    let v = t
        .events(
            "acme-owner-token",
            &format!("{query}&page[size]={size}&page[number]=999"),
        )
        .await;
    assert_eq!(v["data"], json!([]));
    assert_eq!(v["meta"]["current_page"], 999);
    assert!(v["links"].get("next").is_none());
    assert!(v["links"]["prev"]
        .as_str()
        .unwrap()
        .contains("page[number]=998&"));
}

#[tokio::test]
async fn visibility_follows_the_customer() {
    let t = server().await;
    // A superuser who is not the owner nor support staff: their own company's events
    // only, whatever else they filter on.
    let own = t.all_events("acme-superuser-token", "").await;
    assert_eq!(own.len() as u64, ACME_EVENTS);
    assert!(own.iter().all(|e| attr(e, "customer_id") == ACME));
    let globex = t.all_events("globex-owner-token", "").await;
    assert_eq!(globex.len() as u64, GLOBEX_EVENTS);
    assert!(globex.iter().all(|e| attr(e, "customer_id") == GLOBEX));
    let v = t
        .events(
            "globex-owner-token",
            &format!("filter[user_id]={ACME_OWNER}"),
        )
        .await;
    assert_eq!(v["meta"]["record_count"], 0);

    // Naming another company: the 403 of GET /customer/{id}, whether it exists or not.
    for other in [GLOBEX, "noSuchCustomer00000000"] {
        let (s1, ct1, v1) = json_of(
            t.get(
                "acme-owner-token",
                &format!("/events?filter[customer_id]={other}"),
            )
            .await,
        )
        .await;
        let (s2, ct2, v2) = json_of(
            t.get("acme-owner-token", &format!("/customer/{other}"))
                .await,
        )
        .await;
        assert_eq!(s1, 403);
        assert_eq!((s1, ct1, v1), (s2, ct2, v2));
    }

    // Support staff see every company, and may filter on any.
    let every = t.all_events("support-token", "").await;
    assert_eq!(every.len() as u64, ACME_EVENTS + GLOBEX_EVENTS);
    let g = t
        .all_events("support-token", &format!("filter[customer_id]={GLOBEX}"))
        .await;
    assert_eq!(ids(&g), ids(&globex));

    // 401 as everywhere.
    for token in ["no-such-token", ""] {
        let (s, ct, v) = json_of(t.get(token, "/events").await).await;
        assert_eq!(
            (s, ct.as_str()),
            (StatusCode::UNAUTHORIZED, "application/json")
        );
        assert_eq!(
            v,
            json!({"msg": "Provided credentials are missing or invalid"})
        );
        let (s, _, _) = json_of(t.get(token, "/events/event00000000000000001").await).await;
        assert_eq!(s, 401);
    }
    // 401 before the parameters are looked at.
    let (s, _, _) = json_of(t.get("no-such-token", "/events?page[size]=0").await).await;
    assert_eq!(s, 401);
}

/// The 403 of the audit log for a caller who is not a superuser: JSON:API.
async fn not_for_you(t: &T, token: &str, path: &str) {
    let (s, ct, v) = json_of(t.get(token, path).await).await;
    assert_eq!(
        (s, ct.as_str()),
        (StatusCode::FORBIDDEN, JSONAPI),
        "{token} {path}: {v}"
    );
    assert_eq!(
        v,
        json!({"errors": [{
            "title": "Forbidden",
            "detail": "You must be a superuser to view the audit log",
            "status": "403",
        }]}),
        "{token} {path}"
    );
}

#[tokio::test]
async fn the_audit_log_is_for_superusers() {
    let t = server().await;
    let own = t.events("acme-owner-token", "page[size]=1").await;
    let id = own["data"][0]["id"].as_str().unwrap().to_string();
    let globex = t.events("globex-owner-token", "page[size]=1").await;
    let gid = globex["data"][0]["id"].as_str().unwrap().to_string();
    // Every role of the company but superuser (engineer, billing, user; Noah is a user
    // too): 403 for the list, with any parameters (even bad ones), for another company,
    // and for any event id, known or not.
    for token in [
        "acme-engineer-token",
        "acme-billing-token",
        "acme-user-token",
        "acme-nomfa-token",
    ] {
        for path in [
            "/events".to_string(),
            format!("/events?filter[customer_id]={ACME}&sort=-created_at&page[size]=5"),
            "/events?page[size]=0&sort=nope".to_string(),
            format!("/events?filter[customer_id]={GLOBEX}"),
            format!("/events/{id}"),
            format!("/events/{gid}"),
            "/events/event99999999999999999".to_string(),
        ] {
            not_for_you(&t, token, &path).await;
        }
    }
    // Superusers read: one who is not the owner, one who is, a global:read token of a
    // superuser, another company's owner-superuser.
    for (token, customer, count) in [
        ("acme-superuser-token", ACME, ACME_EVENTS),
        ("acme-owner-token", ACME, ACME_EVENTS),
        ("acme-readonly-token", ACME, ACME_EVENTS),
        ("globex-owner-token", GLOBEX, GLOBEX_EVENTS),
    ] {
        let v = t.events(token, "").await;
        assert_eq!(v["meta"]["record_count"], count, "{token}");
        let first = v["data"][0]["id"].as_str().unwrap();
        let (s, _, e) = json_of(t.get(token, &format!("/events/{first}")).await).await;
        assert_eq!(s, 200, "{token}");
        assert_eq!(e["data"]["attributes"]["customer_id"], customer);
    }
    // Support staff read another company's events, listed and by id.
    let v = t
        .events("support-token", &format!("filter[customer_id]={GLOBEX}"))
        .await;
    assert_eq!(v["meta"]["record_count"], GLOBEX_EVENTS);
    let (s, _, e) = json_of(t.get("support-token", &format!("/events/{gid}")).await).await;
    assert_eq!(s, 200);
    assert_eq!(e["data"]["id"], gid.as_str());
    let (s, _, _) = json_of(t.get("support-token", &format!("/events/{id}")).await).await;
    assert_eq!(s, 200);
    // 401 still comes first.
    let (s, _, _) = json_of(t.get("no-such-token", "/events").await).await;
    assert_eq!(s, 401);
}

/// The role decides, not ownership: an owner whose role is not superuser is refused, and
/// the superuser who handed the account over still reads.
#[tokio::test]
async fn an_owner_who_is_not_a_superuser_may_not_read_the_audit_log() {
    let t = server().await;
    const ACME_ENGINEER: &str = "acmeEngineer0000000003";
    let r = t
        .put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            &format!("owner_id={ACME_ENGINEER}"),
        )
        .await;
    assert_eq!(r.status(), 200);
    let c = t.customer("acme-engineer-token", ACME).await;
    assert_eq!(c["owner_id"], ACME_ENGINEER);
    let (_, _, me) = json_of(t.get("acme-engineer-token", "/current_user").await).await;
    assert_eq!(me["role"], "engineer");
    // The engineer owns the account now (may change it)…
    let r = t
        .put_form(
            "acme-engineer-token",
            &format!("/customer/{ACME}"),
            "name=Mine",
        )
        .await;
    assert_eq!(r.status(), 200);
    // …but is no superuser: no audit log.
    not_for_you(&t, "acme-engineer-token", "/events").await;
    not_for_you(&t, "acme-engineer-token", "/events?sort=-created_at").await;
    let (newest, _) = t.newest_acme(1).await;
    let id = newest[0]["id"].as_str().unwrap();
    not_for_you(&t, "acme-engineer-token", &format!("/events/{id}")).await;
    // The former owner, a superuser, reads what the new owner did.
    assert_eq!(attr(&newest[0], "user_id"), ACME_ENGINEER);
    assert_eq!(attr(&newest[0], "event_type"), "customer.update");
}

#[tokio::test]
async fn one_event_by_id() {
    let t = server().await;
    let acme = t.events("acme-owner-token", "page[size]=3").await;
    let e = &acme["data"][2];
    let id = e["id"].as_str().unwrap();
    let (s, ct, v) = json_of(t.get("acme-owner-token", &format!("/events/{id}")).await).await;
    assert_eq!((s, ct.as_str()), (StatusCode::OK, JSONAPI));
    assert_eq!(v, json!({"data": e}));

    let globex = t.events("globex-owner-token", "page[size]=1").await;
    let gid = globex["data"][0]["id"].as_str().unwrap();
    for unseen in [gid, "event99999999999999999", "nope"] {
        let (s, ct, v) = json_of(
            t.get("acme-owner-token", &format!("/events/{unseen}"))
                .await,
        )
        .await;
        assert_eq!(
            (s, ct.as_str()),
            (StatusCode::NOT_FOUND, JSONAPI),
            "{unseen}"
        );
        assert_eq!(v["errors"][0]["status"], "404");
        assert_eq!(
            v["errors"][0]["detail"],
            format!("Couldn't find Event '{unseen}'")
        );
    }
    // Support staff read any company's event.
    let (s, _, v) = json_of(t.get("support-token", &format!("/events/{gid}")).await).await;
    assert_eq!(s, 200);
    assert_eq!(v["data"], globex["data"][0]);
}

#[tokio::test]
async fn a_customer_update_records_what_changed_and_2fa() {
    let t = server().await;
    let p = format!("/customer/{ACME}");
    let (before, count) = t.newest_acme(1).await;
    assert_eq!(count, ACME_EVENTS);
    let r = t
        .put_form(
            "acme-owner-token",
            &p,
            "name=Acme+Gadgets&phone_number=%2B44+20+7946+0958&force_2fa=true",
        )
        .await;
    assert_eq!(r.status(), 200);
    let (newest, count) = t.newest_acme(3).await;
    assert_eq!(count, ACME_EVENTS + 2);
    let (tfa, update) = (&newest[0], &newest[1]);
    assert_eq!(newest[2], before[0]);
    assert_eq!(attr(tfa, "event_type"), "two_factor_auth.enable");
    assert_eq!(
        attr(tfa, "description"),
        "Two-factor authentication is now required for every user"
    );
    assert_eq!(attr(tfa, "metadata"), &json!({"force_2fa": true}));
    assert_eq!(attr(update, "event_type"), "customer.update");
    // The phone number was sent unchanged: not listed.
    assert_eq!(
        attr(update, "metadata"),
        &json!({"changed": ["name", "force_2fa"]})
    );
    assert_eq!(
        attr(update, "description"),
        "Customer settings updated: name, force_2fa"
    );
    for e in [tfa, update] {
        assert_eq!(attr(e, "customer_id"), ACME);
        assert_eq!(attr(e, "user_id"), ACME_OWNER);
        assert_eq!(attr(e, "admin"), false);
        assert_eq!(attr(e, "ip"), "127.0.0.1");
        assert_eq!(attr(e, "service_id"), &Value::Null);
        assert!((Utc::now() - instant(e)).num_seconds().abs() < 60, "{e}");
        // Readable one by one, and found by filters.
        let id = e["id"].as_str().unwrap();
        let (s, _, v) = json_of(t.get("acme-owner-token", &format!("/events/{id}")).await).await;
        assert_eq!((s, &v["data"]), (StatusCode::OK, e));
    }
    assert!(tfa["id"].as_str() > update["id"].as_str());
    let v = t
        .events(
            "acme-owner-token",
            "filter[event_type]=two_factor_auth.enable&sort=-created_at",
        )
        .await;
    assert_eq!(v["data"][0], *tfa);

    // Turned off again; the billing contact set.
    let r = t
        .put_form(
            "acme-owner-token",
            &p,
            &format!("force_2fa=0&billing_contact_id={ACME_BILLING}"),
        )
        .await;
    assert_eq!(r.status(), 200);
    let (newest, count) = t.newest_acme(3).await;
    assert_eq!(count, ACME_EVENTS + 5);
    assert_eq!(
        attr(&newest[2], "metadata"),
        &json!({"changed": ["billing_contact_id", "force_2fa"]})
    );
    assert_eq!(attr(&newest[1], "event_type"), "two_factor_auth.disable");
    assert_eq!(
        attr(&newest[1], "description"),
        "Two-factor authentication is no longer required for every user"
    );
    assert_eq!(attr(&newest[1], "metadata"), &json!({"force_2fa": false}));
    assert_eq!(attr(&newest[0], "event_type"), "billing.contact_update");
    assert_eq!(
        attr(&newest[0], "description"),
        "Billing contact changed from the account owner to Bill Moreno"
    );
    assert_eq!(
        attr(&newest[0], "metadata"),
        &json!({"billing_contact_id": {"from": null, "to": ACME_BILLING}})
    );
}

#[tokio::test]
async fn unchanged_or_rejected_writes_record_nothing() {
    let t = server().await;
    let p = format!("/customer/{ACME}");
    let (before, _) = t.newest_acme(1).await;
    let unchanged = |token: &'static str, body: &'static str, status: u16| {
        let t = &t;
        let p = p.clone();
        let before = before.clone();
        async move {
            let r = t.put_form(token, &p, body).await;
            assert_eq!(r.status(), status, "{token} {body}");
            let (newest, count) = t.newest_acme(1).await;
            assert_eq!(count, ACME_EVENTS, "{token} {body}");
            assert_eq!(newest, before, "{token} {body}");
        }
    };
    // Accepted, but nothing changed.
    unchanged(
        "acme-owner-token",
        "name=Acme+Widgets+Ltd&force_2fa=false",
        200,
    )
    .await;
    unchanged("acme-owner-token", "", 200).await;
    // Rejected: role, scope, values, another company.
    unchanged("acme-engineer-token", "name=Nope", 403).await;
    unchanged("acme-readonly-token", "name=Nope", 403).await;
    unchanged(
        "acme-owner-token",
        "name=Nope&billing_network_type=sideways",
        400,
    )
    .await;
    unchanged("acme-owner-token", "name=Nope&id=x", 400).await;
    unchanged(
        "acme-superuser-token",
        "name=Nope&ip_whitelist=300.0.0.1",
        400,
    )
    .await;
    let r = t
        .put_form(
            "acme-owner-token",
            &format!("/customer/{GLOBEX}"),
            "name=Mine",
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        t.events("support-token", &format!("filter[customer_id]={GLOBEX}"))
            .await["meta"]["record_count"],
        GLOBEX_EVENTS
    );
    // A failed contact deletion records nothing either.
    let r = t
        .delete(
            "acme-owner-token",
            &format!("{p}/contacts/noSuchContact000000000"),
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(t.newest_acme(1).await.1, ACME_EVENTS);
}

#[tokio::test]
async fn contact_changes_and_deletion_are_recorded() {
    let t = server().await;
    let p = format!("/customer/{ACME}/contacts");
    let r = t
        .send_form(
            reqwest::Method::POST,
            "acme-owner-token",
            &p,
            "contact_type=billing&name=Jane+Doe&email=jane%40acme.example",
        )
        .await;
    let (s, _, contact) = json_of(r).await;
    assert_eq!(s, 200, "{contact}");
    let cid = contact["id"].as_str().unwrap();
    let (newest, count) = t.newest_acme(1).await;
    assert_eq!(count, ACME_EVENTS + 1);
    let e = &newest[0];
    assert_eq!(attr(e, "event_type"), "customer.update");
    assert_eq!(
        attr(e, "description"),
        "Company contact added: Jane Doe (billing)"
    );
    assert_eq!(
        attr(e, "metadata"),
        &json!({"contact_id": cid, "contact_type": "billing", "change": "contact.create"})
    );
    assert_eq!(attr(e, "user_id"), ACME_OWNER);

    // A contact that is a user is named after the user.
    let r = t
        .send_form(
            reqwest::Method::POST,
            "acme-superuser-token",
            &p,
            &format!("contact_type=security&user_id={ACME_BILLING}&phone=%2B44+1"),
        )
        .await;
    assert_eq!(r.status(), 200);
    let (newest, _) = t.newest_acme(1).await;
    assert_eq!(
        attr(&newest[0], "description"),
        "Company contact added: Bill Moreno (security)"
    );
    assert_eq!(attr(&newest[0], "user_id"), "acmeSuper0000000000002");

    let r = t.delete("acme-owner-token", &format!("{p}/{cid}")).await;
    assert_eq!(r.status(), 200);
    let (newest, count) = t.newest_acme(1).await;
    assert_eq!(count, ACME_EVENTS + 3);
    assert_eq!(
        attr(&newest[0], "description"),
        "Company contact removed: Jane Doe (billing)"
    );
    assert_eq!(
        attr(&newest[0], "metadata"),
        &json!({"contact_id": cid, "contact_type": "billing", "change": "contact.delete"})
    );

    // Deleting the customer.
    let r = t
        .delete("acme-owner-token", &format!("/customer/{ACME}"))
        .await;
    assert_eq!(r.status(), 200);
    let (newest, count) = t.newest_acme(1).await;
    assert_eq!(count, ACME_EVENTS + 4);
    assert_eq!(attr(&newest[0], "event_type"), "customer.update");
    assert_eq!(attr(&newest[0], "description"), "Customer deleted");
    assert_eq!(attr(&newest[0], "metadata")["change"], "customer.delete");
}

#[tokio::test]
async fn support_staff_changes_are_admin_events() {
    let t = server().await;
    let r = t
        .put_form(
            "support-token",
            &format!("/customer/{SUPPORT}"),
            "phone_number=%2B1+555+0199",
        )
        .await;
    assert_eq!(r.status(), 200);
    let v = t
        .events("support-token", &format!("filter[customer_id]={SUPPORT}"))
        .await;
    assert_eq!(v["meta"]["record_count"], 1);
    let e = &v["data"][0];
    assert_eq!(attr(e, "admin"), true);
    assert_eq!(attr(e, "user_id"), "supportStaff0000000001");
    assert_eq!(attr(e, "metadata"), &json!({"changed": ["phone_number"]}));
}

#[tokio::test]
async fn reset_restores_the_seeded_history() {
    let t = start(Config {
        dist: None,
        test_controls: true,
    })
    .await;
    let (seeded, _) = t.newest_acme(5).await;
    let r = t
        .put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            "name=Changed",
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(t.newest_acme(1).await.1, ACME_EVENTS + 1);
    let r = t
        .http
        .post(format!("{}/__standin/reset", t.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (again, count) = t.newest_acme(5).await;
    assert_eq!(count, ACME_EVENTS);
    assert_eq!(ids(&again), ids(&seeded));
    assert_eq!(
        again
            .iter()
            .map(|e| e["attributes"]["description"].clone())
            .collect::<Vec<_>>(),
        seeded
            .iter()
            .map(|e| e["attributes"]["description"].clone())
            .collect::<Vec<_>>()
    );
}
