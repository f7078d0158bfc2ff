//! Sends the browser to another page of the app in place of the current history entry
//! ("back" does not bounce into the page that redirected).

use leptos::prelude::*;
use leptos_router::NavigateOptions;

/// leptos_router's `<Redirect>`, replacing the history entry.
#[component]
pub fn Redirect(#[prop(into)] path: String) -> impl IntoView {
    let options = NavigateOptions {
        replace: true,
        ..Default::default()
    };
    view! { <leptos_router::components::Redirect path=path options=options /> }
}
