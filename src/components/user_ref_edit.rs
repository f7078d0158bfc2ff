//! The controls that change a user reference: a picker, and "Unassign" where
//! the attribute may be empty.

use leptos::prelude::*;

use crate::components::user_picker::{Directory, UserPicker};
use crate::domain::attributes::Attribute;
use crate::domain::changes::Draft;

#[component]
pub fn UserRefEdit(
    attribute: &'static Attribute,
    draft: RwSignal<Draft>,
    users: Directory,
    input_id: String,
) -> impl IntoView {
    let name = attribute.name;
    let set = move |id: String| {
        draft.update(|d| {
            d.insert(name.to_string(), id);
        })
    };
    let unassigned = move || draft.with(|d| d.get(name).is_none_or(String::is_empty));
    view! {
        <div class="contact-edit">
            <UserPicker
                label=attribute.label
                role=Some(attribute)
                directory=users
                input_id=input_id
                on_select=Callback::new(set)
            />
            {attribute
                .nullable
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button secondary small"
                            aria-label=format!("Unassign {}", attribute.label.to_ascii_lowercase())
                            disabled=unassigned
                            on:click=move |_| set(String::new())
                        >
                            "Unassign"
                        </button>
                    }
                })}
        </div>
    }
}
