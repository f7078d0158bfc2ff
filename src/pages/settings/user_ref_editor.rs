//! A user reference this user may change: who holds it and a picker.

use leptos::prelude::*;

use crate::browser::dom::{el, frag, Dom};
use crate::browser::effect::memo;
use crate::components::field::user_ref_value;
use crate::components::owner_default::owner_default;
use crate::components::user_picker::Directory;
use crate::components::user_ref_edit::user_ref_edit;
use crate::domain::attributes::{Attribute, WhenNull};
use crate::domain::changes::Draft;

/// A user reference this user may change: who holds it now (as edited) and a picker.
pub fn user_ref_editor(
    attribute: &'static Attribute,
    draft: RwSignal<Draft>,
    users: Directory,
    owner_id: Option<String>,
) -> Dom {
    let name = attribute.name;
    // Who holds it, as edited: the part below is rebuilt when that changes, not on
    // every edit of the draft.
    let current = memo(move || {
        draft
            .with(|d| d.get(name).cloned())
            .filter(|id| !id.is_empty())
    });
    frag(vec![
        el("span").class("label").text(attribute.label).into(),
        el("div")
            .class("contact-current")
            .dyn_child(move || match current.get() {
                Some(id) => user_ref_value(id, users),
                None if attribute.when_null == WhenNull::Owner => {
                    owner_default(owner_id.clone(), users, "value").into()
                }
                None => el("span")
                    .class("value not-set")
                    .text("Not assigned")
                    .into(),
            })
            .into(),
        user_ref_edit(attribute, draft, users, format!("field-{name}")).into(),
        el("p").class("help").text(attribute.help).into(),
    ])
}
