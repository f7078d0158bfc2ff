//! A contact role left unset that falls back to the account owner, in words.

use leptos::prelude::*;

use crate::components::user_picker::Directory;

/// "Account owner (default) — Name" (the name once the users are loaded).
#[component]
pub fn OwnerDefault(
    owner_id: Option<String>,
    users: Directory,
    class: &'static str,
) -> impl IntoView {
    let owner = move || {
        let id = owner_id.as_deref()?;
        users.with(|d| {
            d.as_ref()?
                .find(id)
                .map(|u| format!(" — {}", u.display_name()))
        })
    };
    view! { <span class=class>"Account owner (default)" {owner}</span> }
}
