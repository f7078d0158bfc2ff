use leptos::prelude::*;

use crate::browser::effect::effect;

/// A modal confirmation: focus starts on "Cancel" and stays inside; Escape cancels.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: String,
    #[prop(into)] confirm_label: String,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    let dialog_ref = NodeRef::<leptos::html::Div>::new();
    effect(move || {
        if let Some(button) = cancel_ref.get() {
            let _ = button.focus();
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Tab" => {
            if let Some(dialog) = dialog_ref.get_untracked() {
                if keep_focus_inside(&dialog, ev.shift_key()) {
                    ev.prevent_default();
                }
            }
        }
        _ => {}
    });
    on_cleanup(move || keys.remove());
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog card"
                role="dialog"
                aria-modal="true"
                aria-labelledby="dialog-title"
                node_ref=dialog_ref
            >
                <h2 id="dialog-title">{title}</h2>
                <div class="dialog-body">{children()}</div>
                <div class="actions">
                    <button
                        type="button"
                        class="button"
                        node_ref=cancel_ref
                        on:click=move |_| on_cancel.run(())
                    >
                        "Cancel"
                    </button>
                    <button
                        type="button"
                        class="button primary"
                        disabled=move || busy.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {confirm_label}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// Wraps Tab focus around the dialog's controls. True when it moved focus itself.
fn keep_focus_inside(dialog: &web_sys::HtmlDivElement, backwards: bool) -> bool {
    use wasm_bindgen::JsCast;
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
