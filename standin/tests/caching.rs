//! Real HTTP tests of the caching headers of `--dist` answers (and of `/api` answers): Trunk's
//! content-hashed files immutable, everything else `no-cache` with an ETag and 304s.

use std::path::{Path, PathBuf};

use fastly_standin::{Config, SECURITY_HEADERS};
use reqwest::header::HeaderMap;
use reqwest::{Method, Response};

mod common;
use common::*;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const INDEX: &str =
    "<!doctype html><meta name=\"api-base\" content=\"/api\"><title>console</title>\
    <script type=\"module\" src=\"/boot-0123456789abcdef.js\"></script>";

/// Hashed files as a Trunk build names them, and a few that are not hashed.
const HASHED: &[&str] = &[
    "/account-console-7f3a9c01d2e4b5f6.js",
    "/account-console-7f3a9c01d2e4b5f6_bg.wasm",
    "/main-0123456789abcdef.css",
    "/prefetch-fedcba9876543210.js",
    "/boot-0123456789abcdef.js",
];
const NOT_HASHED: &[&str] = &["/favicon.ico", "/robots.txt", "/assets/app.js"];

/// A dist/ like Trunk's, in a directory of its own, removed when dropped.
struct Dist(PathBuf);

impl Dist {
    fn new() -> Dist {
        let dir = std::env::temp_dir().join(format!(
            "fastly-standin-caching-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap()
        ));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), INDEX).unwrap();
        for p in HASHED.iter().chain(NOT_HASHED) {
            std::fs::write(dir.join(&p[1..]), format!("contents of {p}")).unwrap();
        }
        Dist(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Dist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn serve(dist: &Dist) -> T {
    start(Config {
        dist: Some(dist.path().to_path_buf()),
        test_controls: false,
    })
    .await
}

async fn get(t: &T, path: &str, headers: &[(&str, &str)]) -> Response {
    request(t, Method::GET, path, headers).await
}

async fn request(t: &T, method: Method, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut req = t.http.request(method, t.url(path));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.send().await.unwrap()
}

fn header<'h>(h: &'h HeaderMap, name: &str) -> Option<&'h str> {
    h.get(name).map(|v| v.to_str().unwrap())
}

fn assert_security_headers(h: &HeaderMap, what: &str) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(header(h, name), Some(*value), "{what}: {name}");
    }
}

/// GET `path`: 200, `no-cache`, and its ETag (strong: in quotes, no `W/`).
async fn etag_of(t: &T, path: &str) -> String {
    let r = get(t, path, &[]).await;
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(
        header(r.headers(), "cache-control"),
        Some("no-cache"),
        "{path}"
    );
    let etag = header(r.headers(), "etag")
        .unwrap_or_else(|| panic!("{path}: no ETag"))
        .to_string();
    assert!(
        etag.len() > 2 && etag.starts_with('"') && etag.ends_with('"'),
        "{path}: {etag} is not a strong tag"
    );
    etag
}

#[tokio::test]
async fn hashed_assets_are_immutable() {
    let dist = Dist::new();
    let t = serve(&dist).await;
    for p in HASHED {
        let r = get(&t, p, &[]).await;
        assert_eq!(r.status(), 200, "{p}");
        let h = r.headers().clone();
        assert_eq!(header(&h, "cache-control"), Some(IMMUTABLE), "{p}");
        assert_eq!(header(&h, "vary"), Some("accept-encoding"), "{p}");
        assert_security_headers(&h, p);
        assert_eq!(r.text().await.unwrap(), format!("contents of {p}"), "{p}");
    }
    let r = get(&t, HASHED[1], &[]).await;
    assert_eq!(
        header(r.headers(), "content-type"),
        Some("application/wasm")
    );
}

#[tokio::test]
async fn index_html_is_no_cache_with_an_etag() {
    let dist = Dist::new();
    let t = serve(&dist).await;
    let etag = etag_of(&t, "/index.html").await;
    assert_eq!(etag_of(&t, "/").await, etag);
    let r = get(&t, "/", &[]).await;
    let h = r.headers().clone();
    assert!(header(&h, "content-type").unwrap().starts_with("text/html"));
    assert_eq!(header(&h, "vary"), Some("accept-encoding"));
    assert_eq!(
        header(&h, "content-length"),
        Some(&*INDEX.len().to_string())
    );
    assert_security_headers(&h, "/");
    assert_eq!(r.text().await.unwrap(), INDEX);

    // The tag is of the bytes: a new build gets a new tag.
    std::fs::write(dist.path().join("index.html"), format!("{INDEX}\n")).unwrap();
    let changed = etag_of(&t, "/index.html").await;
    assert_ne!(changed, etag);
    // A HEAD answer carries the same tag and length as the GET, and no body.
    let r = request(&t, Method::HEAD, "/index.html", &[]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "etag"), Some(&*changed));
    assert_eq!(header(r.headers(), "cache-control"), Some("no-cache"));
    assert_eq!(
        header(r.headers(), "content-length"),
        Some(&*(INDEX.len() + 1).to_string())
    );
    assert_eq!(r.bytes().await.unwrap().len(), 0);
}

