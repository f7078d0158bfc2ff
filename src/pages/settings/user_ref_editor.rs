//! A user reference this user may change: who holds it and a picker.

use leptos::prelude::*;

use crate::components::field::UserRefValue;
use crate::components::user_picker::{Directory, UserPicker};
use crate::domain::attributes::{Attribute, WhenNull};
use crate::domain::changes::Draft;

/// A user reference this user may change: who holds it now (as edited) and a picker.
#[component]
pub fn UserRefEditor(
    attribute: &'static Attribute,
    draft: RwSignal<Draft>,
    users: Directory,
    owner_id: Option<String>,
) -> impl IntoView {
    let name = attribute.name;
    let current = move || {
        draft
            .with(|d| d.get(name).cloned())
            .filter(|id| !id.is_empty())
    };
    view! {
        <span class="label">{attribute.label}</span>
        <div class="contact-current">
            {move || match current() {
                Some(id) => view! { <UserRefValue id=id users=users /> }.into_any(),
                None if attribute.when_null == WhenNull::Owner => {
                    let owner = owner_id
                        .clone()
                        .and_then(|id| {
                            users
                                .with(|d| {
                                    d.as_ref()
                                        .and_then(|d| d.find(&id))
                                        .map(|u| u.display_name().to_string())
                                })
                        });
                    view! {
                        <span class="value">
                            "Account owner (default)" {owner.map(|o| format!(" — {o}"))}
                        </span>
                    }
                        .into_any()
                }
                None => view! { <span class="value not-set">"Not assigned"</span> }.into_any(),
            }}
        </div>
        <div class="contact-edit">
            <UserPicker
                label=attribute.label
                role=Some(attribute)
                directory=users
                input_id=format!("field-{name}")
                on_select=Callback::new(move |id: String| {
                    draft
                        .update(|d| {
                            d.insert(name.to_string(), id);
                        })
                })
            />
            {attribute
                .nullable
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button secondary small"
                            aria-label=format!("Unassign {}", attribute.label.to_lowercase())
                            disabled=move || current().is_none()
                            on:click=move |_| {
                                draft
                                    .update(|d| {
                                        d.insert(name.to_string(), String::new());
                                    })
                            }
                        >
                            "Unassign"
                        </button>
                    }
                })}
        </div>
        <p class="help">{attribute.help}</p>
    }
}
