//! Answers `web/prefetch.js` already asked for while the module downloaded: the
//! first page's reads start with the page, not after the WebAssembly. Each is
//! taken at most once, only for the same URL and within the read deadline of
//! when it was asked, and none after anyone signs in or out ([`forget`]): they
//! were asked with the token the tab held when the page loaded, which is the
//! session's until then. Otherwise the client asks itself.

pub fn take(url: &str) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};

    let window = web_sys::window()?;
    let prefetched = Reflect::get(&window, &JsValue::from_str("consolePrefetched")).ok()?;
    if !prefetched.is_object() {
        return None;
    }
    let field = |name: &str| Reflect::get(&prefetched, &JsValue::from_str(name)).ok();
    let asked_at = field("at")?.as_f64()?;
    let deadline = field("deadline")?.as_f64()?;
    let now = js_sys::Date::now();
    if now - asked_at > deadline {
        return None;
    }
    let entries = field("entries")?;
    let key = JsValue::from_str(url);
    let entry = Reflect::get(&entries, &key)
        .ok()
        .filter(JsValue::is_object)?;
    let _ = Reflect::delete_property(entries.dyn_ref::<js_sys::Object>()?, &key);
    let response = Reflect::get(&entry, &JsValue::from_str("response")).ok()?;
    let controller = Reflect::get(&entry, &JsValue::from_str("controller")).ok()?;
    Some((response.dyn_into().ok()?, controller.dyn_into().ok()?))
}

/// Drops whatever was asked before: the session changed hands.
pub fn forget() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &"consolePrefetched".into());
    }
}
