//! The controls that change a user reference: a picker, and "Unassign" where
//! the attribute may be empty.

use leptos::prelude::*;

use crate::browser::dom::{el, El};
use crate::components::user_picker::{user_picker, Directory};
use crate::domain::attributes::Attribute;
use crate::domain::changes::Draft;

/// A picker for `attribute` over the page's draft (`input_id`: the picker input's DOM id),
/// and "Unassign" where the attribute may be empty.
pub fn user_ref_edit(
    attribute: &'static Attribute,
    draft: RwSignal<Draft>,
    users: Directory,
    input_id: String,
) -> El {
    let name = attribute.name;
    let set = move |id: String| {
        draft.update(|d| {
            d.insert(name.to_string(), id);
        })
    };
    let unassigned = move || draft.with(|d| d.get(name).is_none_or(String::is_empty));
    el("div")
        .class("contact-edit")
        .child(user_picker(
            attribute.label,
            Some(attribute),
            users,
            Callback::new(set),
            input_id,
        ))
        .child(attribute.nullable.then(|| {
            el("button")
                .attr("type", "button")
                .class("button secondary small")
                .attr(
                    "aria-label",
                    &format!("Unassign {}", attribute.label.to_ascii_lowercase()),
                )
                .dyn_flag("disabled", unassigned)
                .on("click", move |_| set(String::new()))
                .text("Unassign")
        }))
}
