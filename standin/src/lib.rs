//! `fastly-standin`: an in-memory stand-in of Fastly's account API (customers, users,
//! company contacts), with demo data, Fastly's permission rules and error shapes, rate
//! limits, and optional test controls (`/__standin/*`) to inject faults and latency and
//! to read back the requests the console sent. It can also serve the built console.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

pub mod data;
pub mod errors;
pub mod faults;
pub mod routes;
pub mod rules;
pub mod store;

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// A built single-page app to serve at `/` (with SPA fallback to `index.html`).
    pub dist: Option<PathBuf>,
    /// Enable the `/__standin/*` control endpoints.
    pub test_controls: bool,
}

pub struct AppState {
    pub store: Mutex<store::Store>,
    pub controls: Mutex<faults::Controls>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            store: Mutex::new(data::seed()),
            controls: Mutex::new(faults::Controls::default()),
        }
    }

    /// Reseed all data; clear faults, latency, request log and rate limits.
    pub fn reset(&self) {
        let fresh = data::seed();
        *self.store.lock().unwrap() = fresh;
        *self.controls.lock().unwrap() = faults::Controls::default();
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

pub fn app(config: Config) -> Router {
    let state = Arc::new(AppState::new());
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
            let index = ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            let files = ServeDir::new(&dist)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(index);
            router.fallback_service(files)
        }
        None => router.fallback(plain_not_found),
    }
}

/// Serve the app on an already bound listener until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(config)).await
}
