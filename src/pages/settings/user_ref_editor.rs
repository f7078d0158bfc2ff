//! A user reference this user may change: who holds it and a picker.

use leptos::prelude::*;

use crate::browser::effect::memo;

use crate::components::field::UserRefValue;
use crate::components::owner_default::OwnerDefault;
use crate::components::user_picker::Directory;
use crate::components::user_ref_edit::UserRefEdit;
use crate::domain::attributes::{Attribute, WhenNull};
use crate::domain::changes::Draft;

/// A user reference this user may change: who holds it now (as edited) and a picker.
#[component]
pub fn UserRefEditor(
    attribute: &'static Attribute,
    draft: RwSignal<Draft>,
    users: Directory,
    #[prop(into)] owner_id: Signal<Option<String>>,
) -> impl IntoView {
    let name = attribute.name;
    // Memoised: another attribute's edit does not rebuild this one's value.
    let current = memo(move || {
        draft
            .with(|d| d.get(name).cloned())
            .filter(|id| !id.is_empty())
    });
    view! {
        <span class="label">{attribute.label}</span>
        <div class="contact-current">
            {move || match current.get() {
                Some(id) => view! { <UserRefValue id=id users=users /> }.into_any(),
                None if attribute.when_null == WhenNull::Owner => {
                    view! { <OwnerDefault owner_id=owner_id.get() users=users class="value" /> }
                        .into_any()
                }
                None => view! { <span class="value not-set">"Not assigned"</span> }.into_any(),
            }}
        </div>
        <UserRefEdit attribute=attribute draft=draft users=users input_id=format!("field-{name}") />
        <p class="help">{attribute.help}</p>
    }
}
