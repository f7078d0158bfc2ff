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
            <button
                type="button"
                class="button secondary"
                disabled=move || !can_discard.get()
                on:click=move |_| on_discard.run(())
            >
                "Discard changes"
            </button>
            <button
                type=if submit { "submit" } else { "button" }
                class="button primary"
                disabled=move || !can_save.get()
                on:click=move |_| {
                    if let Some(save) = on_save {
                        save.run(());
                    }
                }
            >
                {move || if saving.get() { "Saving…" } else { "Save changes" }}
            </button>
        </div>
    }
}
