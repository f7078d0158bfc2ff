//! One Customer attribute on a page: its label, help, and either its value as
//! text or an editor — never a disabled control.

use leptos::prelude::*;

use crate::browser::effect::memo;

use crate::components::copy::CopyButton;
use crate::components::ip_list::IpListEditor;
use crate::components::time::TimeText;
use crate::components::user_picker::Directory;
use crate::domain::attributes::{Attribute, Kind, WhenNull};
use crate::domain::validate;
use crate::model::{AttrValue, Customer, Field};

/// The value of an attribute as text (for read-only display). It follows `value`: a save
/// that changes it (e.g. `updated_at`) shows the new value in place.
#[component]
pub fn FieldValue(
    attribute: &'static Attribute,
    #[prop(into)] value: Signal<Field<AttrValue>>,
    users: Directory,
) -> impl IntoView {
    move || match value.get() {
        Field::Absent => view! {
            <span class="badge readonly" title="Not visible at your access level">
                "Restricted"
            </span>
        }
        .into_any(),
        Field::Null if attribute.when_null == WhenNull::Owner => {
            view! { <span class="value">"Account owner (default)"</span> }.into_any()
        }
        Field::Null => view! { <span class="value not-set">"Not set"</span> }.into_any(),
        Field::Odd(raw) => {
            view! { <span class="value unreadable">"Unreadable value: " <code>{raw}</code></span> }
                .into_any()
        }
        Field::Value(AttrValue::Time(t)) => view! {
            <span class="value">
                <TimeText time=t />
            </span>
        }
        .into_any(),
        Field::Value(AttrValue::Flag(on)) => view! {
            <span class=if on {
                "value flag on"
            } else {
                "value flag off"
            }>{if on { "On" } else { "Off" }}</span>
        }
        .into_any(),
        Field::Value(AttrValue::Text(text)) => text_value(attribute, text, users).into_any(),
    }
}

/// One attribute of the page's loaded copy (`Absent` until one is loaded), changing only
/// when that attribute's value does.
pub fn attribute_of(
    attribute: &'static Attribute,
    loaded: RwSignal<Option<Customer>>,
) -> Memo<Field<AttrValue>> {
    memo(move || {
        loaded.with(|c| {
            c.as_ref()
                .map_or(Field::Absent, |c| c.field(attribute.name).clone())
        })
    })
}

