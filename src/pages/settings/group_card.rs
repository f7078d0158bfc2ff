//! One group of attributes as a card: each a value or an editor.

use leptos::prelude::*;

use super::*;
use crate::components::field::{attribute_of, FieldEditor, FieldReadOnly};
use crate::components::user_picker::Directory;
use crate::domain::attributes::{in_group, Attribute, Confirm, Group, Kind};
use crate::domain::changes::Draft;
use crate::domain::links::contacts_href;
use crate::domain::permissions::{Layout, Shown};
use crate::model::Customer;

/// One group's card. What it shows of each attribute (an editor or its value) is decided
/// by `layout`; editors read and write `draft`, values follow `loaded`.
#[component]
pub fn GroupCard(
    group: Group,
    layout: Layout,
    loaded: RwSignal<Option<Customer>>,
    draft: RwSignal<Draft>,
    problems: Memo<Vec<(&'static str, String)>>,
    users: Directory,
    confirming: RwSignal<Option<&'static Attribute>>,
) -> impl IntoView {
    let heading_id = format!("group-{}", group.slug());
    let labelled_by = heading_id.clone();
    let fields = in_group(group)
        .map(|attr| {
            let body = match layout.shown(attr) {
                Shown::Editor if attr.kind == Kind::UserRef => {
                    let owner_id = Signal::derive(move || {
                        loaded.with(|c| c.as_ref().and_then(|c| c.owner_id().map(String::from)))
                    });
                    view! { <UserRefEditor attribute=attr draft=draft users=users owner_id=owner_id /> }
                    .into_any()
                }
                Shown::Editor => {
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
                        problems
                            .with(|p| p.iter().find(|(n, _)| *n == name).map(|(_, m)| m.clone()))
                    });
                    let confirm_on = matches!(attr.confirm, Confirm::OnEnable(_))
                        .then(|| Callback::new(move |_| confirming.set(Some(attr))));
                    view! {
                        <FieldEditor
                            attribute=attr
                            value=value
                            set_value=set_value
                            problem=problem
                            confirm_on=confirm_on
                        />
                    }
                    .into_any()
                }
                Shown::Text { why } => view! { <FieldReadOnly attribute=attr value=attribute_of(attr, loaded) users=users why=why /> }
                .into_any(),
            };
            view! {
                <div class="field" data-field=attr.name>
                    {body}
                </div>
            }
        })
        .collect_view();
    let extra = (group == Group::Contacts).then(|| {
        view! {
            <p class="group-link">
                <a href=contacts_href(
                    &layout.customer_id,
                )>"Contact assignment and company contacts"</a>
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
