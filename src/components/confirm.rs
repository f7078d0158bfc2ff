use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::dom::{el, Dom};
use crate::browser::effect::effect;

/// A modal confirmation: focus starts on "Cancel" and stays inside; Escape cancels.
/// `busy` (when given) disables the confirm button; `body` is what the dialog says.
pub fn confirm_dialog(
    title: &str,
    confirm_label: &str,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    busy: Option<Signal<bool>>,
    body: Dom,
) -> Dom {
    let cancel = el("button")
        .attr("type", "button")
        .class("button")
        .on("click", move |_| on_cancel.run(()))
        .text("Cancel");
    let cancel_button = cancel.element();
    // After the dialog is in the page (effects run once the view is mounted).
    effect(move || {
        if let Some(button) = cancel_button.dyn_ref::<web_sys::HtmlElement>() {
            let _ = button.focus();
        }
    });
    let dialog = el("div")
        .class("dialog card")
        .attr("role", "dialog")
        .attr("aria-modal", "true")
        .attr("aria-labelledby", "dialog-title");
    let dialog_element = dialog.element();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Tab" if keep_focus_inside(&dialog_element, ev.shift_key()) => ev.prevent_default(),
        _ => {}
    });
    on_cleanup(move || keys.remove());
    el("div")
        .class("dialog-backdrop")
        .child(
            dialog
                .child(el("h2").id("dialog-title").text(title))
                .child(el("div").class("dialog-body").child(body))
                .child(
                    el("div").class("actions").child(cancel).child(
                        el("button")
                            .attr("type", "button")
                            .class("button primary")
                            .dyn_flag("disabled", move || busy.is_some_and(|b| b.get()))
                            .on("click", move |_| on_confirm.run(()))
                            .text(confirm_label),
                    ),
                ),
        )
        .into()
}

/// Wraps Tab focus around the dialog's controls. True when it moved focus itself.
fn keep_focus_inside(dialog: &web_sys::Element, backwards: bool) -> bool {
    let Ok(nodes) = dialog.query_selector_all(
        "button:not([disabled]), a[href], input, select, textarea, [tabindex]:not([tabindex='-1'])",
    ) else {
        return false;
    };
    let focusable: Vec<web_sys::HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return false;
    };
    let active = document().active_element();
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    let at = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let target = match (backwards, inside) {
        (_, false) => Some(if backwards { last } else { first }),
        (true, true) if at(first) => Some(last),
        (false, true) if at(last) => Some(first),
        _ => None,
    };
    target.map(|t| t.focus().is_ok()).unwrap_or(false)
}