fn text_value(attribute: &'static Attribute, text: String, users: Directory) -> impl IntoView {
    match attribute.kind {
        Kind::Id => view! {
            <span class="value id-value">
                <code data-testid=format!("{}-value", attribute.name)>{text.clone()}</code>
                " "
                <CopyButton value=text what=attribute.label.to_ascii_lowercase() />
            </span>
        }
        .into_any(),
        Kind::Enum(options) => {
            let label = options
                .iter()
                .find(|(v, _)| *v == text)
                .map(|(_, l)| l.to_string())
                .unwrap_or(text);
            view! { <span class="value">{label}</span> }.into_any()
        }
        Kind::IpAllowlist if validate::allowlist_is_open(&text) => {
            view! { <span class="value">"No allowlist — any address may sign in"</span> }.into_any()
        }
        Kind::IpAllowlist => view! {
            <ul class="value ip-readonly">
                {validate::allowlist_entries(&text)
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li>
                                <code>{e}</code>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Kind::UserRef => view! { <UserRefValue id=text users=users /> }.into_any(),
        Kind::Multiline => view! { <span class="value multiline">{text}</span> }.into_any(),
        _ if text.is_empty() => view! { <span class="value not-set">"Empty"</span> }.into_any(),
        _ if attribute.copyable => view! {
            <span class="value id-value">
                <code>{text.clone()}</code>
                " "
                <CopyButton value=text what=attribute.label.to_ascii_lowercase() />
            </span>
        }
        .into_any(),
        _ => view! { <span class="value">{text}</span> }.into_any(),
    }
}

/// A user id shown as the user's name and login, with warnings.
#[component]
pub fn UserRefValue(id: String, users: Directory) -> impl IntoView {
    move || {
        let id = id.clone();
        users.with(|users| match users.as_ref().map(|u| u.find(&id).cloned()) {
            None => view! {
                <span class="value">
                    <code>{id}</code>
                </span>
            }
            .into_any(),
            Some(None) => view! {
                <span class="value">
                    <code>{id.clone()}</code>
                    " "
                    <CopyButton value=id.clone() what="user ID".to_string() />
                    " "
                    <span class="badge warn">"No user of this customer has this id"</span>
                </span>
            }
            .into_any(),
            Some(Some(user)) => view! {
                <span class="value user-ref">
                    <span class="user-name">{user.display_name().to_string()}</span>
                    " "
                    <span class="muted">{user.login.clone()}</span>
                    " "
                    <span class="badge role">{user.role.label().to_string()}</span>
                    " "
                    <CopyButton
                        value=user.id.clone()
                        what=format!("user ID of {}", user.display_name())
                    />
                    {user
                        .is_locked()
                        .then(|| {
                            view! {
                                " "
                                <span class="badge warn">"Locked"</span>
                            }
                        })}
                    {user
                        .is_deleted()
                        .then(|| {
                            view! {
                                " "
                                <span class="badge warn">"Deleted"</span>
                            }
                        })}
                </span>
            }
            .into_any(),
        })
    }
}

/// The editor of one attribute over the page's draft value.
#[component]
pub fn FieldEditor(
    attribute: &'static Attribute,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] set_value: Callback<String>,
    /// The message to show (only once the value was changed).
    #[prop(into)]
    problem: Signal<Option<String>>,
    /// For switches that must be confirmed before turning on: called instead of setting.
    #[prop(default = None)]
    confirm_on: Option<Callback<()>>,
) -> impl IntoView {
    let id = format!("field-{}", attribute.name);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = format!("{help_id} {error_id}");
    let invalid = move || problem.with(Option::is_some).to_string();
    let on_input = move |ev| set_value.run(event_target_value(&ev));
    let control = match attribute.kind {
        Kind::Bool => view! {
            <label class="switch" for=id.clone()>
                <input
                    type="checkbox"
                    role="switch"
                    id=id.clone()
                    aria-describedby=described.clone()
                    prop:checked=move || value.get() == "true"
                    on:click=move |ev| {
                        let turning_on = event_target_checked(&ev);
                        match confirm_on {
                            Some(confirm) if turning_on => {
                                ev.prevent_default();
                                confirm.run(());
                            }
                            _ => set_value.run(turning_on.to_string()),
                        }
                    }
                />
                <span class="switch-label">{attribute.label}</span>
                <span class="switch-state" aria-hidden="true">
                    {move || if value.get() == "true" { "On" } else { "Off" }}
                </span>
            </label>
        }
        .into_any(),
        Kind::Multiline => view! {
            <label for=id.clone()>{attribute.label}</label>
            <textarea
                id=id.clone()
                rows="4"
                aria-describedby=described.clone()
                aria-invalid=invalid
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        Kind::Enum(options) => view! {
            <label for=id.clone()>{attribute.label}</label>
            <select
                id=id.clone()
                aria-describedby=described.clone()
                prop:value=value
                on:change=on_input
            >
                {options
                    .iter()
                    .map(|(v, l)| {
                        view! {
                            <option value=*v selected=move || value.get() == *v>
                                {*l}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        Kind::IpAllowlist => view! {
            <span class="label" id=format!("{id}-label")>
                {attribute.label}
            </span>
            <div
                role="group"
                aria-labelledby=format!("{id}-label")
                aria-describedby=help_id.clone()
            >
                <IpListEditor attribute=attribute value=value set_value=set_value />
            </div>
        }
        .into_any(),
        _ => {
            let input_type = if attribute.kind == Kind::Phone {
                "tel"
            } else {
                "text"
            };
            let autocomplete = attribute.autocomplete;
            view! {
                <label for=id.clone()>{attribute.label}</label>
                <input
                    type=input_type
                    id=id.clone()
                    autocomplete=autocomplete
                    aria-describedby=described.clone()
                    aria-required=attribute.required.to_string()
                    aria-invalid=invalid
                    prop:value=value
                    on:input=on_input
                />
            }
            .into_any()
        }
    };
    let show_problem = !matches!(attribute.kind, Kind::IpAllowlist);
    view! {
        {control}
        <p class="help" id=help_id>
            {attribute.help}
        </p>
        <div id=error_id>
            <FieldError problem=Signal::derive(move || {
                show_problem.then(|| problem.get()).flatten()
            }) />
        </div>
    }
}

/// What is wrong with a typed value, announced as an alert; nothing while it is fine.
#[component]
pub fn FieldError(problem: Signal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|m| {
            view! {
                <p class="field-error" role="alert">
                    {m}
                </p>
            }
        })
    }
}

/// The read-only presentation of an attribute: label, value, and why it can't be changed.
#[component]
pub fn FieldReadOnly(
    attribute: &'static Attribute,
    #[prop(into)] value: Signal<Field<AttrValue>>,
    users: Directory,
    /// Why this user can't change it here, when they can't (None: they can, elsewhere).
    why: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="label-row">
            <span class="label">{attribute.label}</span>
            {attribute
                .read_only()
                .then(|| view! { <span class="badge readonly">"Managed by Fastly"</span> })}
        </div>
        <FieldValue attribute=attribute value=value users=users />
        <p class="help">{attribute.help}</p>
        {why.filter(|_| !attribute.read_only()).map(|why| view! { <p class="help why">{why}</p> })}
    }
}
