use leptos::prelude::*;

use crate::api::ApiError;

/// A load that failed: what and why, in an alert, with "Try again" that asks
/// once more (and a way home).
#[component]
pub fn LoadError(
    #[prop(into)] title: String,
    error: ApiError,
    /// Asks again; the page shows itself when the answer comes.
    on_retry: Callback<()>,
    #[prop(default = None)] explanation: Option<String>,
) -> impl IntoView {
    view! {
        <section class="card" role="alert" data-testid="load-error">
            <h1>{title}</h1>
            {explanation.map(|e| view! { <p>{e}</p> })}
            <p class="muted">{error.describe()}</p>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| on_retry.run(())>
                    "Try again"
                </button>
                <a class="button" href="/">
                    "Go to your account"
                </a>
            </div>
        </section>
    }
}

/// A part of a page that failed to load: one line in an alert and "Try again".
#[component]
pub fn InlineLoadError(
    #[prop(into)] what: String,
    error: ApiError,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="alert inline-load-error" role="alert">
            <p>{what} " " {error.describe()}</p>
            <button type="button" class="button secondary small" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
