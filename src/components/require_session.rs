use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::session::{sign_in_url, Session};

/// Renders its children only with a signed-in user: without a token it goes to
/// sign-in (and back here afterwards); with a token but no user yet it asks
/// `GET /current_user` first.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let location = use_location();
    move || {
        if !session.has_token() {
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            view! { <Redirect path=sign_in_url(&here)/> }.into_any()
        } else if session.user.with(Option::is_none) {
            view! { <LoadCurrentUser/> }.into_any()
        } else {
            children().into_any()
        }
    }
}

#[component]
fn LoadCurrentUser() -> impl IntoView {
    let session = expect_context::<Session>();
    let user = LocalResource::new(move || session.call(|api| async move { api.current_user().await }));
    Effect::new(move || {
        if let Some(Ok(u)) = user.get() {
            session.user.set(Some(u));
        }
    });
    move || match user.get() {
        Some(Err(e)) if !e.is_unauthorized() => view! {
            <div class="card" role="alert">
                <p>{e.describe()}</p>
                <button type="button" class="button" on:click=move |_| user.refetch()>"Try again"</button>
            </div>
        }
        .into_any(),
        _ => view! { <div class="skeleton-page" aria-busy="true" aria-label="Loading"><div class="skeleton line wide"></div><div class="skeleton block"></div></div> }.into_any(),
    }
}
