//! Contact assignment: who answers for this account (the five user-contact
//! roles), the reverse view of users and roles, and company contacts.

mod add_contact_form;
mod company_contacts;
mod role_row;
mod users_table;

use crate::components::page_title::PageTitle;
use leptos::prelude::*;

use crate::browser::draft_store::DraftOf;
use crate::browser::editing::Editing;
use crate::browser::effect::memo;
use crate::browser::save::{SaveEvent, Saver, Written};
use crate::browser::session::Session;
use crate::browser::undo::{undone_message, Undo};
use crate::components::draft_review::DraftReview;
use crate::components::load_error::InlineLoadError;
use crate::components::require_session::SignedIn;
use crate::components::save_bar::SaveBar;
use crate::components::save_failure::SaveFailure;
use crate::components::save_status::SaveStatus;
use crate::domain::attributes::OWNER_ID;
use crate::domain::changes::{ChangeSet, ServerChange};
use crate::domain::contact_roles::{contact_roles, describe_change};
use crate::domain::permissions::{Layout, Shown};
use crate::domain::words::plural;
use crate::model::Customer;
use crate::pages::customer_frame::{laid_out, CustomerBanners, CustomerData, OwnerChangeDialog};
use add_contact_form::*;
use company_contacts::*;
use role_row::*;
use users_table::*;

