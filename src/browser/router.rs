//! The address bar as signals, and moving between the app's pages without
//! reloading: links inside the app, back and forward, and `navigate`. (Our four
//! routes needed ~14 KB of WebAssembly from `leptos_router`; this is the part of
//! it the console uses.) Which page a path shows is `domain::links::page_of`.

use std::cell::Cell;

use leptos::prelude::*;

use crate::domain::links::query_value;

thread_local! {
    /// The app's one location, for `navigate` called from event handlers (no owner there).
    static APP_LOCATION: Cell<Option<Location>> = const { Cell::new(None) };
}

/// Where the app is: the path and the query (`?…`) of the address bar.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
}

impl Location {
    /// Reads the address bar, provides the location to the app and, in the
    /// browser, follows back/forward and takes over clicks on the app's own links.
    pub fn start() -> Self {
        let (pathname, search) = address_bar();
        let location = Location {
            pathname: RwSignal::new(pathname),
            search: RwSignal::new(search),
        };
        provide_context(location);
        APP_LOCATION.with(|l| l.set(Some(location)));
        #[cfg(target_arch = "wasm32")]
        listen(location);
        location
    }

    /// A query value of the current address (tracked).
    pub fn query(&self, name: &str) -> Option<String> {
        self.search.with(|s| query_value(s, name))
    }

    fn sync(&self) {
        let (pathname, search) = address_bar();
        if self.pathname.get_untracked() != pathname {
            self.pathname.set(pathname);
        }
        if self.search.get_untracked() != search {
            self.search.set(search);
        }
    }
}

/// The app's location (provided by [`Location::start`] when the app starts).
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Goes to `path` (an app path, with any query) as a new history entry, at the top of the page.
pub fn navigate(path: &str) {
    go(path, false);
}

/// Goes to `path` in place of the current entry (a redirect: "back" skips it).
pub fn redirect(path: &str) {
    go(path, true);
}

fn go(path: &str, replace: bool) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let url = Some(path);
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", url)
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", url)
            };
        }
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (path, replace);
    if let Some(location) = APP_LOCATION.with(Cell::get) {
        location.sync();
    }
}

/// The path and query of the address bar ("/" and "" off the browser).
fn address_bar() -> (String, String) {
    #[cfg(target_arch = "wasm32")]
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        return (
            location.pathname().unwrap_or_else(|_| "/".into()),
            location.search().unwrap_or_default(),
        );
    }
    ("/".into(), String::new())
}

#[cfg(target_arch = "wasm32")]
fn listen(location: Location) {
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{Element, Event, MouseEvent};

    let Some(window) = web_sys::window() else {
        return;
    };
    // Back and forward (the unsaved-changes guard, listening first, may have refused).
    let pop_state = Closure::<dyn Fn(Event)>::new(move |_: Event| location.sync());
    // A click on a link of this app: a page change here, not a new document. Left
    // clicks only, without modifiers, on links without a target, download or
    // rel="external", to this origin; a fragment on this very page is left to the browser.
    let click = Closure::<dyn Fn(MouseEvent)>::new(move |ev: MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let leaves = link.has_attribute("download")
            || link
                .get_attribute("target")
                .is_some_and(|t| !t.is_empty() && t != "_self")
            || link
                .get_attribute("rel")
                .is_some_and(|r| r.split_whitespace().any(|w| w == "external"));
        if leaves {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let (Ok(here), Some(href)) = (window.location().href(), link.get_attribute("href")) else {
            return;
        };
        let (Ok(to), Ok(from)) = (
            web_sys::Url::new_with_base(&href, &here),
            web_sys::Url::new(&here),
        ) else {
            return;
        };
        if to.origin() != from.origin() {
            return;
        }
        let same_page = to.pathname() == from.pathname() && to.search() == from.search();
        if same_page && !to.hash().is_empty() {
            return;
        }
        ev.prevent_default();
        navigate(&format!("{}{}{}", to.pathname(), to.search(), to.hash()));
    });
    let _ = window.add_event_listener_with_callback("popstate", pop_state.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    // These live as long as the app.
    pop_state.forget();
    click.forget();
}
