//! A message that needs attention, shown while there is one.

use leptos::prelude::*;

#[component]
pub fn Alert(message: RwSignal<Option<String>>) -> impl IntoView {
    let alert = |m: String| {
        view! {
            <p class="alert" role="alert">
                {m}
            </p>
        }
    };
    move || message.get().map(alert)
}

/// "Check again": reads once more what became of a write whose outcome is unknown (`on_check`
/// runs the read), shown while that is worth offering.
#[component]
pub fn CheckAgain(#[prop(into)] shown: Signal<bool>, on_check: Callback<()>) -> impl IntoView {
    move || {
        shown.get().then(|| {
            view! {
                <button
                    type="button"
                    class="button secondary small"
                    on:click=move |_| on_check.run(())
                >
                    "Check again"
                </button>
            }
        })
    }
}