#[component]
pub fn ContactsPage(me: SignedIn) -> impl IntoView {
    let session = expect_context::<Session>();
    let data = CustomerData::of_route();
    let CustomerData {
        customer_id,
        customer: fetched,
        directory,
        users_error,
        ..
    } = data;
    // The add-contact form holds something typed.
    let form_dirty = RwSignal::new(false);
    let edit = Editing::new(DraftOf::Contacts, me.into_user(), form_dirty.into());
    let Editing {
        loaded,
        draft,
        review,
        pending,
        dirty,
        ..
    } = edit;
    let me = move || edit.user();

    let status = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let confirm_owner = RwSignal::new(false);
    edit.follow(fetched, move |restored| {
        status.set(Some(format!(
            "Restored {restored} pending contact change{} from earlier in this tab.",
            plural(restored)
        )))
    });

    let name_of = move |id: Option<&str>| data.user_name(id);
    let change_lines = memo(move || {
        let _ = directory.get();
        pending.with(|p| {
            p.iter()
                .map(|change| {
                    let old = loaded.with_untracked(|c| {
                        c.as_ref()
                            .and_then(|c| c.text(change.attribute.name).map(String::from))
                    });
                    describe_change(
                        change.attribute.label,
                        name_of(old.as_deref()).as_deref(),
                        name_of(Some(change.value)).as_deref(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    // The last save can be undone for 30 s.
    let undo = Undo::new();
    let saved = move |written: Written, message: String| {
        // Choices made while the save was under way stay pending.
        edit.saved(&written);
        failure.set(None);
        match undo.finished() {
            Some(back) => status.set(Some(undone_message(&back))),
            None => {
                status.set(Some(message));
                undo.offer(written);
            }
        }
    };
    // Keep the user's choices on top of the newer copy and say what moved.
    let moved_on = move |fresh: Customer, changes: Vec<ServerChange>| {
        let moved: Vec<String> = changes
            .into_iter()
            .map(|c| format!("{}: {} → {}", c.label, c.was, c.now))
            .collect();
        let moved = if moved.is_empty() {
            "no visible attribute".to_string()
        } else {
            moved.join("; ")
        };
        edit.rebase_onto(fresh);
        failure.set(Some(match undo.finished() {
            Some(_) => format!("Not undone: someone changed this customer since your save ({moved}). Nothing was overwritten; the page shows the latest version."),
            None => format!("Not saved: someone changed this customer since you opened the page ({moved}). Your choices are kept on top of the latest version; review them and save again."),
        }));
    };
    // Re-read first, as the settings page does: never overwrite someone else's change unseen.
    let saver = Saver::new(
        session,
        customer_id,
        "contact change",
        Callback::new(move |event| match event {
            SaveEvent::Saved(written, message) => saved(written, message),
            SaveEvent::Conflict(fresh, changes) => moved_on(fresh, changes),
            SaveEvent::Failed(message) => {
                let _ = undo.finished();
                failure.set(Some(message))
            }
        }),
    );
    let dispatch_save = move || {
        if let Some(base) = loaded.get_untracked() {
            edit.save_started();
            saver.save(base, pending.get_untracked());
        }
    };
    let start_save = move || {
        status.set(None);
        failure.set(None);
        // A new save: the last one can no longer be undone.
        let _ = undo.finished();
        undo.withdraw();
        if pending.with_untracked(ChangeSet::needs_confirmation) {
            confirm_owner.set(true);
        } else {
            dispatch_save();
        }
    };
    let saving = memo(move || saver.busy());
    let blocked = memo(move || !edit.reviewed() || saver.blocked());
    let start_undo = move |_| {
        status.set(None);
        failure.set(None);
        undo.start(edit, saver);
    };

    // The controls depend on the layout only (who may edit what of this customer): a save or
    // a discard changes values in place, never the controls, the users table or the focus.
    let user = me();
    let layout = memo(move || loaded.with(|c| c.as_ref().map(|c| Layout::of(&user, c))));
    let title = Signal::derive(move || {
        loaded.with(|c| format!("Contacts · {}", c.as_ref().map_or("", |c| c.name())))
    });
    let roles = move |layout: Layout| {
        let editable_any = contact_roles().any(|a| layout.shown(a) == Shown::Editor);
        view! {
            <PageTitle text=title />
            <CustomerBanners customer=loaded user=me() />
            {move || {
                users_error
                    .get()
                    .map(|e| {
                        view! {
                            <InlineLoadError
                                what="Could not load the users."
                                error=e
                                on_retry=data.retry_users()
                            />
                        }
                    })
            }}
            <DraftReview review=review draft=draft status=status />
            <section class="card" aria-labelledby="roles-title">
                <h2 id="roles-title">"Contact roles"</h2>
                <div class="contact-roles">
                    {contact_roles()
                        .map(|attr| {
                            view! {
                                <RoleRow
                                    attr=attr
                                    editable=layout.shown(attr) == Shown::Editor
                                    loaded=loaded
                                    draft=draft
                                    directory=directory
                                />
                            }
                        })
                        .collect_view()}
                </div>
                {editable_any
                    .then(|| {
                        view! {
                            <SaveBar
                                label="Pending contact changes"
                                can_discard=Signal::derive(move || dirty.get() && !saving.get())
                                on_discard=Callback::new(move |_| {
                                    if let Some(c) = loaded.get_untracked() {
                                        edit.reset_to(c);
                                        saver.forget();
                                        status.set(Some("Changes discarded.".into()));
                                    }
                                })
                                can_save=Signal::derive(move || {
                                    dirty.get() && !saving.get() && !blocked.get()
                                })
                                saving=saving.into()
                                on_save=Some(Callback::new(move |_| start_save()))
                            >
                                {move || {
                                    if change_lines.with(Vec::is_empty) {
                                        view! { <p>"No pending changes."</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="change-list" data-testid="pending-changes">
                                                {change_lines
                                                    .get()
                                                    .into_iter()
                                                    .map(|l| view! { <li>{l}</li> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }
                                }}
                            </SaveBar>
                        }
                    })}
            </section>
            <UsersTable customer=loaded directory=directory />
            <CompanyContacts
                customer_id=layout.customer_id.clone()
                editable=layout.editable
                directory=directory
                form_dirty=form_dirty
                data=data
            />
        }
    };
    let page = laid_out(layout, data, roles);

    view! {
        <div class="page contacts-page">
            <SaveStatus status=status undo=undo saver=saver on_undo=Callback::new(start_undo) />
            <SaveFailure failure=failure saver=saver />
            {page}
            {move || {
                confirm_owner
                    .get()
                    .then(|| {
                        view! {
                            <OwnerChangeDialog
                                old=name_of(
                                    loaded
                                        .with_untracked(|c| {
                                            c.as_ref().and_then(|c| c.owner_id().map(String::from))
                                        })
                                        .as_deref(),
                                )
                                new=name_of(
                                    draft.with_untracked(|d| d.get(OWNER_ID).cloned()).as_deref(),
                                )
                                on_confirm=Callback::new(move |_| {
                                    confirm_owner.set(false);
                                    dispatch_save();
                                })
                                on_cancel=Callback::new(move |_| confirm_owner.set(false))
                            />
                        }
                    })
            }}
        </div>
    }
}
