//! One contact role: who holds it, warnings, and (where allowed) a picker.

use leptos::prelude::*;

use crate::browser::dom::{el, frag, Dom, El};
use crate::components::owner_default::owner_default;
use crate::components::user_picker::Directory;
use crate::components::user_ref_edit::user_ref_edit;
use crate::domain::attributes::{Attribute, WhenNull};
use crate::domain::changes::Draft;
use crate::domain::contact_roles::warnings;
use crate::domain::permissions::may_edit;
use crate::model::{Customer, User};

/// One contact role: who holds it, warnings, and (where allowed) a picker.
pub fn role_row(
    attr: &'static Attribute,
    customer: &Customer,
    user: &User,
    draft: RwSignal<Draft>,
    directory: Directory,
) -> El {
    let name = attr.name;
    let editable = may_edit(attr, user, customer) && !customer.field(name).is_absent();
    let restricted = customer.field(name).is_absent();
    let owner_id = customer.owner_id().map(String::from);
    let assigned = move || {
        if editable {
            draft.with(|d| d.get(name).cloned())
        } else {
            None
        }
    };
    let loaded_value = customer.text(name).map(String::from);
    let current = move || {
        if editable {
            assigned().filter(|s| !s.is_empty())
        } else {
            loaded_value.clone()
        }
    };
    let shown = move || -> Dom {
        if restricted {
            return el("span").class("badge readonly").text("Restricted").into();
        }
        match current() {
            None if attr.when_null == WhenNull::Owner => {
                owner_default(owner_id.clone(), directory, "assigned").into()
            }
            None => el("span")
                .class("assigned not-set")
                .text("Not assigned")
                .into(),
            Some(id) => directory.with(|d| match d {
                None => el("span")
                    .class("assigned")
                    .child(el("code").text(&id))
                    .into(),
                Some(d) => {
                    let found = d.find(&id).cloned();
                    let warns = warnings(Some(attr), found.as_ref());
                    let assigned = match &found {
                        Some(u) => el("span")
                            .class("assigned")
                            .child(el("span").class("user-name").text(u.display_name()))
                            .text(" ")
                            .child(el("span").class("muted").text(&u.login))
                            .text(" ")
                            .child(el("span").class("badge role").text(u.role.label())),
                        None => el("span").class("assigned").child(el("code").text(&id)),
                    };
                    let warnings = (!warns.is_empty()).then(|| {
                        el("ul").class("warnings").children(
                            warns
                                .into_iter()
                                .map(|w| {
                                    el("li")
                                        .class("warning")
                                        .attr("data-warning", &format!("{w:?}"))
                                        .text(w.text())
                                })
                                .collect(),
                        )
                    });
                    frag(vec![assigned.into(), warnings.into()])
                }
            }),
        }
    };
    let label_id = format!("contact-{name}-label");
    el("div")
        .class("contact-role")
        .attr("data-contact", name)
        .child(el("h3").class("label").id(&label_id).text(attr.label))
        .child(el("div").class("contact-current").dyn_child(shown))
        .child(editable.then(|| user_ref_edit(attr, draft, directory, format!("picker-{name}"))))
}
