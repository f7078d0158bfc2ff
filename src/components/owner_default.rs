//! A contact role left unset that falls back to the account owner, in words.

use leptos::prelude::*;

use crate::browser::dom::{el, El};
use crate::components::user_picker::Directory;

/// "Account owner (default) — Name" (the name once the users are loaded).
pub fn owner_default(owner_id: Option<String>, users: Directory, class: &'static str) -> El {
    let owner = move || {
        let id = owner_id.as_deref()?;
        users.with(|d| {
            d.as_ref()?
                .find(id)
                .map(|u| format!(" — {}", u.display_name()))
        })
    };
    el("span")
        .class(class)
        .text("Account owner (default)")
        .dyn_text(move || owner().unwrap_or_default())
}
