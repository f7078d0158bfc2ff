//! A form's submit button that says when its run is under way, and cannot be pressed again
//! meanwhile.

use leptos::prelude::*;

/// "Sign in" / "Signing in…", disabled while `pending`.
#[component]
pub fn SubmitButton(
    pending: Signal<bool>,
    idle: &'static str,
    busy: &'static str,
) -> impl IntoView {
    view! {
        <button type="submit" class="button primary" disabled=move || pending.get()>
            {move || if pending.get() { busy } else { idle }}
        </button>
    }
}