#[tokio::test]
async fn if_none_match_gives_304() {
    let dist = Dist::new();
    let t = serve(&dist).await;
    let etag = etag_of(&t, "/index.html").await;
    let weak = format!("W/{etag}");
    let listed = format!("\"other\", {etag}");
    for (path, inm) in [
        ("/index.html", etag.as_str()),
        ("/", etag.as_str()),
        ("/index.html", weak.as_str()),
        ("/index.html", listed.as_str()),
        ("/index.html", "*"),
    ] {
        let r = get(&t, path, &[("If-None-Match", inm)]).await;
        assert_eq!(r.status(), 304, "{path} If-None-Match: {inm}");
        let h = r.headers().clone();
        assert_eq!(header(&h, "etag"), Some(&*etag), "{path} {inm}");
        assert_eq!(
            header(&h, "cache-control"),
            Some("no-cache"),
            "{path} {inm}"
        );
        assert_eq!(header(&h, "vary"), Some("accept-encoding"), "{path} {inm}");
        assert_security_headers(&h, path);
        assert_eq!(r.bytes().await.unwrap().len(), 0, "{path} {inm}: a body");
    }
    // Another tag (an older build's): the whole page, with the current tag.
    let r = get(
        &t,
        "/index.html",
        &[("If-None-Match", "\"1-0000000000000000\"")],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "etag"), Some(&*etag));
    assert_eq!(r.text().await.unwrap(), INDEX);
    // If-Modified-Since is ignored when If-None-Match is there (RFC 9110 §13.1.3).
    let r = get(
        &t,
        "/index.html",
        &[
            ("If-None-Match", "\"1-0000000000000000\""),
            ("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    // After a new build the old tag gets the new page.
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>v2</title>",
    )
    .unwrap();
    let r = get(&t, "/index.html", &[("If-None-Match", &etag)]).await;
    assert_eq!(r.status(), 200);
    assert_ne!(header(r.headers(), "etag"), Some(&*etag));
    assert_eq!(r.text().await.unwrap(), "<!doctype html><title>v2</title>");
}

#[tokio::test]
async fn spa_fallback_for_a_deep_link_has_the_index_etag() {
    let dist = Dist::new();
    let t = serve(&dist).await;
    let etag = etag_of(&t, "/index.html").await;
    for p in [
        format!("/customers/{ACME}"),
        format!("/customers/{ACME}/contacts"),
        format!("/customers/{ACME}/activity?type=user.login"),
        "/sign-in".to_string(),
        // A hashed-looking name that is not in dist/ is the fallback, never immutable.
        "/account-console-aaaaaaaaaaaaaaaa.js".to_string(),
    ] {
        let r = get(&t, &p, &[]).await;
        assert_eq!(r.status(), 200, "{p}");
        let h = r.headers().clone();
        assert_eq!(header(&h, "etag"), Some(&*etag), "{p}");
        assert_eq!(header(&h, "cache-control"), Some("no-cache"), "{p}");
        assert!(
            header(&h, "content-type").unwrap().starts_with("text/html"),
            "{p}"
        );
        assert_security_headers(&h, &p);
        assert_eq!(r.text().await.unwrap(), INDEX, "{p}");

        let r = get(&t, &p, &[("If-None-Match", &etag)]).await;
        assert_eq!(r.status(), 304, "{p}");
        assert_eq!(header(r.headers(), "etag"), Some(&*etag), "{p}");
        assert_eq!(r.bytes().await.unwrap().len(), 0, "{p}");
    }
}

#[tokio::test]
async fn files_without_a_hash_are_revalidated() {
    let dist = Dist::new();
    let t = serve(&dist).await;
    for p in NOT_HASHED {
        let etag = etag_of(&t, p).await;
        assert_ne!(etag, etag_of(&t, "/index.html").await, "{p}");
        let r = get(&t, p, &[("If-None-Match", &etag)]).await;
        assert_eq!(r.status(), 304, "{p}");
        assert_eq!(
            header(r.headers(), "cache-control"),
            Some("no-cache"),
            "{p}"
        );
        // A Range request gets the whole file: the tag is of all of it.
        let r = get(&t, p, &[("Range", "bytes=0-3")]).await;
        assert_eq!(r.status(), 200, "{p}");
        assert_eq!(header(r.headers(), "etag"), Some(&*etag), "{p}");
        assert_eq!(r.text().await.unwrap(), format!("contents of {p}"));
    }
}

#[tokio::test]
async fn precompressed_siblings_have_their_own_etag() {
    let dist = Dist::new();
    // Not real brotli: the server sends the sibling as it is.
    std::fs::write(dist.path().join("index.html.br"), b"brotli bytes").unwrap();
    let t = serve(&dist).await;
    let plain = etag_of(&t, "/index.html").await;
    let r = get(&t, "/index.html", &[("Accept-Encoding", "br")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "content-encoding"), Some("br"));
    assert_eq!(header(r.headers(), "vary"), Some("accept-encoding"));
    let br = header(r.headers(), "etag").unwrap().to_string();
    assert_ne!(br, plain);
    assert_eq!(&r.bytes().await.unwrap()[..], b"brotli bytes");
    let r = get(
        &t,
        "/customers/x",
        &[("Accept-Encoding", "br"), ("If-None-Match", &br)],
    )
    .await;
    assert_eq!(r.status(), 304);
    // The identity tag does not match the brotli answer.
    let r = get(
        &t,
        "/index.html",
        &[("Accept-Encoding", "br"), ("If-None-Match", &plain)],
    )
    .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn api_answers_are_not_stored() {
    let dist = Dist::new();
    let t = serve(&dist).await;
    for (tok, p, status) in [
        ("acme-owner-token", "/current_user", 200),
        ("acme-owner-token", &*format!("/customer/{ACME}"), 200),
        ("nope", "/current_user", 401),
        ("acme-owner-token", "/nope", 404),
    ] {
        let r = t.get(tok, p).await;
        assert_eq!(r.status(), status, "{p}");
        assert_eq!(
            header(r.headers(), "cache-control"),
            Some("no-store"),
            "{p}"
        );
        assert_eq!(header(r.headers(), "etag"), None, "{p}");
    }
    let r = t
        .put_form(
            "acme-owner-token",
            &format!("/customer/{ACME}"),
            "phone_number=1",
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "cache-control"), Some("no-store"));
}
