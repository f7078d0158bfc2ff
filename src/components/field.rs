//! One Customer attribute on a page: its label, help, and either its value as
//! text or an editor — never a disabled control.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::dom::{dynamic, el, frag, text, Dom, El};
use crate::components::copy::copy_button;
use crate::components::ip_list::ip_list_editor;
use crate::components::time::time_text;
use crate::components::user_picker::Directory;
use crate::domain::attributes::{Attribute, Kind, WhenNull};
use crate::domain::validate;
use crate::model::{AttrValue, Customer, Field};

fn value_span(class: &str, content: &str) -> El {
    el("span").class(class).text(content)
}

/// The value of an attribute as text (for read-only display).
pub fn field_value(attribute: &'static Attribute, customer: &Customer, users: Directory) -> Dom {
    let value = match customer.field(attribute.name).clone() {
        Field::Absent => value_span("badge readonly", "Restricted")
            .attr("title", "Not visible at your access level"),
        Field::Null if attribute.when_null == WhenNull::Owner => {
            value_span("value", "Account owner (default)")
        }
        Field::Null => value_span("value not-set", "Not set"),
        Field::Value(AttrValue::Unreadable(raw)) => {
            value_span("value unreadable", "Unreadable value: ").child(el("code").text(&raw))
        }
        Field::Value(AttrValue::Time(t)) => el("span").class("value").child(time_text(t)),
        Field::Value(AttrValue::Flag(on)) => {
            if on {
                value_span("value flag on", "On")
            } else {
                value_span("value flag off", "Off")
            }
        }
        Field::Value(AttrValue::Text(text)) => return text_value(attribute, text, users),
    };
    value.into()
}

/// A value with a button that copies it.
fn copyable(text: String, what: &str, testid: Option<String>) -> El {
    let code = el("code").text(&text);
    let code = match testid {
        Some(id) => code.attr("data-testid", &id),
        None => code,
    };
    el("span")
        .class("value id-value")
        .child(code)
        .text(" ")
        .child(copy_button(text, what))
}

fn text_value(attribute: &'static Attribute, text: String, users: Directory) -> Dom {
    let value = match attribute.kind {
        Kind::Id => copyable(
            text,
            &attribute.label.to_ascii_lowercase(),
            Some(format!("{}-value", attribute.name)),
        ),
        Kind::Enum(options) => {
            let label = options
                .iter()
                .find(|(v, _)| *v == text)
                .map(|(_, l)| l.to_string())
                .unwrap_or(text);
            value_span("value", &label)
        }
        Kind::IpAllowlist if validate::allowlist_is_open(&text) => {
            value_span("value", "No allowlist — any address may sign in")
        }
        Kind::IpAllowlist => el("ul").class("value ip-readonly").children(
            validate::allowlist_entries(&text)
                .into_iter()
                .map(|e| el("li").child(el("code").text(&e)))
                .collect(),
        ),
        Kind::UserRef => return user_ref_value(text, users),
        Kind::Multiline => value_span("value multiline", &text),
        _ if text.is_empty() => value_span("value not-set", "Empty"),
        _ if attribute.copyable => copyable(text, &attribute.label.to_ascii_lowercase(), None),
        _ => value_span("value", &text),
    };
    value.into()
}

fn badge(class: &str, label: &str) -> Dom {
    frag(vec![text(" "), el("span").class(class).text(label).into()])
}

