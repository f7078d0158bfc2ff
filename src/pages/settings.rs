//! Customer settings: every attribute, grouped; edit what this user may edit.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::FormPairs;
use crate::attributes::{attribute, confirms_change, in_group, Attribute, Confirm, Group, Kind, WhenNull, OWNER_ID};
use crate::changes::{self, Draft, ServerChange};
use crate::components::confirm::ConfirmDialog;
use crate::components::draft_review::DraftReview;
use crate::components::require_session::SignedIn;
use crate::components::load_error::InlineLoadError;
use crate::components::field::{FieldEditor, FieldReadOnly, UserRefValue};
use crate::components::user_picker::{Directory, UserPicker};
use crate::draft_store::DraftOf;
use crate::editing::Editing;
use crate::model::{Customer, User};
use crate::pages::customer_frame::{CustomerBanners, CustomerData, CustomerLoadError, CustomerLoading, OwnerChangeDialog};
use crate::permissions::{may_edit, may_edit_customer, standing, who_may_edit, Standing};
use crate::components::save_failure::SaveFailure;
use crate::save::{SaveEvent, Saver};
use crate::session::Session;

#[component]
pub fn SettingsPage(me: SignedIn) -> impl IntoView {
    let session = expect_context::<Session>();
    let data = CustomerData::load();
    let CustomerData { customer_id, customer: fetched, directory, .. } = data;
    let edit = Editing::new(DraftOf::Settings, me.into_user(), Signal::from(false));
    let Editing { loaded, draft, review, pending, dirty, .. } = edit;
    let me = move || edit.user();

    let status = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let conflict = RwSignal::new(None::<(Customer, Vec<ServerChange>)>);
    let confirming = RwSignal::new(None::<&'static Attribute>);
    // Take a loaded copy: the draft starts from it, plus edits kept in this tab.
    let adopt = move |customer: Customer, restore: bool| {
        let restored = edit.adopt(customer, restore);
        if restored > 0 {
            status.set(Some(format!("Restored {restored} unsaved change{} from earlier in this tab.", plural(restored))));
        }
    };
    Effect::new(move || {
        if let Some(Ok(customer)) = fetched.get() {
            adopt(customer, true);
        }
    });

    // Problems of the attributes the user changed (a stored oddity they did not touch blocks nothing).
    let problems: Memo<Vec<(&'static str, String)>> = Memo::new(move |_| {
        let changed: Draft = pending.with(|p| p.iter().filter_map(|(n, _)| draft.with(|d| d.get(n).map(|v| (n.clone(), v.clone())))).collect());
        changes::problems(&changed)
    });

    let saved = move |customer: Customer, message: String| {
        edit.reset_to(customer);
        failure.set(None);
        status.set(Some(message));
    };
    let saver = Saver::new(
        session,
        customer_id,
        "change",
        Callback::new(move |event| match event {
            SaveEvent::Saved(customer, message) => saved(customer, message),
            SaveEvent::Conflict(fresh, changes) => conflict.set(Some((fresh, changes))),
            SaveEvent::Failed(message) => failure.set(Some(message)),
        }),
        Callback::new(move |message| failure.set(Some(message))),
    );
    let confirm_owner = RwSignal::new(false);
    let start_save = move || {
        status.set(None);
        failure.set(None);
        conflict.set(None);
        if let Some(base) = loaded.get_untracked() {
            saver.save(base, pending.get_untracked());
        }
    };
    // Changing the account owner is confirmed first, naming both.
    let request_save = move || {
        if pending.with_untracked(|p| p.iter().any(|(n, _)| confirms_change(n))) {
            confirm_owner.set(true);
        } else {
            start_save();
        }
    };
    let overwrite = move |_| {
        if let Some((fresh, _)) = conflict.get_untracked() {
            edit.rebase_onto(fresh);
            start_save();
        }
    };
    let take_theirs = move |_| {
        if let Some((fresh, _)) = conflict.get_untracked() {
            edit.reset_to(fresh);
            conflict.set(None);
            failure.set(None);
            status.set(Some("Loaded the latest version; your edits were discarded.".into()));
        }
    };
    let discard = move |_| {
        if let Some(c) = loaded.get_untracked() {
            edit.reset_to(c);
            failure.set(None);
            saver.forget();
            status.set(Some("Changes discarded.".into()));
        }
    };
    let saving = Memo::new(move |_| saver.busy());
    let blocked = Memo::new(move |_| !edit.reviewed() || saver.blocked());
    let can_save = move || dirty.get() && problems.with(Vec::is_empty) && !saving.get() && !blocked.get();

    let page = move || match (loaded.get(), fetched.get()) {
        (Some(customer), _) => {
            let user = me();
            let editable = may_edit_customer(&user, &customer);
            view! {
                <Title text=format!("Settings · {}", customer.name())/>
                <CustomerBanners customer=customer.clone() user=user.clone()/>
                <DraftReview review=review draft=draft status=status/>
                <form class="settings" novalidate on:submit=move |ev| { ev.prevent_default(); if can_save() { request_save(); } }>
                    {Group::ALL.into_iter().map(|group| group_card(group, &customer, &user, draft, problems, directory.into(), confirming)).collect_view()}
                    <Show when=move || editable>
                        <div class="save-bar" role="region" aria-label="Unsaved changes">
                            <p class="pending" aria-live="polite">{move || {
                                if !review.with(Vec::is_empty) {
                                    "Decide on your restored edits above before saving.".to_string()
                                } else {
                                    pending_summary(&pending.get())
                                }
                            }}</p>
                            <button type="button" class="button secondary" disabled=move || !dirty.get() || saving.get() on:click=discard>"Discard changes"</button>
                            <button type="submit" class="button primary" disabled=move || !can_save()>
                                {move || if saving.get() { "Saving…" } else { "Save changes" }}
                            </button>
                        </div>
                    </Show>
                </form>
            }.into_any()
        }
        (None, Some(Err(e))) => view! { <CustomerLoadError error=e on_retry=data.retry_customer()/> }.into_any(),
        (None, _) => view! { <CustomerLoading/> }.into_any(),
    };

    view! {
        <div class="page settings-page">
            <div role="status" class="status-region">{move || status.get().map(|s| view! { <p class="success">{s}</p> })}</div>
            <SaveFailure failure=failure saver=saver/>
            {move || conflict.get().map(|(_, moved)| view! {
                <section class="card conflict" role="alert" aria-labelledby="conflict-title">
                    <h2 id="conflict-title">"Someone else changed this customer while you were editing"</h2>
                    <p>"Nothing was saved. Your edits are still in the form. Here is what changed on the server:"</p>
                    <table class="conflict-table">
                        <thead><tr><th scope="col">"Attribute"</th><th scope="col">"When you loaded it"</th><th scope="col">"Now on the server"</th><th scope="col">"Your edit"</th></tr></thead>
                        <tbody>
                            {moved.into_iter().map(|c| {
                                let mine = draft.with_untracked(|d| d.get(c.name).cloned());
                                view! { <tr data-conflict=c.name><th scope="row">{c.label}</th><td>{c.was}</td><td>{c.now}</td>
                                    <td>{if c.also_edited { mine.unwrap_or_default() } else { "—".to_string() }}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="actions">
                        <button type="button" class="button primary" on:click=overwrite>"Save my changes over theirs"</button>
                        <button type="button" class="button" on:click=take_theirs>"Discard my changes and load theirs"</button>
                    </div>
                </section>
            })}
            {page}
            {move || confirming.get().map(|attr| view! { <SwitchConfirm attribute=attr customer_id=customer_id.get_untracked() draft=draft confirming=confirming/> })}
            {move || confirm_owner.get().then(|| view! {
                <OwnerChangeDialog
                    old=data.user_name(loaded.with_untracked(|c| c.as_ref().and_then(|c| c.owner_id().map(String::from))).as_deref())
                    new=data.user_name(draft.with_untracked(|d| d.get(OWNER_ID).cloned()).as_deref())
                    on_confirm=Callback::new(move |_| { confirm_owner.set(false); start_save(); })
                    on_cancel=Callback::new(move |_| confirm_owner.set(false))/>
            })}
        </div>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn pending_summary(pending: &FormPairs) -> String {
    if pending.is_empty() {
        return "No unsaved changes.".into();
    }
    let labels: Vec<&str> = pending.iter().filter_map(|(n, _)| attribute(n).map(|a| a.label)).collect();
    format!("{} unsaved change{}: {}", pending.len(), plural(pending.len()), labels.join(", "))
}

fn group_card(
    group: Group,
    customer: &Customer,
    user: &User,
    draft: RwSignal<Draft>,
    problems: Memo<Vec<(&'static str, String)>>,
    users: Directory,
    confirming: RwSignal<Option<&'static Attribute>>,
) -> impl IntoView {
    let heading_id = format!("group-{}", group.slug());
    let labelled_by = heading_id.clone();
    let fields = in_group(group)
        .map(|attr| {
            let allowed = may_edit(attr, user, customer) && !customer.field(attr.name).is_absent();
            let body = if allowed && attr.kind == Kind::UserRef {
                view! { <UserRefEditor attribute=attr draft=draft users=users owner_id=customer.owner_id().map(String::from)/> }.into_any()
            } else if allowed {
                let name = attr.name;
                let value = Signal::derive(move || draft.with(|d| d.get(name).cloned().unwrap_or_default()));
                let set_value = Callback::new(move |v: String| draft.update(|d| { d.insert(name.to_string(), v); }));
                let problem = Signal::derive(move || problems.with(|p| p.iter().find(|(n, _)| *n == name).map(|(_, m)| m.clone())));
                let confirm_on = matches!(attr.confirm, Confirm::OnEnable(_)).then(|| Callback::new(move |_| confirming.set(Some(attr))));
                view! { <FieldEditor attribute=attr value=value set_value=set_value problem=problem confirm_on=confirm_on/> }.into_any()
            } else {
                let why = if customer.is_deleted() || standing(user, customer) == Standing::Support {
                    None // the banner says why
                } else {
                    Some(who_may_edit(attr))
                };
                view! { <FieldReadOnly attribute=attr customer=customer.clone() users=users why=why/> }.into_any()
            };
            view! { <div class="field" data-field=attr.name>{body}</div> }
        })
        .collect_view();
    let extra = (group == Group::Contacts).then(|| {
        let href = crate::links::contacts_href(customer.id());
        view! { <p class="group-link"><a href=href>"Contact assignment and company contacts"</a></p> }
    });
    view! {
        <section class=format!("card group group-{}", group.slug()) aria-labelledby=labelled_by data-group=group.slug()>
            <h2 id=heading_id>{group.title()}</h2>
            <div class="fields">{fields}</div>
            {extra}
        </section>
    }
}

/// Turning on a switch the table marks `Confirm::OnEnable` (company-wide 2FA, SSO) asks
/// first, in the table's words; for 2FA it names who will be logged out.
#[component]
fn SwitchConfirm(attribute: &'static Attribute, customer_id: String, draft: RwSignal<Draft>, confirming: RwSignal<Option<&'static Attribute>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let Confirm::OnEnable(words) = attribute.confirm else {
        return ().into_any();
    };
    let is_2fa = words.lists_users_without_2fa;
    let users = LocalResource::new(move || {
        let id = customer_id.clone();
        async move {
            if is_2fa { session.call(move |api| async move { api.users(&id).await }).await.map(Some) } else { Ok(None) }
        }
    });
    let confirm = Callback::new(move |_| {
        draft.update(|d| { d.insert(attribute.name.to_string(), "true".into()); });
        confirming.set(None);
        focus_field(attribute.name);
    });
    let cancel = Callback::new(move |_| {
        confirming.set(None);
        focus_field(attribute.name);
    });
    let body = move || match users.get() {
        None => view! { <p aria-busy="true">"Checking which users have two-factor authentication…"</p> }.into_any(),
        Some(Err(e)) => view! { <InlineLoadError what="Could not check the users." error=e on_retry=Callback::new(move |_| users.refetch())/> }.into_any(),
        Some(Ok(None)) => view! { <p>{words.consequence}</p> }.into_any(),
        Some(Ok(Some(list))) => {
            let without: Vec<User> = list.into_iter().filter(|u| !u.is_deleted() && !u.has_2fa()).collect();
            let count = without.len();
            if count == 0 {
                view! { <p data-testid="logout-count" data-count="0">"Every user has two-factor authentication set up: nobody will be logged out."</p> }.into_any()
            } else {
                view! {
                    <p data-testid="logout-count" data-count=count.to_string()>
                        <strong>{format!("{count} user{} will be logged out at once", plural(count))}</strong>
                        " when you save, because they have not set up two-factor authentication:"
                    </p>
                    <ul class="logout-list" data-testid="logout-list">
                        {without.into_iter().take(200).map(|u| view! { <li>{u.display_name().to_string()} " " <span class="muted">{u.login.clone()}</span></li> }).collect_view()}
                    </ul>
                    {(count > 200).then(|| view! { <p class="muted">{format!("…and {} more.", count - 200)}</p> })}
                }.into_any()
            }
        }
    };
    view! {
        <ConfirmDialog title=words.title confirm_label=words.confirm_label on_confirm=confirm on_cancel=cancel
            busy=Signal::derive(move || users.get().is_none())>
            {body}
        </ConfirmDialog>
    }
    .into_any()
}

fn focus_field(name: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&format!("field-{name}")) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// A user reference this user may change: who holds it now (as edited) and a picker.
#[component]
fn UserRefEditor(attribute: &'static Attribute, draft: RwSignal<Draft>, users: Directory, owner_id: Option<String>) -> impl IntoView {
    let name = attribute.name;
    let current = move || draft.with(|d| d.get(name).cloned()).filter(|id| !id.is_empty());
    view! {
        <span class="label">{attribute.label}</span>
        <div class="contact-current">
            {move || match current() {
                Some(id) => view! { <UserRefValue id=id users=users/> }.into_any(),
                None if attribute.when_null == WhenNull::Owner => {
                    let owner = owner_id.clone().and_then(|id| users.with(|d| d.as_ref().and_then(|d| d.find(&id)).map(|u| u.display_name().to_string())));
                    view! { <span class="value">"Account owner (default)" {owner.map(|o| format!(" — {o}"))}</span> }.into_any()
                }
                None => view! { <span class="value not-set">"Not assigned"</span> }.into_any(),
            }}
        </div>
        <div class="contact-edit">
            <UserPicker label=attribute.label role=Some(attribute) directory=users input_id=format!("field-{name}")
                on_select=Callback::new(move |id: String| draft.update(|d| { d.insert(name.to_string(), id); }))/>
            {attribute.nullable.then(|| view! {
                <button type="button" class="button secondary small" aria-label=format!("Unassign {}", attribute.label.to_lowercase())
                    disabled=move || current().is_none()
                    on:click=move |_| draft.update(|d| { d.insert(name.to_string(), String::new()); })>"Unassign"</button>
            })}
        </div>
        <p class="help">{attribute.help}</p>
    }
}
