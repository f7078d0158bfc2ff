//! Serving a built single-page app (`--dist`): its files (`.br`/`.gz` siblings when the
//! browser accepts them), the SPA fallback to `index.html` for unknown paths, and the caching
//! headers a CDN would send.
//!
//! - Trunk's content-hashed files ([`is_content_hashed`]: `account-console-<hash>.js`,
//!   `account-console-<hash>_bg.wasm`, `main-<hash>.css`, `prefetch-<hash>.js`,
//!   `boot-<hash>.js`) never change under their name: [`IMMUTABLE`].
//! - Everything else (`index.html`, the SPA fallback, any file without a hash in its name):
//!   [`REVALIDATE`] with a strong `ETag` of the bytes sent; a matching `If-None-Match` gets
//!   `304 Not Modified` without a body.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

/// `Cache-Control` of a content-hashed file: cached for a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of every other file: may be stored, but revalidated (by its `ETag`) on
/// every use.
pub const REVALIDATE: &str = "no-cache";

/// The most a revalidated file may weigh (its bytes are read whole to tag them).
const MAX_TAGGED_BYTES: usize = 64 * 1024 * 1024;

/// Marks the SPA fallback's answer (`index.html` for an unknown path): it is never immutable,
/// whatever its path looks like.
#[derive(Clone, Copy, Debug)]
struct SpaFallback;

/// Does this file name carry Trunk's content hash: `<stem>-<hash>` followed by `.<ext>` or
/// `_<suffix>` (wasm-bindgen's `_bg.wasm`), the hash lowercase hex?
///
/// Trunk writes the hash as `format!("{:x}", seahash)`, a `u64` without leading zeros: 16
/// digits in 15 builds out of 16, fewer otherwise (the `boot-<hash>.js` of
/// `scripts/externalize-loader.mjs` is always 16). 12 to 16 digits are taken as a hash: a
/// shorter run (`app-cafe.js`) is more likely a word than a hash.
pub fn is_content_hashed(file_name: &str) -> bool {
    let b = file_name.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        if c != b'-' || i == 0 {
            return false;
        }
        let digits = b[i + 1..]
            .iter()
            .take_while(|d| matches!(d, b'0'..=b'9' | b'a'..=b'f'))
            .count();
        let after = &b[i + 1 + digits..];
        (12..=16).contains(&digits)
            && matches!(after.first(), Some(b'.' | b'_'))
            && after.contains(&b'.')
            && !after.ends_with(b".")
    })
}

/// The strong entity tag of a representation's bytes: its length and FNV-1a 64 hash, in hex.
pub fn entity_tag(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("\"{:x}-{h:016x}\"", bytes.len())
}

/// Does an `If-None-Match` value match `etag`? `*`, or a list of tags compared weakly (RFC 9110
/// §13.1.2: `W/"x"` matches `"x"`).
pub fn none_match_matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match.trim() == "*"
        || if_none_match
            .split(',')
            .map(|t| t.trim())
            .map(|t| t.strip_prefix("W/").unwrap_or(t))
            .any(|t| t == etag)
}

/// The `--dist` app: files with the SPA fallback and the caching headers (the security headers
/// are the caller's).
pub fn router(dist: &Path) -> Router {
    let index = Router::new()
        .fallback_service(
            ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(middleware::map_response(mark_fallback));
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(caching))
}

async fn mark_fallback(mut resp: Response) -> Response {
    resp.extensions_mut().insert(SpaFallback);
    resp
}

