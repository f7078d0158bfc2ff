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

use crate::browser::dom::{el, frag, Dom};
use crate::browser::effect::memo;
use crate::browser::router::Location;
use crate::browser::session::Session;
use crate::components::header::header;
use crate::components::require_session::require_session;
use crate::domain::links::{page_of, Page};
use crate::pages::activity::{activity_page, ActivityData};
use crate::pages::customer_frame::CustomerData;
use crate::pages::{
    contacts::contacts_page, home::home_redirect, not_found::not_found, settings::settings_page,
    sign_in::sign_in_page,
};

/// The browser build's allocator: Talc instead of Rust's default dlmalloc (smaller
/// module, see README "Performance"). Single-threaded wasm only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub const PRODUCT_NAME: &str = "Account Console";

/// The whole console: skip link, header, and the page the address names.
pub fn app() -> Dom {
    let session = Session::start();
    provide_context(session);
    components::unsaved::install_guard();
    browser::recent::RecentCustomers::provide(session);
    let location = Location::start();
    let page = memo(move || page_of(&location.pathname.get()));
    frag(vec![
        el("a")
            .class("skip-link")
            .attr("href", "#main")
            .text("Skip to content")
            .into(),
        header().into(),
        // A panic shows `browser::crash`'s banner.
        el("main")
            .id("main")
            .attr("tabindex", "-1")
            .dyn_child(move || {
                let page = page.get();
                untrack(|| page_view(page))
            })
            .into(),
    ])
}

/// The page a path shows. A customer page starts loading its customer here, while
/// `require_session` may still be asking who is signed in.
fn page_view(page: Page) -> Dom {
    match page {
        Page::SignIn => sign_in_page().into(),
        Page::Home => require_session(|me| {
            home_redirect(me);
            Dom::none()
        }),
        Page::Settings(id) => {
            CustomerData::for_route(id, false);
            require_session(|me| settings_page(me).into())
        }
        Page::Contacts(id) => {
            CustomerData::for_route(id, true);
            require_session(contacts_page)
        }
        Page::Activity(id) => {
            ActivityData::for_route(id);
            require_session(|me| activity_page(me).into())
        }
        Page::NotFound => not_found().into(),
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
    // Leptos's reactive system runs on wasm-bindgen's executor (an error means it already
    // does). The root owner lives as long as the page.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let nodes = owner.with(app);
    if let Some(body) = document().body() {
        nodes.append_to(&body);
    }
    std::mem::forget(owner);
}
