use leptos::prelude::*;

use crate::browser::dom::{el, El};

/// Copies a value (an id) to the clipboard and says so. `what` is what is copied, e.g.
/// "customer ID".
pub fn copy_button(value: String, what: &str) -> El {
    let (done, set_done) = signal(None::<bool>);
    let label = format!("Copy {what}");
    let copy = move |_| {
        let value = value.clone();
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            let ok = match web_sys::window().map(|w| w.navigator().clipboard()) {
                Some(clipboard) => {
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&value))
                        .await
                        .is_ok()
                }
                None => false,
            };
            set_done.set(Some(ok));
        });
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = value;
            set_done.set(Some(false));
        }
    };
    el("button")
        .attr("type", "button")
        .class("button copy small")
        .attr("aria-label", &label)
        .attr("title", &label)
        .on("click", copy)
        .child(el("span").attr("aria-live", "polite").dyn_text(move || {
            match done.get() {
                Some(true) => "Copied",
                Some(false) => "Copy failed",
                None => "Copy",
            }
            .to_string()
        }))
}