async fn caching(mut req: Request, next: Next) -> Response {
    let name = req.uri().path().rsplit('/').next().unwrap_or_default();
    let hashed = is_content_hashed(name);
    let head = req.method() == Method::HEAD;
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    {
        let h = req.headers_mut();
        if if_none_match.is_some() {
            // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is there.
            h.remove(header::IF_MODIFIED_SINCE);
        }
        if !hashed {
            // Tagged answers are whole (the tag is of the whole representation).
            h.remove(header::RANGE);
            h.remove(header::IF_RANGE);
        }
    }
    if head {
        // The tag needs the bytes; axum drops the body of a HEAD answer (and keeps its length).
        *req.method_mut() = Method::GET;
    }
    let mut resp = next.run(req).await;
    let status = resp.status();
    if !(status.is_success() || status == StatusCode::NOT_MODIFIED) {
        return resp;
    }
    let fallback = resp.extensions().get::<SpaFallback>().is_some();
    if hashed && !fallback {
        set_caching(resp.headers_mut(), IMMUTABLE);
        return strip_body_if(head, resp);
    }
    if status != StatusCode::OK {
        // A 304 of ServeDir's own (If-Modified-Since alone) or a 206: revalidated all the same.
        set_caching(resp.headers_mut(), REVALIDATE);
        return strip_body_if(head, resp);
    }
    let (mut parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_TAGGED_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let etag = entity_tag(&bytes);
    set_caching(&mut parts.headers, REVALIDATE);
    parts.headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("hex in quotes is a valid header value"),
    );
    let unchanged = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| none_match_matches(v, &etag));
    if unchanged {
        // RFC 9110 §15.4.5: the headers a 200 would have that describe the stored answer.
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [
            header::CACHE_CONTROL,
            header::ETAG,
            header::VARY,
            header::CONTENT_LOCATION,
            header::DATE,
            header::EXPIRES,
            header::LAST_MODIFIED,
        ] {
            if let Some(v) = parts.headers.get(&name) {
                not_modified.headers_mut().insert(name, v.clone());
            }
        }
        return not_modified;
    }
    let body = if head {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    Response::from_parts(parts, body)
}

/// `Cache-Control`, and `Vary: Accept-Encoding` (a `.br`/`.gz` sibling may be what is sent).
fn set_caching(h: &mut HeaderMap, cache_control: &'static str) {
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
}

fn strip_body_if(head: bool, resp: Response) -> Response {
    if !head {
        return resp;
    }
    let (parts, _) = resp.into_parts();
    Response::from_parts(parts, Body::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_names_are_content_hashed() {
        for name in [
            "account-console-7f3a9c01d2e4b5f6.js",
            "account-console-7f3a9c01d2e4b5f6_bg.wasm",
            "main-0123456789abcdef.css",
            "style-0123456789abcdef.css",
            "prefetch-fedcba9876543210.js",
            "boot-0123456789abcdef.js",
            "account-console-123456789abcdef.js", // 15 digits: a hash with a leading zero
            "account-console-7f3a9c01d2e4b5f6.js.br",
        ] {
            assert!(is_content_hashed(name), "{name}");
        }
        for name in [
            "index.html",
            "favicon.ico",
            "robots.txt",
            "prefetch.js",
            "app_bg.wasm",
            "app-cafe.js",                      // too short to be a hash
            "main-0123456789ABCDEF.css",        // Trunk writes lowercase
            "main-0123456789abcdef0.css",       // 17 digits
            "main-0123456789abcdefg.css",       // not hex to the end
            "0123456789abcdef.js",              // no stem
            "-0123456789abcdef.js",             // no stem
            "main-0123456789abcdef",            // no extension
            "main-0123456789abcdef.",           // no extension
            "account-console-7f3a9c01d2e4b5f6", // no extension
        ] {
            assert!(!is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn entity_tags_are_strong_and_follow_the_bytes() {
        let a = entity_tag(b"<!doctype html>");
        assert!(
            a.starts_with('"') && a.ends_with('"') && !a.starts_with("W/"),
            "{a}"
        );
        assert_eq!(a, entity_tag(b"<!doctype html>"));
        assert_ne!(a, entity_tag(b"<!doctype html> "));
        assert_ne!(a, entity_tag(b"<!doctype htmm>"));
        HeaderValue::from_str(&a).unwrap();
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let tag = "\"f-0123456789abcdef\"";
        for v in [
            tag,
            "*",
            " * ",
            "W/\"f-0123456789abcdef\"",
            "\"x\", \"f-0123456789abcdef\"",
            "\"x\",W/\"f-0123456789abcdef\" ",
        ] {
            assert!(none_match_matches(v, tag), "{v}");
        }
        for v in [
            "",
            "\"x\"",
            "f-0123456789abcdef",
            "\"F-0123456789ABCDEF\"",
            "\"x\", *",
        ] {
            assert!(!none_match_matches(v, tag), "{v}");
        }
    }
}
