//! The question before a switch the table marks `Confirm::OnEnable` is turned on.

use leptos::prelude::*;

use crate::browser::load::Load;

use crate::browser::session::Session;
use crate::components::confirm::ConfirmDialog;
use crate::components::load_error::InlineLoadError;
use crate::domain::attributes::{Attribute, Confirm};
use crate::domain::changes::Draft;
use crate::domain::words::plural;
use crate::model::User;

/// Turning on a switch the table marks `Confirm::OnEnable` (company-wide 2FA, SSO) asks
/// first, in the table's words; for 2FA it names who will be logged out.
#[component]
pub fn SwitchConfirm(
    attribute: &'static Attribute,
    customer_id: String,
    draft: RwSignal<Draft>,
    confirming: RwSignal<Option<&'static Attribute>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let Confirm::OnEnable(words) = attribute.confirm else {
        return ().into_any();
    };
    let is_2fa = words.lists_users_without_2fa;
    let users = Load::new(move || {
        let id = customer_id.clone();
        async move {
            if is_2fa {
                session
                    .call(move |api| async move { api.users(&id).await })
                    .await
                    .map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let confirm = Callback::new(move |_| {
        draft.update(|d| {
            d.insert(attribute.name.to_string(), "true".into());
        });
        confirming.set(None);
        focus_field(attribute.name);
    });
    let cancel = Callback::new(move |_| {
        confirming.set(None);
        focus_field(attribute.name);
    });
    let body = move || {
        match users.get() {
        None => {
            view! { <p aria-busy="true">"Checking which users have two-factor authentication…"</p> }
                .into_any()
        }
        Some(Err(e)) => view! {
            <InlineLoadError
                what="Could not check the users, so it cannot be turned on yet: who would be logged out must be known first."
                error=e
                on_retry=Callback::new(move |_| users.refetch())
            />
        }
        .into_any(),
        Some(Ok(None)) => view! { <p>{words.consequence}</p> }.into_any(),
        Some(Ok(Some(list))) => {
            let without: Vec<User> = list
                .into_iter()
                .filter(|u| !u.is_deleted() && !u.has_2fa())
                .collect();
            let count = without.len();
            if count == 0 {
                view! {
                    <p data-testid="logout-count" data-count="0">
                        "Every user has two-factor authentication set up: nobody will be logged out."
                    </p>
                }.into_any()
            } else {
                view! {
                    <p data-testid="logout-count" data-count=count.to_string()>
                        <strong>
                            {format!("{count} user{} will be logged out at once", plural(count))}
                        </strong>
                        " when you save, because they have not set up two-factor authentication:"
                    </p>
                    <ul class="logout-list" data-testid="logout-list">
                        {without
                            .into_iter()
                            .take(200)
                            .map(|u| {
                                view! {
                                    <li>
                                        {u.display_name().to_string()} " "
                                        <span class="muted">{u.login.clone()}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    {(count > 200)
                        .then(|| {
                            view! { <p class="muted">{format!("…and {} more.", count - 200)}</p> }
                        })}
                }
                .into_any()
            }
        }
    }
    };
    view! {
        <ConfirmDialog
            title=words.title
            confirm_label=words.confirm_label
            on_confirm=confirm
            on_cancel=cancel
            // Turning it on waits for the check: the users it logs out (the editor included)
            // are always named first. A failed check offers "Try again", never "Turn on".
            busy=Signal::derive(move || !users.has_value())
        >
            {body}
        </ConfirmDialog>
    }
    .into_any()
}

pub fn focus_field(name: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&format!("field-{name}")) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
