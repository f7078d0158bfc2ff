//! `fastly-standin`: an in-memory stand-in of Fastly's account API (customers, users,
//! company contacts, audit events), with demo data, Fastly's permission rules and error
//! shapes, rate limits, and optional test controls (`/__standin/*`) to inject faults and
//! latency and to read back the requests the console sent. It can also serve the built
//! console.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::Response;
use axum::routing::any;
use axum::Router;

pub mod auth;
pub mod chaos;
pub mod data;
pub mod dist;
pub mod errors;
pub mod events;
pub mod faults;
pub mod routes;
pub mod rules;
pub mod seed;
pub mod store;

/// The headers of every answer served from `--dist` (index.html, SPA fallback, assets, 304s).
/// Its caching headers: [`dist`].
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
         base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// A built single-page app to serve at `/` (with SPA fallback to `index.html`).
    pub dist: Option<PathBuf>,
    /// Enable the `/__standin/*` control endpoints.
    pub test_controls: bool,
}

/// Is `host` (as given to `--host`) a loopback address: 127.0.0.0/8, `::1` or `localhost`?
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim();
    let h = h
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(h);
    if h.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match h.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => a.is_loopback(),
        Ok(IpAddr::V6(a)) => a.is_loopback() || a.to_ipv4_mapped().is_some_and(|a| a.is_loopback()),
        Err(_) => false,
    }
}

/// Refuse configurations that are unsafe to start: the test controls (reset, faults, the
/// request log with every body sent) only on a loopback host.
pub fn check_config(host: &str, config: &Config) -> Result<(), String> {
    if config.test_controls && !is_loopback_host(host) {
        return Err(format!(
            "--test-controls is only allowed on a loopback host (127.0.0.1, ::1 or localhost), \
             not '{host}': anyone who can reach the port could reset the data and read every request"
        ));
    }
    Ok(())
}

/// Lock a mutex, recovering the guard if a panicking thread poisoned it: one panic in a
/// handler must not turn every later request into a 500.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Where the data comes from, at start and at every reset.
#[derive(Clone, Debug, Default)]
pub enum SeedSource {
    /// The demo data (`data.rs`).
    #[default]
    Demo,
    /// A checked seed file (`--seed FILE.json`), and nothing else.
    File(Arc<seed::Seed>),
}

impl SeedSource {
    /// A fresh store of this source's data.
    pub fn store(&self) -> store::Store {
        match self {
            SeedSource::Demo => data::seed(),
            SeedSource::File(seed) => seed.store(),
        }
    }
}

pub struct AppState {
    /// What `reset` goes back to.
    pub seed: SeedSource,
    pub store: Mutex<store::Store>,
    pub controls: Mutex<faults::Controls>,
    /// Woken by `reset`: requests held by a `hang`/`hang-after` fault end at once.
    pub reset_signal: tokio::sync::Notify,
}

impl AppState {
    /// A state holding the demo data.
    pub fn new() -> Self {
        Self::with_seed(SeedSource::Demo)
    }

    /// A state holding `seed`'s data (and going back to it at every reset).
    pub fn with_seed(seed: SeedSource) -> Self {
        let store = seed.store();
        let epoch = store.epoch;
        AppState {
            seed,
            store: Mutex::new(store),
            controls: Mutex::new(faults::Controls::new(epoch, 0)),
            reset_signal: tokio::sync::Notify::new(),
        }
    }

    /// Reseed all data (from the same source: the demo data or the seed file); clear
    /// faults, latency, chaos, request log and rate limits; end held requests.
    pub fn reset(&self) {
        let fresh = self.seed.store();
        let epoch = fresh.epoch;
        *lock(&self.store) = fresh;
        let mut c = lock(&self.controls);
        let generation = c.generation + 1;
        *c = faults::Controls::new(epoch, generation);
        drop(c);
        self.reset_signal.notify_waiters();
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

async fn plain_not_found() -> Response {
    errors::legacy(StatusCode::NOT_FOUND, "Not Found", "Nothing here")
}

async fn security_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        // `from_bytes` lowercases the name; the list is checked by a unit test.
        if let Ok(name) = HeaderName::from_bytes(name.as_bytes()) {
            h.insert(name, HeaderValue::from_static(value));
        }
    }
    resp
}

pub fn app(config: Config) -> Router {
    app_with_state(config, Arc::new(AppState::new()))
}

/// The app over a given state (tests use it to reach into the state).
pub fn app_with_state(config: Config, state: Arc<AppState>) -> Router {
    let mut router = Router::new().nest("/api", routes::api_router(state.clone()));
    router = if config.test_controls {
        router.nest("/__standin", faults::control_router(state))
    } else {
        router
            .route("/__standin", any(plain_not_found))
            .route("/__standin/{*rest}", any(plain_not_found))
    };
    match config.dist {
        Some(dist) => {
            let spa = dist::router(&dist).layer(middleware::map_response(security_headers));
            router.fallback_service(spa)
        }
        None => router.fallback(plain_not_found),
    }
}

/// Serve the app on an already bound listener until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(config)).await
}

/// Like [`serve`], over a given state.
pub async fn serve_with_state(
    listener: tokio::net::TcpListener,
    config: Config,
    state: Arc<AppState>,
) -> std::io::Result<()> {
    axum::serve(listener, app_with_state(config, state)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_controls_only_on_loopback() {
        let controls = Config {
            dist: None,
            test_controls: true,
        };
        for host in [
            "127.0.0.1",
            "127.1.2.3",
            "::1",
            "[::1]",
            "localhost",
            "LOCALHOST",
            "::ffff:127.0.0.1",
        ] {
            assert_eq!(check_config(host, &controls), Ok(()), "{host}");
        }
        for host in [
            "0.0.0.0",
            "::",
            "192.168.1.10",
            "10.0.0.1",
            "example.com",
            "localhost.example",
            "",
        ] {
            let err = check_config(host, &controls).unwrap_err();
            assert!(
                err.contains("loopback") && err.contains(&format!("'{host}'")),
                "{host}: {err}"
            );
        }
        // Without the controls any host is fine.
        assert_eq!(check_config("0.0.0.0", &Config::default()), Ok(()));
    }

    #[test]
    fn lock_recovers_a_poisoned_mutex() {
        let m = Arc::new(Mutex::new(1));
        let m2 = m.clone();
        let _ = std::thread::spawn(move || {
            let _g = m2.lock().unwrap();
            panic!("poison it");
        })
        .join();
        assert!(m.is_poisoned());
        *lock(&m) += 1;
        assert_eq!(*lock(&m), 2);
    }

    #[test]
    fn security_header_names_are_valid() {
        for (name, value) in SECURITY_HEADERS {
            HeaderName::from_bytes(name.as_bytes()).unwrap();
            HeaderValue::from_str(value).unwrap();
        }
    }
}
