//! Contact assignment: who answers for this account (the five user-contact
//! roles), the reverse view of users and roles, and company contacts.

mod add_contact_form;
mod company_contacts;
mod role_row;
mod users_table;

use crate::components::page_title::page_title;
use leptos::prelude::*;

use crate::browser::dom::{dynamic, el, frag, Dom, El};
use crate::browser::draft_store::DraftOf;
use crate::browser::editing::Editing;
use crate::browser::effect::memo;
use crate::browser::save::{SaveEvent, Saver};
use crate::browser::session::Session;
use crate::components::draft_review::draft_review;
use crate::components::load_error::inline_load_error;
use crate::components::require_session::SignedIn;
use crate::components::save_bar::save_bar;
use crate::components::save_failure::save_failure;
use crate::domain::attributes::OWNER_ID;
use crate::domain::changes::{ChangeSet, ServerChange};
use crate::domain::contact_roles::{contact_roles, describe_change};
use crate::domain::permissions::may_edit;
use crate::domain::words::plural;
use crate::model::Customer;
use crate::pages::customer_frame::{
    customer_banners, customer_load_error, customer_loading, owner_change_dialog, CustomerData,
};
use add_contact_form::*;
use company_contacts::*;
use role_row::*;
use users_table::*;

/// The contacts page of the route's customer, for the signed-in user `me`.
pub fn contacts_page(me: SignedIn) -> Dom {
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

    let saved = move |c: Customer, message: String| {
        edit.reset_to(c);
        failure.set(None);
        status.set(Some(message));
    };
    // Keep the user's choices on top of the newer copy and say what moved.
    let moved_on = move |fresh: Customer, changes: Vec<ServerChange>| {
        let moved: Vec<String> = changes
            .into_iter()
            .map(|c| format!("{}: {} → {}", c.label, c.was, c.now))
            .collect();
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
    );
    let dispatch_save = move || {
        if let Some(base) = loaded.get_untracked() {
            saver.save(base, pending.get_untracked());
        }
    };
    let start_save = move || {
        status.set(None);
        failure.set(None);
        if pending.with_untracked(ChangeSet::needs_confirmation) {
            confirm_owner.set(true);
        } else {
            dispatch_save();
        }
    };
    let saving = memo(move || saver.busy());
    let blocked = memo(move || !edit.reviewed() || saver.blocked());

    // What is pending, in words, for the save bar.
    let pending_lines = move || -> El {
        if change_lines.with(Vec::is_empty) {
            el("p").text("No pending changes.")
        } else {
            el("ul")
                .class("change-list")
                .attr("data-testid", "pending-changes")
                .children(
                    change_lines
                        .get()
                        .into_iter()
                        .map(|l| el("li").text(&l))
                        .collect(),
                )
        }
    };
    let page = move || -> Dom {
        match (loaded.get(), fetched.get()) {
            (Some(customer), _) => {
                let user = me();
                let editable_any = contact_roles().any(|a| may_edit(a, &user, &customer));
                page_title(&format!("Contacts · {}", customer.name()));
                let save = editable_any.then(|| {
                    save_bar(
                        "Pending contact changes",
                        Signal::derive(move || dirty.get() && !saving.get()),
                        Callback::new(move |_| {
                            if let Some(c) = loaded.get_untracked() {
                                edit.reset_to(c);
                                saver.forget();
                                status.set(Some("Changes discarded.".into()));
                            }
                        }),
                        Signal::derive(move || dirty.get() && !saving.get() && !blocked.get()),
                        saving.into(),
                        Some(Callback::new(move |_| start_save())),
                        dynamic(pending_lines),
                    )
                });
                let roles = el("section")
                    .class("card")
                    .attr("aria-labelledby", "roles-title")
                    .child(el("h2").id("roles-title").text("Contact roles"))
                    .child(
                        el("div").class("contact-roles").children(
                            contact_roles()
                                .map(|attr| role_row(attr, &customer, &user, draft, directory))
                                .collect(),
                        ),
                    )
                    .child(save);
                frag(vec![
                    customer_banners(&customer, &user),
                    dynamic(move || {
                        users_error.get().map(|e| {
                            inline_load_error("Could not load the users.", e, data.retry_users())
                        })
                    }),
                    draft_review(review, draft, status),
                    roles.into(),
                    users_table(customer.clone(), directory).into(),
                    company_contacts(customer, user, directory, form_dirty, data).into(),
                ])
            }
            (None, Some(Err(e))) => customer_load_error(e, data.retry_customer()).into(),
            (None, _) => customer_loading().into(),
        }
    };
    let owner_dialog = move || -> Dom {
        if !confirm_owner.get() {
            return Dom::none();
        }
        owner_change_dialog(
            name_of(
                loaded
                    .with_untracked(|c| c.as_ref().and_then(|c| c.owner_id().map(String::from)))
                    .as_deref(),
            ),
            name_of(
                draft
                    .with_untracked(|d| d.get(OWNER_ID).cloned())
                    .as_deref(),
            ),
            Callback::new(move |_| {
                confirm_owner.set(false);
                dispatch_save();
            }),
            Callback::new(move |_| confirm_owner.set(false)),
        )
    };

    el("div")
        .class("page contacts-page")
        .child(
            el("div")
                .attr("role", "status")
                .class("status-region")
                .dyn_child(move || status.get().map(|s| el("p").class("success").text(&s))),
        )
        .child(save_failure(failure, saver))
        .dyn_child(page)
        .dyn_child(owner_dialog)
        .into()
}
