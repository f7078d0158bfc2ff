use leptos::prelude::*;

/// The bar under a page's editors: what is pending, "Discard changes" and
/// "Save changes" (a submit button of the surrounding form when `on_save` is
/// `None`). Sticks to the bottom of the window while the page scrolls.
#[component]
pub fn SaveBar(
    /// The landmark's name, e.g. "Unsaved changes".
    label: &'static str,
    can_discard: Signal<bool>,
    on_discard: Callback<()>,
    can_save: Signal<bool>,
    saving: Signal<bool>,
    /// `None`: the button submits the form around the bar.
    #[prop(default = None)]
    on_save: Option<Callback<()>>,
    /// What is pending, in words.
    children: Children,
) -> impl IntoView {
    let submit = on_save.is_none();
    view! {
        <div class="save-bar" role="region" aria-label=label>
            <div class="pending" aria-live="polite">
                {children()}
            </div>
            // Unavailable buttons are `aria-disabled`, not `disabled`: a button that was just
            // pressed keeps the focus through the save (a disabled one would drop it on <body>).
            <button
                type="button"
                class="button secondary"
                aria-disabled=move || (!can_discard.get()).to_string()
                on:click=move |_| {
                    if can_discard.get_untracked() {
                        on_discard.run(());
                    }
                }
            >
                "Discard changes"
            </button>
            <button
                type=if submit { "submit" } else { "button" }
                class="button primary"
                aria-disabled=move || (!can_save.get()).to_string()
                on:click=move |ev| {
                    if !can_save.get_untracked() {
                        ev.prevent_default();
                    } else if let Some(save) = on_save {
                        save.run(());
                    }
                }
            >
                {move || if saving.get() { "Saving…" } else { "Save changes" }}
            </button>
        </div>
    }
}
