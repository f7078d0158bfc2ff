//! Company contacts: listed by type, added, removed after confirming.

use leptos::prelude::*;

use crate::browser::effect::effect;
use crate::browser::task::Task;

use crate::components::alert::{Alert, CheckAgain};

use super::*;
use crate::api::ApiError;
use crate::browser::session::Session;
use crate::components::confirm::ConfirmDialog;
use crate::components::load_error::InlineLoadError;
use crate::components::user_picker::Directory;
use crate::model::contact::CONTACT_TYPES;
use crate::model::Contact;
use crate::pages::customer_frame::CustomerData;

/// Company contacts: listed by type; add (a user, or a name and email); remove with confirmation.
#[component]
pub fn CompanyContacts(
    customer_id: String,
    /// The user may change company settings (add and remove contacts).
    editable: bool,
    directory: Directory,
    form_dirty: RwSignal<bool>,
    data: CustomerData,
) -> impl IntoView {
    let session = expect_context::<Session>();
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
    let removed = move |c: &Contact, confirmed: bool| {
        list.update(|l| {
            if let Some(l) = l {
                l.retain(|x| x.id != c.id)
            }
        });
        let kind = c.type_label().to_ascii_lowercase();
        message.set(Some(if confirmed {
            format!("Removed the {kind} contact: reading the list again shows it gone.")
        } else {
            format!("Removed the {kind} contact.")
        }));
        failure.set(None);
        removing.set(None);
    };
    // A removal whose outcome is unknown (no answer, a gateway's 5xx), while the list is read
    // again to find out. Never sent again blind.
    let checking = RwSignal::new(None::<Contact>);
    let check = read_contacts(session, customer_id.clone());
    effect(move || match remove.value().get() {
        Some(Ok(c)) => removed(&c, false),
        Some(Err(e)) if e.api_said_no() => {
            failure.set(Some(format!("Not removed. {}", e.describe())));
            removing.set(None);
        }
        Some(Err(e)) => {
            failure.set(Some(format!(
                "We don't know whether the contact was removed: {} It may have been; reading the list again to find out…",
                e.describe()
            )));
            checking.set(removing.get_untracked());
            removing.set(None);
            check.dispatch(());
        }
        None => {}
    });
    effect(move || {
        let Some(answer) = check.value().get() else {
            return;
        };
        let Some(tried) = checking.get_untracked() else {
            return;
        };
        match answer {
            Ok(now) => {
                checking.set(None);
                let still_there = now.iter().any(|c| c.id == tried.id && !c.deleted);
                list.set(Some(now));
                if still_there {
                    failure.set(Some(
                        "Not removed — reading the list again shows the contact is still there."
                            .into(),
                    ));
                } else {
                    removed(&tried, true);
                }
            }
            Err(e) => failure.set(Some(format!(
                "We still don't know whether the contact was removed: reading the list failed too. {}",
                e.describe()
            ))),
        }
    });
    let can_check_again = move || checking.with(Option::is_some) && !check.pending().get();

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

    view! {
        <section class="card" aria-labelledby="company-contacts-title">
            <h2 id="company-contacts-title">"Company contacts"</h2>
            <div role="status" class="status-region">
                {move || message.get().map(|m| view! { <p class="success">{m}</p> })}
            </div>
            <Alert message=failure />
            <CheckAgain
                shown=Signal::derive(can_check_again)
                on_check=Callback::new(move |_| check.dispatch(()))
            />
            {move || match (list.get(), contacts.get()) {
                (Some(items), _) if items.is_empty() => {
                    view! { <p class="muted">"No company contacts yet."</p> }.into_any()
                }
                (Some(items), _) => {
                    let items = by_contact_type(items);
                    view! {
                        <div class="table-scroll">
                            <table class="contacts-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Type"</th>
                                        <th scope="col">"Name"</th>
                                        <th scope="col">"Email"</th>
                                        <th scope="col">"Phone"</th>
                                        {editable
                                            .then(|| {
                                                view! {
                                                    <th scope="col">
                                                        <span class="visually-hidden">"Actions"</span>
                                                    </th>
                                                }
                                            })}
                                    </tr>
                                </thead>
                                <tbody>
                                    {items
                                        .into_iter()
                                        .map(|c| {
                                            let name = contact_name(&c);
                                            let email = contact_email(&c);
                                            let for_remove = c.clone();
                                            let label = format!(
                                                "Remove {} contact {}",
                                                c.type_label().to_ascii_lowercase(),
                                                name,
                                            );
                                            view! {
                                                <tr data-company-contact=c.id.clone()>
                                                    <td>{c.type_label().to_string()}</td>
                                                    <th scope="row">
                                                        {name}
                                                        {c
                                                            .user_id
                                                            .is_some()
                                                            .then(|| {
                                                                view! {
                                                                    " "
                                                                    <span class="badge">"User"</span>
                                                                }
                                                            })}
                                                    </th>
                                                    <td>{email}</td>
                                                    <td>{c.phone.clone().unwrap_or_else(|| "—".into())}</td>
                                                    {editable
                                                        .then(|| {
                                                            view! {
                                                                <td>
                                                                    <button
                                                                        type="button"
                                                                        class="button secondary small"
                                                                        aria-label=label
                                                                        on:click=move |_| removing.set(Some(for_remove.clone()))
                                                                    >
                                                                        "Remove"
                                                                    </button>
                                                                </td>
                                                            }
                                                        })}
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
                (None, Some(Err(e))) => {
                    view! {
                        <InlineLoadError
                            what="Could not load company contacts."
                            error=e
                            on_retry=Callback::new(move |_| contacts.refetch())
                        />
                    }
                        .into_any()
                }
                (None, _) => {
                    view! {
                        <div
                            class="skeleton line wide"
                            aria-busy="true"
                            aria-label="Loading company contacts"
                        ></div>
                    }
                        .into_any()
                }
            }}
            {editable
                .then(|| {
                    view! {
                        <AddContactForm
                            customer_id=customer_id.clone()
                            directory=directory
                            list=list
                            message=message
                            dirty=form_dirty
                        />
                    }
                })}
            {move || {
                removing
                    .get()
                    .map(|c| {
                        let name = contact_name(&c);
                        let target = c.clone();
                        view! {
                            <ConfirmDialog
                                title="Remove this company contact?"
                                confirm_label="Remove contact"
                                busy=remove.pending()
                                on_confirm=Callback::new(move |_| {
                                    remove.dispatch(target.clone());
                                })
                                on_cancel=Callback::new(move |_| removing.set(None))
                            >
                                <p>
                                    {format!(
                                        "{} will no longer be the {} contact.",
                                        name,
                                        c.type_label().to_ascii_lowercase(),
                                    )}
                                </p>
                            </ConfirmDialog>
                        }
                    })
            }}
        </section>
    }
}

/// Reads the company contacts again, to find out what became of a write whose outcome is
/// unknown.
pub fn read_contacts(
    session: Session,
    customer_id: String,
) -> Task<(), Result<Vec<Contact>, ApiError>> {
    Task::new(move |_: &()| {
        let id = customer_id.clone();
        async move {
            session
                .call(move |api| async move { api.contacts(&id).await })
                .await
        }
    })
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
