//! One group of attributes as a card: each a value or an editor.

use leptos::prelude::*;

use super::*;
use crate::browser::dom::{el, Dom, El};
use crate::components::field::{field_editor, field_read_only};
use crate::components::user_picker::Directory;
use crate::domain::attributes::{in_group, Attribute, Confirm, Group, Kind};
use crate::domain::changes::Draft;
use crate::domain::permissions::{may_edit, standing, who_may_edit, Standing};
use crate::model::{Customer, User};

pub fn group_card(
    group: Group,
    customer: &Customer,
    user: &User,
    draft: RwSignal<Draft>,
    problems: Memo<Vec<(&'static str, String)>>,
    users: Directory,
    confirming: RwSignal<Option<&'static Attribute>>,
) -> El {
    let heading_id = format!("group-{}", group.slug());
    let fields = in_group(group)
        .map(|attr| {
            let allowed = may_edit(attr, user, customer) && !customer.field(attr.name).is_absent();
            let body: Dom = if allowed && attr.kind == Kind::UserRef {
                user_ref_editor(attr, draft, users, customer.owner_id().map(String::from))
            } else if allowed {
                let name = attr.name;
                let value = Signal::derive(move || {
                    draft.with(|d| d.get(name).cloned().unwrap_or_default())
                });
                let set_value = Callback::new(move |v: String| {
                    draft.update(|d| {
                        d.insert(name.to_string(), v);
                    })
                });
                let problem = Signal::derive(move || {
                    problems.with(|p| p.iter().find(|(n, _)| *n == name).map(|(_, m)| m.clone()))
                });
                let confirm_on = matches!(attr.confirm, Confirm::OnEnable(_))
                    .then(|| Callback::new(move |_| confirming.set(Some(attr))));
                field_editor(attr, value, set_value, problem, confirm_on)
            } else {
                let why = if customer.is_deleted() || standing(user, customer) == Standing::Support
                {
                    None // the banner says why
                } else {
                    Some(who_may_edit(attr))
                };
                field_read_only(attr, customer, users, why)
            };
            el("div")
                .class("field")
                .attr("data-field", attr.name)
                .child(body)
        })
        .collect();
    let extra = (group == Group::Contacts).then(|| {
        let href = crate::domain::links::contacts_href(customer.id());
        el("p").class("group-link").child(
            el("a")
                .attr("href", &href)
                .text("Contact assignment and company contacts"),
        )
    });
    el("section")
        .class(&format!("card group group-{}", group.slug()))
        .attr("aria-labelledby", &heading_id)
        .attr("data-group", group.slug())
        .child(el("h2").id(&heading_id).text(group.title()))
        .child(el("div").class("fields").children(fields))
        .child(extra)
}
