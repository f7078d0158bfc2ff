//! One contact role: who holds it, warnings, and (where allowed) a picker.

use leptos::prelude::*;

use crate::browser::effect::memo;

use crate::components::owner_default::OwnerDefault;
use crate::components::user_picker::Directory;
use crate::components::user_ref_edit::UserRefEdit;
use crate::domain::attributes::{Attribute, WhenNull};
use crate::domain::changes::Draft;
use crate::domain::contact_roles::warnings;
use crate::model::Customer;

/// One contact role: who holds it (as edited, where `editable`; else as loaded), warnings,
/// and (where `editable`) a picker.
#[component]
pub fn RoleRow(
    attr: &'static Attribute,
    editable: bool,
    loaded: RwSignal<Option<Customer>>,
    draft: RwSignal<Draft>,
    directory: Directory,
) -> impl IntoView {
    let name = attr.name;
    let loaded_text =
        move |name: &str| loaded.with(|c| c.as_ref().and_then(|c| c.text(name).map(String::from)));
    let restricted =
        memo(move || loaded.with(|c| c.as_ref().is_none_or(|c| c.field(name).is_absent())));
    let owner_id = memo(move || loaded_text(crate::domain::attributes::OWNER_ID));
    // Memoised: another role's edit (or a save that left this one alone) does not rebuild it.
    let current = memo(move || {
        if editable {
            draft
                .with(|d| d.get(name).cloned())
                .filter(|s| !s.is_empty())
        } else {
            loaded_text(name)
        }
    });
    let shown = move || {
        if restricted.get() {
            return view! { <span class="badge readonly">"Restricted"</span> }.into_any();
        }
        match current.get() {
            None if attr.when_null == WhenNull::Owner => {
                view! { <OwnerDefault owner_id=owner_id.get() users=directory class="assigned" /> }
                    .into_any()
            }
            None => view! { <span class="assigned not-set">"Not assigned"</span> }.into_any(),
            Some(id) => directory.with(|d| match d {
                None => view! {
                    <span class="assigned">
                        <code>{id.clone()}</code>
                    </span>
                }.into_any(),
                Some(d) => {
                    let found = d.find(&id).cloned();
                    let warns = warnings(Some(attr), found.as_ref());
                    view! {
                        <span class="assigned">
                            {match &found {
                                Some(u) => {
                                    view! {
                                        <span class="user-name">
                                            {u.display_name().to_string()}
                                        </span>
                                        " "
                                        <span class="muted">{u.login.clone()}</span>
                                        " "
                                        <span class="badge role">{u.role.label().to_string()}</span>
                                    }
                                        .into_any()
                                }
                                None => view! { <code>{id.clone()}</code> }.into_any(),
                            }}
                        </span>
                        {(!warns.is_empty())
                            .then(|| {
                                view! {
                                    <ul class="warnings">
                                        {warns
                                            .into_iter()
                                            .map(|w| {
                                                view! {
                                                    <li class="warning" data-warning=format!("{w:?}")>
                                                        {w.text()}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                    }.into_any()
                }
            }),
        }
    };
    let label_id = format!("contact-{name}-label");
    view! {
        <div class="contact-role" data-contact=name>
            <h3 class="label" id=label_id>
                {attr.label}
            </h3>
            <div class="contact-current">{shown}</div>
            {editable
                .then(|| {
                    view! {
                        <UserRefEdit
                            attribute=attr
                            draft=draft
                            users=directory
                            input_id=format!("picker-{name}")
                        />
                    }
                })}
        </div>
    }
}
