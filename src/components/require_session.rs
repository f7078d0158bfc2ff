use leptos::prelude::*;

use crate::components::skeleton::Skeleton;
use leptos_router::hooks::use_location;

use crate::browser::effect::effect;
use crate::browser::load::Load;
use crate::browser::session::Session;
use crate::components::load_error::LoadError;
use crate::components::redirect::Redirect;
use crate::domain::links::sign_in_href;
use crate::model::User;

/// The signed-in user, handed to a page by [`RequireSession`]: a page that
/// takes one cannot be shown without a user, so it never has to ask.
#[derive(Clone, Debug)]
pub struct SignedIn(User);

impl SignedIn {
    pub fn user(&self) -> &User {
        &self.0
    }

    pub fn into_user(self) -> User {
        self.0
    }
}

/// Shows `page` only with a signed-in user: without a token it goes to
/// sign-in (and back here afterwards); with a token but no user yet it asks
/// `GET /current_user` first.
#[component]
pub fn RequireSession(page: fn(SignedIn) -> AnyView) -> impl IntoView {
    let session = expect_context::<Session>();
    let location = use_location();
    move || {
        if !session.has_token() {
            let (path, search) = (
                location.pathname.get_untracked(),
                location.search.get_untracked(),
            );
            let here = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            return view! { <Redirect path=sign_in_href(&here) /> }.into_any();
        }
        match session.user.get() {
            Some(user) => page(SignedIn(user)),
            None => view! { <LoadCurrentUser /> }.into_any(),
        }
    }
}

#[component]
fn LoadCurrentUser() -> impl IntoView {
    let session = expect_context::<Session>();
    let user = Load::new(move || session.call(|api| async move { api.current_user().await }));
    effect(move || {
        if let Some(Ok((u, text))) = user.get() {
            session.set_user(u, &text);
        }
    });
    move || match user.get() {
        Some(Err(e)) if !e.is_unauthorized() => view! {
            <LoadError
                title="Could not load your account"
                error=e
                on_retry=Callback::new(move |_| user.refetch())
            />
        }
        .into_any(),
        _ => view! { <Skeleton label="Loading" parts=&["line wide", "block"] /> }.into_any(),
    }
}
