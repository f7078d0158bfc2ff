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

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::browser::session::Session;
use crate::components::header::Header;
use crate::components::require_session::RequireSession;
use crate::pages::activity::{ActivityData, ActivityPage};
use crate::pages::customer_frame::{customer_page, CustomerData, CustomerFrame};
use crate::pages::{
    contacts::ContactsPage, home::HomeRedirect, not_found::NotFound, settings::SettingsPage,
    sign_in::SignInPage,
};

/// The browser build's allocator: Talc instead of Rust's default dlmalloc (smaller
/// module, see README "Performance"). Single-threaded wasm only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub const PRODUCT_NAME: &str = "Account Console";

/// The whole console: skip link, header, and the page the address names (the routes of
/// `../shared/ui-contract.md`). A customer's pages share one frame ([`CustomerFrame`]: the
/// customer's tabs) that stays while its `<Outlet/>` changes.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    provide_context(session);
    components::unsaved::install_guard();
    browser::recent::RecentCustomers::provide(session);

    view! {
        <Router>
            // rel="external": the browser moves the focus to the content; the router leaves it alone.
            <a class="skip-link" href="#main" rel="external">
                "Skip to content"
            </a>
            <Header />
            // A panic shows `browser::crash`'s banner; no view here renders a `Result`, so an
            // ErrorBoundary would catch nothing.
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route path=path!("/") view=HomeRoute />
                    <ParentRoute path=path!("/customers/:customer_id") view=CustomerFrame>
                        <Route path=path!("") view=SettingsRoute />
                        <Route path=path!("contacts") view=ContactsRoute />
                        <Route path=path!("activity") view=ActivityRoute />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn HomeRoute() -> impl IntoView {
    view! { <RequireSession page=|me| view! { <HomeRedirect me=me /> }.into_any() /> }
}

/// A customer page starts loading its customer here, while `RequireSession` may still be
/// asking who is signed in.
#[component]
fn SettingsRoute() -> impl IntoView {
    customer_page(|id| {
        CustomerData::for_route(id, false);
        view! { <RequireSession page=|me| view! { <SettingsPage me=me /> }.into_any() /> }
            .into_any()
    })
}

#[component]
fn ContactsRoute() -> impl IntoView {
    customer_page(|id| {
        CustomerData::for_route(id, true);
        view! { <RequireSession page=|me| view! { <ContactsPage me=me /> }.into_any() /> }
            .into_any()
    })
}

#[component]
fn ActivityRoute() -> impl IntoView {
    customer_page(|id| {
        ActivityData::for_route(id);
        view! { <RequireSession page=|me| view! { <ActivityPage me=me /> }.into_any() /> }
            .into_any()
    })
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
