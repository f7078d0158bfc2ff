//! The form that adds a company contact (a user, or a name and email).

use leptos::prelude::*;

use crate::components::field::FieldError;
use crate::components::submit_button::SubmitButton;

use crate::browser::effect::effect;
use crate::browser::task::Task;

use crate::components::alert::{Alert, CheckAgain};

use crate::api::FormPairs;
use crate::browser::session::Session;
use crate::components::user_picker::{Directory, UserPicker};
use crate::model::contact::{added_by, NewContact, CONTACT_TYPES};
use crate::model::Contact;
use crate::pages::contacts::company_contacts::read_contacts;

#[component]
pub fn AddContactForm(
    customer_id: String,
    directory: Directory,
    list: RwSignal<Option<Vec<Contact>>>,
    message: RwSignal<Option<String>>,
    /// Something is typed and not added yet.
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    // What was typed survives a reload or a 401 in this tab.
    let storage_key = format!(
        "{}new-contact.{customer_id}",
        crate::browser::tab_storage::PREFIX
    );
    let stored: Option<(NewContact, bool)> = crate::browser::tab_storage::get_json(&storage_key);
    let (initial, initial_link) = stored.unwrap_or_else(|| {
        (
            NewContact {
                contact_type: "primary".into(),
                ..Default::default()
            },
            true,
        )
    });
    let form = RwSignal::new(initial);
    let link_user = RwSignal::new(initial_link);
    effect(move || {
        let blank = form.with(NewContact::is_blank);
        dirty.set(!blank);
        if blank {
            crate::browser::tab_storage::remove(&storage_key);
        } else {
            crate::browser::tab_storage::set_json(&storage_key, &(form.get(), link_user.get()));
        }
    });
    on_cleanup(move || dirty.set(false));
    let problems = RwSignal::new(Vec::<(&'static str, String)>::new());
    let failure = RwSignal::new(None::<String>);
    let add = Task::new({
        let id = customer_id.clone();
        move |pairs: &FormPairs| {
            let (id, pairs) = (id.clone(), pairs.clone());
            async move {
                session
                    .call(move |api| async move { api.create_contact(&id, &pairs).await })
                    .await
            }
        }
    });
    // An add whose outcome is unknown (no answer, a gateway's 5xx): what was listed before it
    // and what it sent, while the list is read again to find out. Never sent again blind.
    let checking = RwSignal::new(None::<(Vec<String>, NewContact)>);
    let sent = StoredValue::new(None::<(Vec<String>, NewContact)>);
    let check = read_contacts(session, customer_id);
    let added = move |c: Contact, confirmed: bool| {
        let kind = with_article(&c.type_label().to_ascii_lowercase());
        message.set(Some(if confirmed {
            format!("Added {kind} contact: reading the list again shows it.")
        } else {
            format!("Added {kind} contact.")
        }));
        if !confirmed {
            list.update(|l| {
                if let Some(l) = l {
                    l.push(c)
                }
            });
        }
        form.set(NewContact {
            contact_type: form.with_untracked(|f| f.contact_type.clone()),
            ..Default::default()
        });
        failure.set(None);
    };
    effect(move || match add.value().get() {
        Some(Ok(c)) => added(c, false),
        Some(Err(e)) if e.api_said_no() => failure.set(Some(format!(
            "Not added — your entries are kept. {}",
            e.describe()
        ))),
        Some(Err(e)) => {
            failure.set(Some(format!(
                "We don't know whether the contact was added: {} It may have been. Your entries are kept; reading the list again to find out…",
                e.describe()
            )));
            checking.set(sent.get_value());
            check.dispatch(());
        }
        None => {}
    });
    effect(move || {
        let Some(answer) = check.value().get() else {
            return;
        };
        let Some((before, tried)) = checking.get_untracked() else {
            return;
        };
        match answer {
            Ok(now) => {
                checking.set(None);
                let found = added_by(&before, &now, &tried);
                list.set(Some(now));
                match found {
                    Some(c) => added(c, true),
                    None => failure.set(Some(
                        "Not added — reading the list again shows no such contact. Your entries are kept; add it again when ready.".into(),
                    )),
                }
            }
            Err(e) => failure.set(Some(format!(
                "We still don't know whether the contact was added: reading the list failed too. {} Your entries are kept.",
                e.describe()
            ))),
        }
    });
    let can_check_again = move || checking.with(Option::is_some) && !check.pending().get();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut f = form.get_untracked();
        if !link_user.get_untracked() {
            f.user_id = None;
        } else {
            f.name.clear();
            f.email.clear();
        }
        match f.to_form() {
            Ok(pairs) => {
                problems.set(Vec::new());
                failure.set(None);
                let before = list.with_untracked(|l| {
                    l.iter().flatten().map(|c| c.id.clone()).collect::<Vec<_>>()
                });
                sent.set_value(Some((before, f)));
                add.dispatch(pairs);
            }
            Err(p) => problems.set(p),
        }
    };
    let problem = move |field: &'static str| {
        problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    };
    let error_view = move |field: &'static str| {
        move || {
            problem(field).map(|m| {
                view! {
                    <p class="field-error" role="alert">
                        {m}
                    </p>
                }
            })
        }
    };
    let phone_required =
        move || crate::model::contact::phone_required(&form.with(|f| f.contact_type.clone()));
    let chosen_user = move || {
        form.with(|f| f.user_id.clone()).and_then(|id| {
            directory.with(|d| {
                d.as_ref().and_then(|d| {
                    d.find(&id)
                        .map(|u| format!("{} ({})", u.display_name(), u.login))
                })
            })
        })
    };
    view! {
        <form class="add-contact" on:submit=submit novalidate aria-labelledby="add-contact-title">
            <h3 id="add-contact-title">"Add a company contact"</h3>
            <div class="form-grid">
                <div>
                    <label for="new-contact-type">"Contact type"</label>
                    <select
                        id="new-contact-type"
                        prop:value=move || form.with(|f| f.contact_type.clone())
                        on:change=move |ev| {
                            form.update(|f| f.contact_type = event_target_value(&ev))
                        }
                    >
                        {CONTACT_TYPES
                            .iter()
                            .map(|(v, l)| view! { <option value=*v>{*l}</option> })
                            .collect_view()}
                    </select>
                    {error_view("contact_type")}
                </div>
                <fieldset class="who">
                    <legend>"Who"</legend>
                    <label class="inline">
                        <input
                            type="radio"
                            name="contact-who"
                            prop:checked=link_user
                            on:change=move |_| link_user.set(true)
                        />
                        " A user of this customer"
                    </label>
                    <label class="inline">
                        <input
                            type="radio"
                            name="contact-who"
                            prop:checked=move || !link_user.get()
                            on:change=move |_| link_user.set(false)
                        />
                        " Someone else (name and email)"
                    </label>
                </fieldset>
                {move || {
                    (link_user.get())
                        .then(|| {
                            view! {
                                <div>
                                    <span class="label">"User"</span>
                                    <UserPicker
                                        label="Contact user"
                                        role=None
                                        directory=directory
                                        input_id="new-contact-user".to_string()
                                        on_select=Callback::new(move |id: String| {
                                            form.update(|f| f.user_id = Some(id))
                                        })
                                    />
                                    <p class="muted" data-testid="new-contact-user">
                                        {move || {
                                            chosen_user()
                                                .map(|u| format!("Chosen: {u}"))
                                                .unwrap_or_else(|| "No user chosen yet.".into())
                                        }}
                                    </p>
                                    {error_view("name")}
                                </div>
                            }
                        })
                }}
                {move || {
                    (!link_user.get())
                        .then(|| {
                            view! {
                                <TextField
                                    id="new-contact-name"
                                    label="Name"
                                    input_type="text"
                                    autocomplete="name"
                                    value=Signal::derive(move || form.with(|f| f.name.clone()))
                                    on_input=Callback::new(move |v| form.update(|f| f.name = v))
                                    problem=Signal::derive(move || problem("name"))
                                />
                                <TextField
                                    id="new-contact-email"
                                    label="Email"
                                    input_type="email"
                                    autocomplete="email"
                                    value=Signal::derive(move || form.with(|f| f.email.clone()))
                                    on_input=Callback::new(move |v| form.update(|f| f.email = v))
                                    problem=Signal::derive(move || problem("email"))
                                />
                            }
                        })
                }}
                <div>
                    <label for="new-contact-phone">
                        {move || {
                            if phone_required() { "Phone (required)" } else { "Phone (optional)" }
                        }}
                    </label>
                    <input
                        id="new-contact-phone"
                        type="tel"
                        autocomplete="tel"
                        aria-required=move || phone_required().to_string()
                        prop:value=move || form.with(|f| f.phone.clone())
                        on:input=move |ev| form.update(|f| f.phone = event_target_value(&ev))
                    />
                    {error_view("phone")}
                </div>
            </div>
            <Alert message=failure />
            <CheckAgain
                shown=Signal::derive(can_check_again)
                on_check=Callback::new(move |_| check.dispatch(()))
            />
            // Unavailable while an add's outcome is being found out: never sent twice blind.
            <SubmitButton
                pending=Signal::derive(move || {
                    add.pending().get() || checking.with(Option::is_some)
                })
                idle="Add contact"
                busy="Adding…"
            />
        </form>
    }
}

/// One labelled text input of the form, with its problem under it.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    input_type: &'static str,
    autocomplete: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    problem: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div>
            <label for=id>{label}</label>
            <input
                id=id
                type=input_type
                autocomplete=autocomplete
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <FieldError problem=problem />
        </div>
    }
}

/// "a billing", "an emergency".
pub fn with_article(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}