/// A user id shown as the user's name and login, with warnings.
pub fn user_ref_value(id: String, users: Directory) -> Dom {
    dynamic(move || {
        let id = id.clone();
        users.with(|users| match users.as_ref().map(|u| u.find(&id).cloned()) {
            None => el("span").class("value").child(el("code").text(&id)),
            Some(None) => el("span")
                .class("value")
                .child(el("code").text(&id))
                .text(" ")
                .child(copy_button(id.clone(), "user ID"))
                .child(badge("badge warn", "No user of this customer has this id")),
            Some(Some(user)) => el("span")
                .class("value user-ref")
                .child(value_span("user-name", user.display_name()))
                .text(" ")
                .child(value_span("muted", &user.login))
                .child(badge("badge role", user.role.label()))
                .text(" ")
                .child(copy_button(
                    user.id.clone(),
                    &format!("user ID of {}", user.display_name()),
                ))
                .child(user.is_locked().then(|| badge("badge warn", "Locked")))
                .child(user.is_deleted().then(|| badge("badge warn", "Deleted"))),
        })
    })
}
/// The editor of one attribute over the page's draft value. `problem` is the message to
/// show (only once the value was changed); `confirm_on`, for switches that must be confirmed
/// before turning on, is called instead of setting.
pub fn field_editor(
    attribute: &'static Attribute,
    value: Signal<String>,
    set_value: Callback<String>,
    problem: Signal<Option<String>>,
    confirm_on: Option<Callback<()>>,
) -> Dom {
    let id = format!("field-{}", attribute.name);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = format!("{help_id} {error_id}");
    let invalid = move || Some(problem.with(Option::is_some).to_string());
    let on_input = move |ev: web_sys::Event| set_value.run(event_target_value(&ev));
    let label = || el("label").attr("for", &id).text(attribute.label);
    let control: Dom = match attribute.kind {
        Kind::Bool => el("label")
            .class("switch")
            .attr("for", &id)
            .child(
                el("input")
                    .attr("type", "checkbox")
                    .attr("role", "switch")
                    .id(&id)
                    .attr("aria-describedby", &described)
                    .dyn_prop("checked", move || JsValue::from_bool(value.get() == "true"))
                    .on("click", move |ev| {
                        let turning_on = event_target_checked(&ev);
                        match confirm_on {
                            Some(confirm) if turning_on => {
                                ev.prevent_default();
                                confirm.run(());
                            }
                            _ => set_value.run(turning_on.to_string()),
                        }
                    }),
            )
            .child(value_span("switch-label", attribute.label))
            .child(
                el("span")
                    .class("switch-state")
                    .attr("aria-hidden", "true")
                    .dyn_text(move || if value.get() == "true" { "On" } else { "Off" }.to_string()),
            )
            .into(),
        Kind::Multiline => frag(vec![
            label().into(),
            el("textarea")
                .id(&id)
                .attr("rows", "4")
                .attr("aria-describedby", &described)
                .dyn_attr("aria-invalid", invalid)
                .dyn_prop("value", move || JsValue::from_str(&value.get()))
                .on("input", on_input)
                .into(),
        ]),
        Kind::Enum(options) => frag(vec![
            label().into(),
            el("select")
                .id(&id)
                .attr("aria-describedby", &described)
                .children(
                    options
                        .iter()
                        .map(|(v, l)| {
                            el("option")
                                .attr("value", v)
                                .dyn_flag("selected", move || value.get() == *v)
                                .text(l)
                        })
                        .collect(),
                )
                .dyn_prop("value", move || JsValue::from_str(&value.get()))
                .on("change", on_input)
                .into(),
        ]),
        Kind::IpAllowlist => frag(vec![
            value_span("label", attribute.label)
                .id(&format!("{id}-label"))
                .into(),
            el("div")
                .attr("role", "group")
                .attr("aria-labelledby", &format!("{id}-label"))
                .attr("aria-describedby", &help_id)
                .child(ip_list_editor(attribute, value, set_value))
                .into(),
        ]),
        _ => {
            let input_type = if attribute.kind == Kind::Phone {
                "tel"
            } else {
                "text"
            };
            let input = el("input")
                .attr("type", input_type)
                .id(&id)
                .attr("autocomplete", attribute.autocomplete);
            frag(vec![
                label().into(),
                input
                    .attr("aria-describedby", &described)
                    .attr("aria-required", &attribute.required.to_string())
                    .dyn_attr("aria-invalid", invalid)
                    .dyn_prop("value", move || JsValue::from_str(&value.get()))
                    .on("input", on_input)
                    .into(),
            ])
        }
    };
    let show_problem = !matches!(attribute.kind, Kind::IpAllowlist);
    frag(vec![
        control,
        el("p")
            .class("help")
            .id(&help_id)
            .text(attribute.help)
            .into(),
        el("div")
            .id(&error_id)
            .dyn_child(move || {
                show_problem
                    .then(|| problem.get())
                    .flatten()
                    .map(|m| el("p").class("field-error").attr("role", "alert").text(&m))
            })
            .into(),
    ])
}

/// The read-only presentation of an attribute: label, value, and why it can't be changed
/// (`why`: None when they can, elsewhere).
pub fn field_read_only(
    attribute: &'static Attribute,
    customer: &Customer,
    users: Directory,
    why: Option<&'static str>,
) -> Dom {
    frag(vec![
        el("div")
            .class("label-row")
            .child(value_span("label", attribute.label))
            .child(
                attribute
                    .read_only()
                    .then(|| value_span("badge readonly", "Managed by Fastly")),
            )
            .into(),
        field_value(attribute, customer, users),
        el("p").class("help").text(attribute.help).into(),
        why.filter(|_| !attribute.read_only())
            .map(|why| el("p").class("help why").text(why))
            .into(),
    ])
}
