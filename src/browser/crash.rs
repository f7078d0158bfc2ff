//! When the app panics. WebAssembly cannot unwind: after a panic the app is
//! dead. The hook logs the panic as before and puts a banner on the page with
//! plain DOM calls (no Leptos, which may be mid-update), saying what happened
//! and offering a reload. It clears nothing: unsaved edits are kept in this
//! tab's storage as the user typed them, and come back after the reload.

pub const CRASH_TEXT: &str = "Something went wrong and this page stopped working. Reload to continue — your unsaved edits are kept in this tab.";

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner();
    }));
}

#[cfg(target_arch = "wasm32")]
fn show_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("crash-banner").is_some() {
        return;
    }
    let (Ok(banner), Ok(text), Ok(reload), Some(body)) = (
        document.create_element("div"),
        document.create_element("p"),
        document.create_element("a"),
        document.body(),
    ) else {
        return;
    };
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_else(|| "/".into());
    banner.set_id("crash-banner");
    let _ = banner.set_attribute("class", "crash-banner");
    let _ = banner.set_attribute("role", "alert");
    text.set_text_content(Some(CRASH_TEXT));
    // A real link: the router's click handling may be dead with the app, and
    // `rel=external` tells it to leave the link to the browser anyway.
    let _ = reload.set_attribute("href", &href);
    let _ = reload.set_attribute("rel", "external");
    let _ = reload.set_attribute("class", "button primary");
    reload.set_text_content(Some("Reload"));
    let _ = banner.append_child(&text);
    let _ = banner.append_child(&reload);
    let _ = body.prepend_with_node_1(&banner);
}

#[cfg(not(target_arch = "wasm32"))]
fn show_banner() {}

/// Panics on purpose, to test the hook end to end (called from a test's
/// `page.evaluate`; nothing in the app calls it).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = consoleCrashForTests)]
pub fn crash_for_tests() {
    panic!("deliberate panic to test the crash banner");
}
