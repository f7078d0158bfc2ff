//! One group of attributes as a card: each a value or an editor.

use leptos::prelude::*;

use super::*;
use crate::components::field::{FieldEditor, FieldReadOnly};
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
) -> impl IntoView {
    let heading_id = format!("group-{}", group.slug());
    let labelled_by = heading_id.clone();
    let fields = in_group(group)
        .map(|attr| {
            let allowed = may_edit(attr, user, customer) && !customer.field(attr.name).is_absent();
            let body = if allowed && attr.kind == Kind::UserRef {
                view! {
                    <UserRefEditor
                        attribute=attr
                        draft=draft
                        users=users
                        owner_id=customer.owner_id().map(String::from)
                    />
                }.into_any()
            } else if allowed {
                let name = attr.name;
                let value = Signal::derive(move || draft.with(|d| d.get(name).cloned().unwrap_or_default()));
                let set_value = Callback::new(move |v: String| draft.update(|d| { d.insert(name.to_string(), v); }));
                let problem = Signal::derive(move || problems.with(|p| p.iter().find(|(n, _)| *n == name).map(|(_, m)| m.clone())));
                let confirm_on = matches!(attr.confirm, Confirm::OnEnable(_)).then(|| Callback::new(move |_| confirming.set(Some(attr))));
                view! {
                    <FieldEditor
                        attribute=attr
                        value=value
                        set_value=set_value
                        problem=problem
                        confirm_on=confirm_on
                    />
                }.into_any()
            } else {
                let why = if customer.is_deleted() || standing(user, customer) == Standing::Support {
                    None // the banner says why
                } else {
                    Some(who_may_edit(attr))
                };
                view! { <FieldReadOnly attribute=attr customer=customer.clone() users=users why=why /> }.into_any()
            };
            view! {
                <div class="field" data-field=attr.name>
                    {body}
                </div>
            }
        })
        .collect_view();
    let extra = (group == Group::Contacts).then(|| {
        let href = crate::domain::links::contacts_href(customer.id());
        view! {
            <p class="group-link">
                <a href=href>"Contact assignment and company contacts"</a>
            </p>
        }
    });
    view! {
        <section
            class=format!("card group group-{}", group.slug())
            aria-labelledby=labelled_by
            data-group=group.slug()
        >
            <h2 id=heading_id>{group.title()}</h2>
            <div class="fields">{fields}</div>
            {extra}
        </section>
    }
}
