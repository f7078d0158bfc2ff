//! Contact assignment: who answers for this account (the five user-contact
//! roles), the reverse view of users and roles, and company contacts.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::FormPairs;
use crate::attributes::{confirms_change, Attribute, WhenNull, OWNER_ID};
use crate::changes::{Draft, ServerChange};
use crate::components::confirm::ConfirmDialog;
use crate::components::draft_review::DraftReview;
use crate::components::load_error::InlineLoadError;
use crate::components::require_session::SignedIn;
use crate::components::user_picker::{Directory, UserDirectory, UserPicker};
use crate::contact_roles::{contact_roles, describe_change, roles_held, warnings};
use crate::draft_store::DraftOf;
use crate::editing::Editing;
use crate::model::contact::{NewContact, CONTACT_TYPES};
use crate::model::{Contact, Customer, User};
use crate::pages::customer_frame::{CustomerBanners, CustomerData, CustomerLoadError, CustomerLoading, OwnerChangeDialog};
use crate::permissions::may_edit;
use crate::components::save_failure::SaveFailure;
use crate::save::{SaveEvent, Saver};
use crate::session::Session;

#[component]
pub fn ContactsPage(me: SignedIn) -> impl IntoView {
    let session = expect_context::<Session>();
    let data = CustomerData::load();
    let CustomerData { customer_id, customer: fetched, directory, users_error, .. } = data;
    // The add-contact form holds something typed.
    let form_dirty = RwSignal::new(false);
    let edit = Editing::new(DraftOf::Contacts, me.into_user(), form_dirty.into());
    let Editing { loaded, draft, review, pending, dirty, .. } = edit;
    let me = move || edit.user();

    let status = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let confirm_owner = RwSignal::new(false);
    let adopt = move |c: Customer, restore: bool| {
        let restored = edit.adopt(c, restore);
        if restored > 0 {
            status.set(Some(format!("Restored {restored} pending contact change{} from earlier in this tab.", if restored == 1 { "" } else { "s" })));
        }
    };
    Effect::new(move || {
        if let Some(Ok(c)) = fetched.get() {
            adopt(c, true);
        }
    });

    let name_of = move |id: Option<&str>| data.user_name(id);
    let change_lines = Memo::new(move |_| {
        let _ = directory.get();
        pending.with(|p| {
            p.iter()
                .filter_map(|(name, new)| {
                    let attr = crate::attributes::attribute(name)?;
                    let old = loaded.with_untracked(|c| c.as_ref().and_then(|c| c.text(name).map(String::from)));
                    Some(describe_change(attr.label, name_of(old.as_deref()).as_deref(), name_of(Some(new)).as_deref()))
                })
                .collect::<Vec<_>>()
        })
    });

    let saved = move |c: Customer, message: String| {
        edit.reset_to(c);
        failure.set(None);
        status.set(Some(message));
    };
    // Keep the user's choices on top of the newer copy and say what moved.
    let moved_on = move |fresh: Customer, changes: Vec<ServerChange>| {
        let moved: Vec<String> = changes.into_iter().map(|c| format!("{}: {} → {}", c.label, c.was, c.now)).collect();
        edit.rebase_onto(fresh);
        failure.set(Some(format!("Not saved: someone changed this customer since you opened the page ({}). Your choices are kept on top of the latest version; review them and save again.", if moved.is_empty() { "no visible attribute".to_string() } else { moved.join("; ") })));
    };
    // Re-read first, as the settings page does: never overwrite someone else's change unseen.
    let saver = Saver::new(
        session,
        customer_id,
        "contact change",
        Callback::new(move |event| match event {
            SaveEvent::Saved(c, message) => saved(c, message),
            SaveEvent::Conflict(fresh, changes) => moved_on(fresh, changes),
            SaveEvent::Failed(message) => failure.set(Some(message)),
        }),
        Callback::new(move |message| failure.set(Some(message))),
    );
    let dispatch_save = move || {
        if let Some(base) = loaded.get_untracked() {
            saver.save(base, pending.get_untracked());
        }
    };
    let start_save = move || {
        status.set(None);
        failure.set(None);
        if pending.with_untracked(|p| p.iter().any(|(n, _)| confirms_change(n))) {
            confirm_owner.set(true);
        } else {
            dispatch_save();
        }
    };
    let saving = Memo::new(move |_| saver.busy());
    let blocked = Memo::new(move |_| !edit.reviewed() || saver.blocked());

    let page = move || match (loaded.get(), fetched.get()) {
        (Some(customer), _) => {
            let user = me();
            let editable_any = contact_roles().any(|a| may_edit(a, &user, &customer));
            view! {
                <Title text=format!("Contacts · {}", customer.name())/>
                <CustomerBanners customer=customer.clone() user=user.clone()/>
                {move || users_error.get().map(|e| view! { <InlineLoadError what="Could not load the users." error=e on_retry=data.retry_users()/> })}
                <DraftReview review=review draft=draft status=status/>
                <section class="card" aria-labelledby="roles-title">
                    <h2 id="roles-title">"Contact roles"</h2>
                    <div class="contact-roles">
                        {contact_roles().map(|attr| role_row(attr, &customer, &user, draft, directory.into())).collect_view()}
                    </div>
                    <Show when=move || editable_any>
                        <div class="save-bar" role="region" aria-label="Pending contact changes">
                            <div class="pending" aria-live="polite">
                                {move || if change_lines.with(Vec::is_empty) {
                                    view! { <p>"No pending changes."</p> }.into_any()
                                } else {
                                    view! { <ul class="change-list" data-testid="pending-changes">{change_lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                                }}
                            </div>
                            <button type="button" class="button secondary" disabled=move || !dirty.get() || saving.get()
                                on:click=move |_| { if let Some(c) = loaded.get_untracked() { edit.reset_to(c); saver.forget(); status.set(Some("Changes discarded.".into())); } }>"Discard changes"</button>
                            <button type="button" class="button primary" disabled=move || !dirty.get() || saving.get() || blocked.get() on:click=move |_| start_save()>
                                {move || if saving.get() { "Saving…" } else { "Save changes" }}
                            </button>
                        </div>
                    </Show>
                </section>
                <UsersTable customer=customer.clone() directory=directory/>
                <CompanyContacts customer=customer.clone() user=user directory=directory form_dirty=form_dirty/>
            }.into_any()
        }
        (None, Some(Err(e))) => view! { <CustomerLoadError error=e on_retry=data.retry_customer()/> }.into_any(),
        (None, _) => view! { <CustomerLoading/> }.into_any(),
    };

    view! {
        <div class="page contacts-page">
            <div role="status" class="status-region">{move || status.get().map(|s| view! { <p class="success">{s}</p> })}</div>
            <SaveFailure failure=failure saver=saver/>
            {page}
            {move || confirm_owner.get().then(|| view! {
                <OwnerChangeDialog
                    old=name_of(loaded.with_untracked(|c| c.as_ref().and_then(|c| c.owner_id().map(String::from))).as_deref())
                    new=name_of(draft.with_untracked(|d| d.get(OWNER_ID).cloned()).as_deref())
                    on_confirm=Callback::new(move |_| { confirm_owner.set(false); dispatch_save(); })
                    on_cancel=Callback::new(move |_| confirm_owner.set(false))/>
            })}
        </div>
    }
}

/// One contact role: who holds it, warnings, and (where allowed) a picker.
fn role_row(attr: &'static Attribute, customer: &Customer, user: &User, draft: RwSignal<Draft>, directory: Directory) -> impl IntoView {
    let name = attr.name;
    let editable = may_edit(attr, user, customer) && !customer.field(name).is_absent();
    let restricted = customer.field(name).is_absent();
    let owner_id = customer.owner_id().map(String::from);
    let assigned = move || {
        if editable { draft.with(|d| d.get(name).cloned()) } else { None }
    };
    let loaded_value = customer.text(name).map(String::from);
    let current = move || if editable { assigned().filter(|s| !s.is_empty()) } else { loaded_value.clone() };
    let shown = move || {
        if restricted {
            return view! { <span class="badge readonly">"Restricted"</span> }.into_any();
        }
        match current() {
            None if attr.when_null == WhenNull::Owner => {
                let owner = owner_id.clone().and_then(|id| directory.with(|d| d.as_ref().and_then(|d| d.find(&id).map(|u| u.display_name().to_string()))));
                view! { <span class="assigned">"Account owner (default)" {owner.map(|o| format!(" — {o}"))}</span> }.into_any()
            }
            None => view! { <span class="assigned not-set">"Not assigned"</span> }.into_any(),
            Some(id) => directory.with(|d| match d {
                None => view! { <span class="assigned"><code>{id.clone()}</code></span> }.into_any(),
                Some(d) => {
                    let found = d.find(&id).cloned();
                    let warns = warnings(Some(attr), found.as_ref());
                    view! {
                        <span class="assigned">
                            {match &found {
                                Some(u) => view! {
                                    <span class="user-name">{u.display_name().to_string()}</span> " "
                                    <span class="muted">{u.login.clone()}</span> " "
                                    <span class="badge role">{u.role.label().to_string()}</span>
                                }.into_any(),
                                None => view! { <code>{id.clone()}</code> }.into_any(),
                            }}
                        </span>
                        {(!warns.is_empty()).then(|| view! {
                            <ul class="warnings">{warns.into_iter().map(|w| view! { <li class="warning" data-warning=format!("{w:?}")>{w.text()}</li> }).collect_view()}</ul>
                        })}
                    }.into_any()
                }
            }),
        }
    };
    let label_id = format!("contact-{name}-label");
    view! {
        <div class="contact-role" data-contact=name>
            <h3 class="label" id=label_id>{attr.label}</h3>
            <div class="contact-current">{shown}</div>
            {editable.then(|| view! {
                <div class="contact-edit">
                    <UserPicker label=attr.label role=Some(attr) directory=directory input_id=format!("picker-{name}")
                        on_select=Callback::new(move |id: String| draft.update(|d| { d.insert(name.to_string(), id); }))/>
                    {(attr.nullable).then(|| view! {
                        <button type="button" class="button secondary small" aria-label=format!("Unassign {}", attr.label.to_lowercase())
                            disabled=move || draft.with(|d| d.get(name).is_none_or(|v| v.is_empty()))
                            on:click=move |_| draft.update(|d| { d.insert(name.to_string(), String::new()); })>"Unassign"</button>
                    })}
                </div>
            })}
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SortKey {
    Name,
    Login,
    Role,
    Contacts,
}

const PAGE_SIZE: usize = 50;

/// The reverse view: every user with the contact roles they hold; sortable, filterable, paged.
#[component]
fn UsersTable(customer: Customer, directory: RwSignal<Option<Arc<UserDirectory>>>) -> impl IntoView {
    let (filter, set_filter) = signal(String::new());
    let (sort, set_sort) = signal((SortKey::Name, true));
    let (page, set_page) = signal(0usize);
    let customer = Arc::new(customer);
    let rows: Memo<Vec<usize>> = {
        let customer = customer.clone();
        Memo::new(move |_| {
            directory.with(|d| {
                let Some(d) = d else { return Vec::new() };
                let mut hits = d.index.search(&filter.get());
                let (key, ascending) = sort.get();
                let held = |i: usize| roles_held(&customer, &d.users[i].id).len();
                match key {
                    SortKey::Name => hits.sort_by_cached_key(|&i| d.users[i].display_name().to_lowercase()),
                    SortKey::Login => hits.sort_by_cached_key(|&i| d.users[i].login.to_lowercase()),
                    SortKey::Role => hits.sort_by_cached_key(|&i| d.users[i].role.label().to_string()),
                    SortKey::Contacts => hits.sort_by_cached_key(|&i| std::cmp::Reverse(held(i))),
                }
                if !ascending {
                    hits.reverse();
                }
                hits
            })
        })
    };
    let total = Memo::new(move |_| rows.with(Vec::len));
    let pages = Memo::new(move |_| total.get().div_ceil(PAGE_SIZE).max(1));
    let header = move |key: SortKey, label: &'static str| {
        let aria_sort = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="sort" on:click=move |_| { set_sort.update(|(k, asc)| if *k == key { *asc = !*asc } else { *k = key; *asc = true }); set_page.set(0); }>
                    {label} <span aria-hidden="true">{move || match sort.get() { (k, true) if k == key => " ▲", (k, false) if k == key => " ▼", _ => "" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <section class="card" aria-labelledby="users-title">
            <h2 id="users-title">"Users and their contact roles"</h2>
            <div class="table-tools">
                <label for="users-filter">"Filter users"</label>
                <input id="users-filter" type="search" placeholder="Name or email" prop:value=filter
                    on:input=move |ev| { set_filter.set(event_target_value(&ev)); set_page.set(0); }/>
                <p class="muted" aria-live="polite" data-testid="users-count">
                    {move || if directory.with(Option::is_none) { "Loading users…".to_string() } else {
                        let (n, p) = (total.get(), page.get());
                        if n == 0 { "No user matches.".to_string() } else { format!("Showing {}–{} of {n}", p * PAGE_SIZE + 1, ((p + 1) * PAGE_SIZE).min(n)) }
                    }}
                </p>
            </div>
            <div class="table-scroll">
                <table class="users-table">
                    <thead><tr>
                        {header(SortKey::Name, "Name")}
                        {header(SortKey::Login, "Login")}
                        {header(SortKey::Role, "Role")}
                        {header(SortKey::Contacts, "Contact roles")}
                        <th scope="col">"Status"</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let p = page.get();
                            let customer = customer.clone();
                            directory.with(|d| d.as_ref().map(|d| rows.with(|r| r.iter().skip(p * PAGE_SIZE).take(PAGE_SIZE).map(|&i| {
                                let u = &d.users[i];
                                let held = roles_held(&customer, &u.id);
                                view! {
                                    <tr data-user=u.id.clone()>
                                        <th scope="row">{u.display_name().to_string()}</th>
                                        <td>{u.login.clone()}</td>
                                        <td>{u.role.label().to_string()}</td>
                                        <td>{held.into_iter().map(|h| view! { <span class="badge role">{h}</span> " " }).collect_view()}</td>
                                        <td>
                                            {u.is_locked().then(|| view! { <span class="badge warn">"Locked"</span> " " })}
                                            {u.is_deleted().then(|| view! { <span class="badge warn">"Deleted"</span> " " })}
                                            {(!u.has_2fa()).then(|| view! { <span class="badge">"No 2FA"</span> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view())))
                        }}
                    </tbody>
                </table>
            </div>
            <nav class="pager" aria-label="Users pages">
                <button type="button" class="button secondary small" disabled=move || page.get() == 0 on:click=move |_| set_page.update(|p| *p = p.saturating_sub(1))>"Previous page"</button>
                <span>{move || format!("Page {} of {}", page.get() + 1, pages.get())}</span>
                <button type="button" class="button secondary small" disabled=move || { page.get() + 1 >= pages.get() } on:click=move |_| set_page.update(|p| *p += 1)>"Next page"</button>
            </nav>
        </section>
    }
}

/// Company contacts: listed by type; add (a user, or a name and email); remove with confirmation.
#[component]
fn CompanyContacts(customer: Customer, user: User, directory: RwSignal<Option<Arc<UserDirectory>>>, form_dirty: RwSignal<bool>) -> impl IntoView {
    let session = expect_context::<Session>();
    let customer_id = customer.id().to_string();
    let editable = crate::permissions::may_edit_customer(&user, &customer);
    let contacts = LocalResource::new({
        let id = customer_id.clone();
        move || {
            let id = id.clone();
            session.call(move |api| async move { api.contacts(&id).await })
        }
    });
    let list = RwSignal::new(None::<Vec<Contact>>);
    Effect::new(move || {
        if let Some(Ok(c)) = contacts.get() {
            list.set(Some(c));
        }
    });
    let message = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let removing = RwSignal::new(None::<Contact>);

    let remove = Action::new_local({
        let id = customer_id.clone();
        move |contact: &Contact| {
            let (id, contact) = (id.clone(), contact.clone());
            async move { session.call(move |api| async move { api.delete_contact(&id, &contact.id).await.map(|_| contact) }).await }
        }
    });
    Effect::new(move || match remove.value().get() {
        Some(Ok(c)) => {
            list.update(|l| if let Some(l) = l { l.retain(|x| x.id != c.id) });
            message.set(Some(format!("Removed the {} contact.", c.type_label().to_lowercase())));
            removing.set(None);
        }
        Some(Err(e)) if e.api_said_no() => { failure.set(Some(format!("Not removed. {}", e.describe()))); removing.set(None); }
        Some(Err(e)) => {
            failure.set(Some(format!("We don't know whether the contact was removed: {} The list below is read again.", e.describe())));
            removing.set(None);
            list.set(None);
            contacts.refetch();
        }
        None => {}
    });

    let contact_name = move |c: &Contact| -> String {
        match &c.user_id {
            Some(uid) => directory.with(|d| d.as_ref().and_then(|d| d.find(uid)).map(|u| u.display_name().to_string())).unwrap_or_else(|| uid.clone()),
            None => c.name.clone().unwrap_or_else(|| "Unnamed".into()),
        }
    };
    let contact_email = move |c: &Contact| -> String {
        match &c.user_id {
            Some(uid) => directory.with(|d| d.as_ref().and_then(|d| d.find(uid)).map(|u| u.login.clone())).unwrap_or_default(),
            None => c.email.clone().unwrap_or_default(),
        }
    };

    view! {
        <section class="card" aria-labelledby="company-contacts-title">
            <h2 id="company-contacts-title">"Company contacts"</h2>
            <div role="status" class="status-region">{move || message.get().map(|m| view! { <p class="success">{m}</p> })}</div>
            {move || failure.get().map(|f| view! { <p class="alert" role="alert">{f}</p> })}
            {move || match (list.get(), contacts.get()) {
                (Some(items), _) if items.is_empty() => view! { <p class="muted">"No company contacts yet."</p> }.into_any(),
                (Some(items), _) => {
                    let mut items = items;
                    items.sort_by_key(|c| CONTACT_TYPES.iter().position(|(v, _)| *v == c.contact_type).unwrap_or(usize::MAX));
                    view! {
                        <div class="table-scroll"><table class="contacts-table">
                            <thead><tr><th scope="col">"Type"</th><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Phone"</th>
                                {editable.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}</tr></thead>
                            <tbody>
                                {items.into_iter().map(|c| {
                                    let name = contact_name(&c);
                                    let email = contact_email(&c);
                                    let for_remove = c.clone();
                                    let label = format!("Remove {} contact {}", c.type_label().to_lowercase(), name);
                                    view! {
                                        <tr data-company-contact=c.id.clone()>
                                            <td>{c.type_label().to_string()}</td>
                                            <th scope="row">{name}{c.user_id.is_some().then(|| view! { " " <span class="badge">"User"</span> })}</th>
                                            <td>{email}</td>
                                            <td>{c.phone.clone().unwrap_or_else(|| "—".into())}</td>
                                            {editable.then(|| view! { <td><button type="button" class="button secondary small" aria-label=label on:click=move |_| removing.set(Some(for_remove.clone()))>"Remove"</button></td> })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }
                (None, Some(Err(e))) => view! { <InlineLoadError what="Could not load company contacts." error=e on_retry=Callback::new(move |_| contacts.refetch())/> }.into_any(),
                (None, _) => view! { <div class="skeleton line wide" aria-busy="true" aria-label="Loading company contacts"></div> }.into_any(),
            }}
            {editable.then(|| view! { <AddContactForm customer_id=customer_id.clone() directory=directory list=list message=message dirty=form_dirty reload=Callback::new(move |_| { list.set(None); contacts.refetch(); })/> })}
            {move || removing.get().map(|c| {
                let name = contact_name(&c);
                let target = c.clone();
                view! {
                    <ConfirmDialog title="Remove this company contact?" confirm_label="Remove contact" busy=remove.pending()
                        on_confirm=Callback::new(move |_| { remove.dispatch(target.clone()); })
                        on_cancel=Callback::new(move |_| removing.set(None))>
                        <p>{format!("{} will no longer be the {} contact.", name, c.type_label().to_lowercase())}</p>
                    </ConfirmDialog>
                }
            })}
        </section>
    }
}

#[component]
fn AddContactForm(
    customer_id: String,
    directory: RwSignal<Option<Arc<UserDirectory>>>,
    list: RwSignal<Option<Vec<Contact>>>,
    message: RwSignal<Option<String>>,
    /// Something is typed and not added yet.
    dirty: RwSignal<bool>,
    /// Reads the list of contacts again.
    reload: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    // What was typed survives a reload or a 401 in this tab.
    let storage_key = format!("{}new-contact.{customer_id}", crate::tab_storage::PREFIX);
    let stored: Option<(NewContact, bool)> = crate::tab_storage::get_json(&storage_key);
    let (initial, initial_link) = stored.unwrap_or_else(|| (NewContact { contact_type: "primary".into(), ..Default::default() }, true));
    let form = RwSignal::new(initial);
    let link_user = RwSignal::new(initial_link);
    Effect::new(move || {
        let blank = form.with(NewContact::is_blank);
        dirty.set(!blank);
        if blank {
            crate::tab_storage::remove(&storage_key);
        } else {
            crate::tab_storage::set_json(&storage_key, &(form.get(), link_user.get()));
        }
    });
    on_cleanup(move || dirty.set(false));
    let problems = RwSignal::new(Vec::<(&'static str, String)>::new());
    let failure = RwSignal::new(None::<String>);
    let add = Action::new_local(move |pairs: &FormPairs| {
        let (id, pairs) = (customer_id.clone(), pairs.clone());
        async move { session.call(move |api| async move { api.create_contact(&id, &pairs).await }).await }
    });
    Effect::new(move || match add.value().get() {
        Some(Ok(c)) => {
            message.set(Some(format!("Added {} contact.", with_article(&c.type_label().to_lowercase()))));
            list.update(|l| if let Some(l) = l { l.push(c) });
            form.set(NewContact { contact_type: form.with_untracked(|f| f.contact_type.clone()), ..Default::default() });
            failure.set(None);
        }
        Some(Err(e)) if e.api_said_no() => failure.set(Some(format!("Not added — your entries are kept. {}", e.describe()))),
        Some(Err(e)) => {
            failure.set(Some(format!(
                "We don't know whether the contact was added: {} Your entries are kept; the list below is read again — check it before adding again.",
                e.describe()
            )));
            reload.run(());
        }
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut f = form.get_untracked();
        if !link_user.get_untracked() { f.user_id = None; } else { f.name.clear(); f.email.clear(); }
        match f.to_form() {
            Ok(pairs) => { problems.set(Vec::new()); failure.set(None); add.dispatch(pairs); }
            Err(p) => problems.set(p),
        }
    };
    let problem = move |field: &'static str| problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));
    let error_view = move |field: &'static str| move || problem(field).map(|m| view! { <p class="field-error" role="alert">{m}</p> });
    let phone_required = move || crate::model::contact::phone_required(&form.with(|f| f.contact_type.clone()));
    let chosen_user = move || form.with(|f| f.user_id.clone()).and_then(|id| directory.with(|d| d.as_ref().and_then(|d| d.find(&id).map(|u| format!("{} ({})", u.display_name(), u.login)))));
    view! {
        <form class="add-contact" on:submit=submit novalidate aria-labelledby="add-contact-title">
            <h3 id="add-contact-title">"Add a company contact"</h3>
            <div class="form-grid">
                <div>
                    <label for="new-contact-type">"Contact type"</label>
                    <select id="new-contact-type" prop:value=move || form.with(|f| f.contact_type.clone())
                        on:change=move |ev| form.update(|f| f.contact_type = event_target_value(&ev))>
                        {CONTACT_TYPES.iter().map(|(v, l)| view! { <option value=*v>{*l}</option> }).collect_view()}
                    </select>
                    {error_view("contact_type")}
                </div>
                <fieldset class="who">
                    <legend>"Who"</legend>
                    <label class="inline"><input type="radio" name="contact-who" prop:checked=link_user on:change=move |_| link_user.set(true)/>" A user of this customer"</label>
                    <label class="inline"><input type="radio" name="contact-who" prop:checked=move || !link_user.get() on:change=move |_| link_user.set(false)/>" Someone else (name and email)"</label>
                </fieldset>
                <Show when=move || link_user.get()>
                    <div>
                        <span class="label">"User"</span>
                        <UserPicker label="Contact user" role=None directory=directory input_id="new-contact-user".to_string()
                            on_select=Callback::new(move |id: String| form.update(|f| f.user_id = Some(id)))/>
                        <p class="muted" data-testid="new-contact-user">{move || chosen_user().map(|u| format!("Chosen: {u}")).unwrap_or_else(|| "No user chosen yet.".into())}</p>
                        {error_view("name")}
                    </div>
                </Show>
                <Show when=move || !link_user.get()>
                    <div>
                        <label for="new-contact-name">"Name"</label>
                        <input id="new-contact-name" type="text" autocomplete="name" prop:value=move || form.with(|f| f.name.clone()) on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
                        {error_view("name")}
                    </div>
                    <div>
                        <label for="new-contact-email">"Email"</label>
                        <input id="new-contact-email" type="email" autocomplete="email" prop:value=move || form.with(|f| f.email.clone()) on:input=move |ev| form.update(|f| f.email = event_target_value(&ev))/>
                        {error_view("email")}
                    </div>
                </Show>
                <div>
                    <label for="new-contact-phone">{move || if phone_required() { "Phone (required)" } else { "Phone (optional)" }}</label>
                    <input id="new-contact-phone" type="tel" autocomplete="tel" aria-required=move || phone_required().to_string()
                        prop:value=move || form.with(|f| f.phone.clone()) on:input=move |ev| form.update(|f| f.phone = event_target_value(&ev))/>
                    {error_view("phone")}
                </div>
            </div>
            {move || failure.get().map(|f| view! { <p class="alert" role="alert">{f}</p> })}
            <button type="submit" class="button primary" disabled=add.pending()>{move || if add.pending().get() { "Adding…" } else { "Add contact" }}</button>
        </form>
    }
}


/// "a billing", "an emergency".
fn with_article(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {word}")
}
