//! The form that adds a company contact (a user, or a name and email).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::dom::{el, frag, Dom, El};
use crate::browser::effect::effect;
use crate::browser::task::Task;

use crate::components::alert::alert;
use crate::components::submit_button::submit_button;

use crate::api::FormPairs;
use crate::browser::session::Session;
use crate::components::user_picker::{user_picker, Directory};
use crate::model::contact::{NewContact, CONTACT_TYPES};
use crate::model::Contact;

/// The form that adds a company contact to `list` (and says so in `message`). `dirty`:
/// something is typed and not added yet; `reload` reads the list of contacts again.
pub fn add_contact_form(
    customer_id: String,
    directory: Directory,
    list: RwSignal<Option<Vec<Contact>>>,
    message: RwSignal<Option<String>>,
    dirty: RwSignal<bool>,
    reload: Callback<()>,
) -> El {
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
    let add = Task::new(move |pairs: &FormPairs| {
        let (id, pairs) = (customer_id.clone(), pairs.clone());
        async move {
            session
                .call(move |api| async move { api.create_contact(&id, &pairs).await })
                .await
        }
    });
    effect(move || match add.value().get() {
        Some(Ok(c)) => {
            message.set(Some(format!(
                "Added {} contact.",
                with_article(&c.type_label().to_ascii_lowercase())
            )));
            list.update(|l| {
                if let Some(l) = l {
                    l.push(c)
                }
            });
            form.set(NewContact {
                contact_type: form.with_untracked(|f| f.contact_type.clone()),
                ..Default::default()
            });
            failure.set(None);
        }
        Some(Err(e)) if e.api_said_no() => failure.set(Some(format!(
            "Not added — your entries are kept. {}",
            e.describe()
        ))),
        Some(Err(e)) => {
            failure.set(Some(format!(
                "We don't know whether the contact was added: {} Your entries are kept; the list below is read again — check it before adding again.",
                e.describe()
            )));
            reload.run(());
        }
        None => {}
    });
    let submit = move |ev: web_sys::Event| {
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
                add.dispatch(pairs);
            }
            Err(p) => problems.set(p),
        }
    };
    let problem = move |field: &'static str| {
        problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    };
    let error_view = move |field: &'static str| {
        move || problem(field).map(|m| el("p").class("field-error").attr("role", "alert").text(&m))
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
    // A text input over one field of the form (kept while typing: its value follows).
    let text_input = move |id: &str,
                           kind: &str,
                           autocomplete: &str,
                           get: fn(&NewContact) -> &str,
                           set: fn(&mut NewContact, String)| {
        el("input")
            .id(id)
            .attr("type", kind)
            .attr("autocomplete", autocomplete)
            .dyn_prop("value", move || form.with(|f| JsValue::from_str(get(f))))
            .on("input", move |ev| {
                form.update(|f| set(f, event_target_value(&ev)))
            })
    };
    // The same with its label and its error (`field` names both the error and the autofill).
    let text_field = move |id: &'static str,
                           label: &str,
                           kind: &str,
                           field: &'static str,
                           get: fn(&NewContact) -> &str,
                           set: fn(&mut NewContact, String)| {
        el("div")
            .child(el("label").attr("for", id).text(label))
            .child(text_input(id, kind, field, get, set))
            .dyn_child(error_view(field))
    };
    // Checked while `link_user` is `link`.
    let radio = |link: bool, label: &str| {
        el("label")
            .class("inline")
            .child(
                el("input")
                    .attr("type", "radio")
                    .attr("name", "contact-who")
                    .dyn_prop("checked", move || {
                        JsValue::from_bool(link_user.get() == link)
                    })
                    .on("change", move |_| link_user.set(link)),
            )
            .text(label)
    };
    let user_part = move || {
        link_user.get().then(|| {
            el("div")
                .child(el("span").class("label").text("User"))
                .child(user_picker(
                    "Contact user",
                    None,
                    directory,
                    Callback::new(move |id: String| form.update(|f| f.user_id = Some(id))),
                    "new-contact-user".to_string(),
                ))
                .child(
                    el("p")
                        .class("muted")
                        .attr("data-testid", "new-contact-user")
                        .dyn_text(move || {
                            chosen_user()
                                .map(|u| format!("Chosen: {u}"))
                                .unwrap_or_else(|| "No user chosen yet.".into())
                        }),
                )
                .dyn_child(error_view("name"))
        })
    };
    let someone_else_part = move || -> Dom {
        if link_user.get() {
            return Dom::none();
        }
        frag(vec![
            text_field(
                "new-contact-name",
                "Name",
                "text",
                "name",
                |f| &f.name,
                |f, v| f.name = v,
            )
            .into(),
            text_field(
                "new-contact-email",
                "Email",
                "email",
                "email",
                |f| &f.email,
                |f, v| f.email = v,
            )
            .into(),
        ])
    };
    let pending = add.pending();
    el("form")
        .class("add-contact")
        .on("submit", submit)
        .flag("novalidate", true)
        .attr("aria-labelledby", "add-contact-title")
        .child(
            el("h3")
                .id("add-contact-title")
                .text("Add a company contact"),
        )
        .child(
            el("div")
                .class("form-grid")
                .child(
                    el("div")
                        .child(
                            el("label")
                                .attr("for", "new-contact-type")
                                .text("Contact type"),
                        )
                        .child(
                            el("select")
                                .id("new-contact-type")
                                .children(
                                    CONTACT_TYPES
                                        .iter()
                                        .map(|(v, l)| el("option").attr("value", v).text(l))
                                        .collect(),
                                )
                                .dyn_prop("value", move || {
                                    JsValue::from_str(&form.with(|f| f.contact_type.clone()))
                                })
                                .on("change", move |ev| {
                                    form.update(|f| f.contact_type = event_target_value(&ev))
                                }),
                        )
                        .dyn_child(error_view("contact_type")),
                )
                .child(
                    el("fieldset")
                        .class("who")
                        .child(el("legend").text("Who"))
                        .child(radio(true, " A user of this customer"))
                        .child(radio(false, " Someone else (name and email)")),
                )
                .dyn_child(user_part)
                .dyn_child(someone_else_part)
                .child(
                    el("div")
                        .child(
                            el("label")
                                .attr("for", "new-contact-phone")
                                .dyn_text(move || {
                                    if phone_required() {
                                        "Phone (required)"
                                    } else {
                                        "Phone (optional)"
                                    }
                                    .to_string()
                                }),
                        )
                        .child(
                            text_input(
                                "new-contact-phone",
                                "tel",
                                "tel",
                                |f| &f.phone,
                                |f, v| f.phone = v,
                            )
                            .dyn_attr("aria-required", move || Some(phone_required().to_string())),
                        )
                        .dyn_child(error_view("phone")),
                ),
        )
        .child(alert(failure))
        .child(submit_button(pending, "Add contact", "Adding…"))
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
