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
