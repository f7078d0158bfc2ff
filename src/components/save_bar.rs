use leptos::prelude::*;

use crate::browser::dom::{el, Dom, El};

/// The bar under a page's editors: what is pending (`pending`, in words), "Discard
/// changes" and "Save changes" (a submit button of the surrounding form when `on_save` is
/// `None`). Sticks to the bottom of the window while the page scrolls. `label` is the
/// landmark's name, e.g. "Unsaved changes".
pub fn save_bar(
    label: &'static str,
    can_discard: Signal<bool>,
    on_discard: Callback<()>,
    can_save: Signal<bool>,
    saving: Signal<bool>,
    on_save: Option<Callback<()>>,
    pending: Dom,
) -> El {
    let submit = on_save.is_none();
    el("div")
        .class("save-bar")
        .attr("role", "region")
        .attr("aria-label", label)
        .child(
            el("div")
                .class("pending")
                .attr("aria-live", "polite")
                .child(pending),
        )
        .child(
            el("button")
                .attr("type", "button")
                .class("button secondary")
                .dyn_flag("disabled", move || !can_discard.get())
                .on("click", move |_| on_discard.run(()))
                .text("Discard changes"),
        )
        .child(
            el("button")
                .attr("type", if submit { "submit" } else { "button" })
                .class("button primary")
                .dyn_flag("disabled", move || !can_save.get())
                .on("click", move |_| {
                    if let Some(save) = on_save {
                        save.run(());
                    }
                })
                .dyn_text(move || {
                    if saving.get() {
                        "Saving…"
                    } else {
                        "Save changes"
                    }
                    .to_string()
                }),
        )
}
