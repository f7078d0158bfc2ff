use leptos::prelude::*;

use crate::browser::dom::{dynamic, Dom};
use crate::browser::effect::effect;
use crate::browser::load::Load;
use crate::browser::router::use_location;
use crate::browser::session::Session;
use crate::components::load_error::load_error;
use crate::components::redirect::redirect;
use crate::components::skeleton::skeleton;
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
pub fn require_session(page: fn(SignedIn) -> Dom) -> Dom {
    let session = expect_context::<Session>();
    let location = use_location();
    dynamic(move || {
        if !session.has_token() {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            redirect(sign_in_href(&here));
            return Dom::none();
        }
        match session.user.get() {
            // Built untracked, as a component: only the session decides what shows here.
            Some(user) => untrack(|| page(SignedIn(user))),
            None => untrack(load_current_user),
        }
    })
}

fn load_current_user() -> Dom {
    let session = expect_context::<Session>();
    let user = Load::new(move || session.call(|api| async move { api.current_user().await }));
    effect(move || {
        if let Some(Ok(u)) = user.get() {
            session.user.set(Some(u));
        }
    });
    dynamic(move || match user.get() {
        Some(Err(e)) if !e.is_unauthorized() => load_error(
            "Could not load your account",
            e,
            Callback::new(move |_| user.refetch()),
            None,
        ),
        _ => skeleton("Loading", &["line wide", "block"]),
    })
}
