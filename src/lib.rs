//! Customer account console for Fastly-style accounts.
//!
//! Data flows one way: API answer → `model` → `attributes` + `permissions` →
//! `pages` → change set → `api`.

pub mod api;
pub mod browser;
pub mod components;
pub mod domain;
pub mod model;
pub mod pages;

use crate::browser::router::Location;
use crate::browser::session::Session;
use crate::components::header::Header;
use crate::components::require_session::RequireSession;
use crate::domain::links::{page_of, Page};
use crate::pages::activity::{ActivityData, ActivityPage};
use crate::pages::customer_frame::CustomerData;
use crate::pages::{
    contacts::ContactsPage, home::HomeRedirect, not_found::NotFound, settings::SettingsPage,
    sign_in::SignInPage,
};
use leptos::prelude::*;

use crate::browser::effect::memo;

/// The browser build's allocator: Talc instead of Rust's default dlmalloc (smaller
/// module, see README "Performance"). Single-threaded wasm only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub const PRODUCT_NAME: &str = "Account Console";

#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    provide_context(session);
    components::unsaved::install_guard();
    browser::recent::RecentCustomers::provide(session);
    let location = Location::start();
    let page = memo(move || page_of(&location.pathname.get()));

    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <Header />
        <main id="main" tabindex="-1">
            // A panic shows `browser::crash`'s banner; no view here renders a `Result`, so an
            // ErrorBoundary would catch nothing (and cost ~2 KB of WebAssembly).
            {move || page_view(page.get())}
        </main>
    }
}

/// The page a path shows. A customer page starts loading its customer here, while
/// `RequireSession` may still be asking who is signed in.
fn page_view(page: Page) -> AnyView {
    match page {
        Page::SignIn => view! { <SignInPage /> }.into_any(),
        Page::Home => {
            view! { <RequireSession page=|me| view! { <HomeRedirect me=me /> }.into_any() /> }
                .into_any()
        }
        Page::Settings(id) => {
            CustomerData::for_route(id, false);
            view! { <RequireSession page=|me| view! { <SettingsPage me=me /> }.into_any() /> }
                .into_any()
        }
        Page::Contacts(id) => {
            CustomerData::for_route(id, true);
            view! { <RequireSession page=|me| view! { <ContactsPage me=me /> }.into_any() /> }
                .into_any()
        }
        Page::Activity(id) => {
            ActivityData::for_route(id);
            view! { <RequireSession page=|me| view! { <ActivityPage me=me /> }.into_any() /> }
                .into_any()
        }
        Page::NotFound => view! { <NotFound /> }.into_any(),
    }
}

/// Mounts the app on `<body>`; `main.rs` calls only this.
pub fn start() {
    browser::crash::install_panic_hook();
    // index.html's static skeleton held the page while the module streamed in.
    if let Some(skeleton) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-skeleton"))
    {
        skeleton.remove();
    }
    leptos::mount::mount_to_body(App);
}
