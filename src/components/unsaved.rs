//! Asks before leaving a page with unsaved edits: links, back/forward, reload and
//! closing the tab. Pages raise the flag; the guard is installed once by the app.

use leptos::prelude::*;

pub const LEAVE_QUESTION: &str =
    "You have unsaved changes. Leave this page anyway? They stay as a draft in this tab.";

pub const SIGN_OUT_QUESTION: &str =
    "You have unsaved changes. Sign out anyway? They will be discarded.";

/// Set by a page while it holds edits that are not saved.
#[derive(Clone, Copy)]
pub struct UnsavedChanges(pub RwSignal<bool>);

impl UnsavedChanges {
    /// For leaving by other means than a link (a button that navigates, sign
    /// out): true when nothing is unsaved or the user says go ahead.
    pub fn allows(&self, question: &str) -> bool {
        if !self.0.get_untracked() {
            return true;
        }
        #[cfg(target_arch = "wasm32")]
        {
            web_sys::window()
                .and_then(|w| w.confirm_with_message(question).ok())
                .unwrap_or(true)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = question;
            true
        }
    }

    /// Leaving was allowed: the guard stands down so it does not ask twice.
    pub fn release(&self) {
        self.0.set(false);
    }
}

/// Provides [`UnsavedChanges`] and listens, for the app's lifetime, for ways of leaving.
pub fn install_guard() {
    let flag = UnsavedChanges(RwSignal::new(false));
    provide_context(flag);
    #[cfg(target_arch = "wasm32")]
    listen(flag.0);
}

#[cfg(target_arch = "wasm32")]
fn listen(dirty: RwSignal<bool>) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{AddEventListenerOptions, BeforeUnloadEvent, Element, Event, MouseEvent};

    let Some(window) = web_sys::window() else {
        return;
    };
    // The address of the page holding the edits, to return to when "back" is refused.
    let page_url = StoredValue::new(String::new());
    crate::browser::effect::effect(move || {
        if dirty.get() {
            if let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) {
                page_url.set_value(href);
            }
        }
    });
    let ask = || {
        web_sys::window()
            .and_then(|w| w.confirm_with_message(LEAVE_QUESTION).ok())
            .unwrap_or(true)
    };
    let capture = AddEventListenerOptions::new();
    capture.set_capture(true);

    let before_unload = Closure::<dyn Fn(BeforeUnloadEvent)>::new(move |ev: BeforeUnloadEvent| {
        if dirty.get_untracked() {
            ev.prevent_default();
            ev.set_return_value(LEAVE_QUESTION);
        }
    });
    let click = Closure::<dyn Fn(MouseEvent)>::new(move |ev: MouseEvent| {
        if !dirty.get_untracked()
            || ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
        {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        if let Some(link) = link {
            let href = link.get_attribute("href").unwrap_or_default();
            if !href.starts_with('#') && !ask() {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            }
        }
    });
    // The page's address without its fragment: moving to `#main` (the skip link) or any other
    // fragment of the same page is not leaving it.
    let without_fragment = |href: &str| href.split('#').next().unwrap_or_default().to_string();
    let pop_state = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
        let here = web_sys::window().and_then(|w| w.location().href().ok());
        let same_page = here.is_some_and(|here| {
            without_fragment(&here) == page_url.with_value(|p| without_fragment(p))
        });
        if dirty.get_untracked() && !same_page && !ask() {
            ev.stop_immediate_propagation();
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ =
                    history.push_state_with_url(&JsValue::NULL, "", Some(&page_url.get_value()));
            }
        }
    });
    let _ = window
        .add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        click.as_ref().unchecked_ref(),
        &capture,
    );
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "popstate",
        pop_state.as_ref().unchecked_ref(),
        &capture,
    );
    // These live as long as the app.
    before_unload.forget();
    click.forget();
    pop_state.forget();
}
