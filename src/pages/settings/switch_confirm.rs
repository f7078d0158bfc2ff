//! The question before a switch the table marks `Confirm::OnEnable` is turned on.

use leptos::prelude::*;

use crate::browser::dom::{dynamic, el, frag, Dom, El};
use crate::browser::load::Load;

use crate::browser::session::Session;
use crate::components::confirm::confirm_dialog;
use crate::components::load_error::inline_load_error;
use crate::domain::attributes::{Attribute, Confirm};
use crate::domain::changes::Draft;
use crate::domain::words::plural;
use crate::model::User;

/// Turning on a switch the table marks `Confirm::OnEnable` (company-wide 2FA, SSO) asks
/// first, in the table's words; for 2FA it names who will be logged out.
pub fn switch_confirm(
    attribute: &'static Attribute,
    customer_id: String,
    draft: RwSignal<Draft>,
    confirming: RwSignal<Option<&'static Attribute>>,
) -> Dom {
    let session = expect_context::<Session>();
    let Confirm::OnEnable(words) = attribute.confirm else {
        return Dom::none();
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
    let body = move || -> Dom {
        match users.get() {
            None => el("p")
                .attr("aria-busy", "true")
                .text("Checking which users have two-factor authentication…")
                .into(),
            Some(Err(e)) => inline_load_error(
                "Could not check the users.",
                e,
                Callback::new(move |_| users.refetch()),
            )
            .into(),
            Some(Ok(None)) => el("p").text(words.consequence).into(),
            Some(Ok(Some(list))) => {
                let without: Vec<User> = list
                    .into_iter()
                    .filter(|u| !u.is_deleted() && !u.has_2fa())
                    .collect();
                logout_list(without)
            }
        }
    };
    confirm_dialog(
        words.title,
        words.confirm_label,
        confirm,
        cancel,
        Some(Signal::derive(move || users.get().is_none())),
        dynamic(body),
    )
}

/// Who will be logged out: their number, and the first 200 of them.
fn logout_list(without: Vec<User>) -> Dom {
    let count = without.len();
    if count == 0 {
        return el("p")
            .attr("data-testid", "logout-count")
            .attr("data-count", "0")
            .text("Every user has two-factor authentication set up: nobody will be logged out.")
            .into();
    }
    let users: Vec<El> = without
        .into_iter()
        .take(200)
        .map(|u| {
            el("li")
                .text(u.display_name())
                .text(" ")
                .child(el("span").class("muted").text(&u.login))
        })
        .collect();
    frag(vec![
        el("p")
            .attr("data-testid", "logout-count")
            .attr("data-count", &count.to_string())
            .child(el("strong").text(&format!(
                "{count} user{} will be logged out at once",
                plural(count)
            )))
            .text(" when you save, because they have not set up two-factor authentication:")
            .into(),
        el("ul")
            .class("logout-list")
            .attr("data-testid", "logout-list")
            .children(users)
            .into(),
        (count > 200)
            .then(|| {
                el("p")
                    .class("muted")
                    .text(&format!("…and {} more.", count - 200))
            })
            .into(),
    ])
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
