//! Company contacts: listed by type, added, removed after confirming.

use leptos::prelude::*;

use crate::browser::dom::{el, frag, text, Dom, El};
use crate::browser::effect::effect;
use crate::browser::task::Task;

use crate::components::alert::alert;

use super::*;
use crate::browser::session::Session;
use crate::components::confirm::confirm_dialog;
use crate::components::load_error::inline_load_error;
use crate::components::user_picker::Directory;
use crate::model::contact::CONTACT_TYPES;
use crate::model::{Contact, Customer, User};
use crate::pages::customer_frame::CustomerData;

/// Company contacts: listed by type; add (a user, or a name and email); remove with confirmation.
/// `form_dirty` says whether the add form holds something typed.
pub fn company_contacts(
    customer: Customer,
    user: User,
    directory: Directory,
    form_dirty: RwSignal<bool>,
    data: CustomerData,
) -> El {
    let session = expect_context::<Session>();
    let customer_id = customer.id().to_string();
    let editable = crate::domain::permissions::may_edit_customer(&user, &customer);
    let contacts = data.company_contacts();
    let list = RwSignal::new(None::<Vec<Contact>>);
    effect(move || {
        if let Some(Ok(c)) = contacts.get() {
            list.set(Some(c));
        }
    });
    let message = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let removing = RwSignal::new(None::<Contact>);

    let remove = Task::new({
        let id = customer_id.clone();
        move |contact: &Contact| {
            let (id, contact) = (id.clone(), contact.clone());
            async move {
                session
                    .call(move |api| async move {
                        api.delete_contact(&id, &contact.id).await.map(|_| contact)
                    })
                    .await
            }
        }
    });
    effect(move || match remove.value().get() {
        Some(Ok(c)) => {
            list.update(|l| {
                if let Some(l) = l {
                    l.retain(|x| x.id != c.id)
                }
            });
            message.set(Some(format!(
                "Removed the {} contact.",
                c.type_label().to_ascii_lowercase()
            )));
            removing.set(None);
        }
        Some(Err(e)) if e.api_said_no() => {
            failure.set(Some(format!("Not removed. {}", e.describe())));
            removing.set(None);
        }
        Some(Err(e)) => {
            failure.set(Some(format!(
                "We don't know whether the contact was removed: {} The list below is read again.",
                e.describe()
            )));
            removing.set(None);
            list.set(None);
            contacts.refetch();
        }
        None => {}
    });

    let contact_name = move |c: &Contact| -> String {
        match &c.user_id {
            Some(uid) => directory
                .with(|d| {
                    d.as_ref()
                        .and_then(|d| d.find(uid))
                        .map(|u| u.display_name().to_string())
                })
                .unwrap_or_else(|| uid.clone()),
            None => c.name.clone().unwrap_or_else(|| "Unnamed".into()),
        }
    };
    let contact_email = move |c: &Contact| -> String {
        match &c.user_id {
            Some(uid) => directory
                .with(|d| {
                    d.as_ref()
                        .and_then(|d| d.find(uid))
                        .map(|u| u.login.clone())
                })
                .unwrap_or_default(),
            None => c.email.clone().unwrap_or_default(),
        }
    };

    let contact_row = move |c: Contact| {
        let name = contact_name(&c);
        let email = contact_email(&c);
        let label = format!(
            "Remove {} contact {}",
            c.type_label().to_ascii_lowercase(),
            name,
        );
        let user_badge = c.user_id.is_some().then(|| {
            frag(vec![
                text(" "),
                el("span").class("badge").text("User").into(),
            ])
        });
        let phone = c.phone.clone().unwrap_or_else(|| "—".into());
        let row = el("tr")
            .attr("data-company-contact", &c.id)
            .child(el("td").text(c.type_label()))
            .child(
                el("th")
                    .attr("scope", "row")
                    .text(&name)
                    .child(user_badge.unwrap_or_else(Dom::none)),
            )
            .child(el("td").text(&email))
            .child(el("td").text(&phone));
        row.child(editable.then(|| {
            el("td").child(
                el("button")
                    .attr("type", "button")
                    .class("button secondary small")
                    .attr("aria-label", &label)
                    .on("click", move |_| removing.set(Some(c.clone())))
                    .text("Remove"),
            )
        }))
    };
    let listed = move || -> Dom {
        match (list.get(), contacts.get()) {
            (Some(items), _) if items.is_empty() => el("p")
                .class("muted")
                .text("No company contacts yet.")
                .into(),
            (Some(items), _) => {
                let head = el("tr")
                    .child(el("th").attr("scope", "col").text("Type"))
                    .child(el("th").attr("scope", "col").text("Name"))
                    .child(el("th").attr("scope", "col").text("Email"))
                    .child(el("th").attr("scope", "col").text("Phone"))
                    .child(editable.then(|| {
                        el("th")
                            .attr("scope", "col")
                            .child(el("span").class("visually-hidden").text("Actions"))
                    }));
                el("div")
                    .class("table-scroll")
                    .child(
                        el("table")
                            .class("contacts-table")
                            .child(el("thead").child(head))
                            .child(
                                el("tbody").children(
                                    by_contact_type(items)
                                        .into_iter()
                                        .map(contact_row)
                                        .collect(),
                                ),
                            ),
                    )
                    .into()
            }
            (None, Some(Err(e))) => inline_load_error(
                "Could not load company contacts.",
                e,
                Callback::new(move |_| contacts.refetch()),
            )
            .into(),
            (None, _) => el("div")
                .class("skeleton line wide")
                .attr("aria-busy", "true")
                .attr("aria-label", "Loading company contacts")
                .into(),
        }
    };
    let dialog = move || -> Dom {
        let Some(c) = removing.get() else {
            return Dom::none();
        };
        let name = contact_name(&c);
        let body = el("p").text(&format!(
            "{} will no longer be the {} contact.",
            name,
            c.type_label().to_ascii_lowercase(),
        ));
        confirm_dialog(
            "Remove this company contact?",
            "Remove contact",
            Callback::new(move |_| remove.dispatch(c.clone())),
            Callback::new(move |_| removing.set(None)),
            Some(remove.pending()),
            body.into(),
        )
    };
    el("section")
        .class("card")
        .attr("aria-labelledby", "company-contacts-title")
        .child(
            el("h2")
                .id("company-contacts-title")
                .text("Company contacts"),
        )
        .child(
            el("div")
                .attr("role", "status")
                .class("status-region")
                .dyn_child(move || message.get().map(|m| el("p").class("success").text(&m))),
        )
        .child(alert(failure))
        .dyn_child(listed)
        .child(editable.then(|| {
            add_contact_form(
                customer_id.clone(),
                directory,
                list,
                message,
                form_dirty,
                Callback::new(move |_| {
                    list.set(None);
                    contacts.refetch();
                }),
            )
        }))
        .dyn_child(dialog)
}

/// Contacts grouped by type in `CONTACT_TYPES` order, unknown types last, each
/// group as listed (a stable pass per type rather than a sort instantiated for `Contact`).
fn by_contact_type(items: Vec<Contact>) -> Vec<Contact> {
    let rank = |c: &Contact| {
        CONTACT_TYPES
            .iter()
            .position(|(v, _)| *v == c.contact_type)
            .unwrap_or(CONTACT_TYPES.len())
    };
    (0..=CONTACT_TYPES.len())
        .flat_map(|r| items.iter().filter(move |c| rank(c) == r).cloned())
        .collect()
}
