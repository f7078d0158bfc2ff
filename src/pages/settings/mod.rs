//! Customer settings: every attribute, grouped; edit what this user may edit.

mod conflict_panel;
mod group_card;
mod recent_changes;
mod switch_confirm;
mod user_ref_editor;

use leptos::prelude::*;

use crate::browser::dom::{dynamic, el, frag, Dom, El};
use crate::browser::draft_store::DraftOf;
use crate::browser::editing::Editing;
use crate::browser::effect::memo;
use crate::browser::save::{SaveEvent, Saver};
use crate::browser::session::Session;
use crate::components::draft_review::draft_review;
use crate::components::page_title::page_title;
use crate::components::require_session::SignedIn;
use crate::components::save_bar::save_bar;
use crate::components::save_failure::save_failure;
use crate::domain::attributes::{Attribute, Group, OWNER_ID};
use crate::domain::changes::{self, ChangeSet, ServerChange};
use crate::domain::permissions::may_edit_customer;
use crate::domain::words::plural;
use crate::model::Customer;
use crate::pages::customer_frame::{
    customer_banners, customer_load_error, customer_loading, owner_change_dialog, CustomerData,
};
use conflict_panel::*;
use group_card::*;
use recent_changes::*;
use switch_confirm::*;
use user_ref_editor::*;

/// The settings page of the route's customer, for the signed-in user `me`.
pub fn settings_page(me: SignedIn) -> El {
    let session = expect_context::<Session>();
    let data = CustomerData::of_route();
    let CustomerData {
        customer_id,
        customer: fetched,
        directory,
        ..
    } = data;
    let edit = Editing::new(DraftOf::Settings, me.into_user(), Signal::from(false));
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
    let conflict = RwSignal::new(None::<(Customer, Vec<ServerChange>)>);
    let confirming = RwSignal::new(None::<&'static Attribute>);
    // Take each loaded copy: the draft starts from it, plus edits kept in this tab.
    edit.follow(fetched, move |restored| {
        status.set(Some(format!(
            "Restored {restored} unsaved change{} from earlier in this tab.",
            plural(restored)
        )))
    });

    // Problems of the attributes the user changed (a stored oddity they did not touch blocks nothing).
    let problems: Memo<Vec<(&'static str, String)>> =
        memo(move || changes::problems(&pending.with(|p| draft.with(|d| changes::typed(p, d)))));

    // "Recent changes" asks again after each save.
    let saves = RwSignal::new(0u32);
    let saved = move |customer: Customer, message: String| {
        saves.update(|n| *n = n.wrapping_add(1));
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
        if pending.with_untracked(ChangeSet::needs_confirmation) {
            confirm_owner.set(true);
        } else {
            start_save();
        }
    };
    let overwrite = move |()| {
        if let Some((fresh, _)) = conflict.get_untracked() {
            edit.rebase_onto(fresh);
            start_save();
        }
    };
    let take_theirs = move |()| {
        if let Some((fresh, _)) = conflict.get_untracked() {
            edit.reset_to(fresh);
            conflict.set(None);
            failure.set(None);
            status.set(Some(
                "Loaded the latest version; your edits were discarded.".into(),
            ));
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
    let saving = memo(move || saver.busy());
    let blocked = memo(move || !edit.reviewed() || saver.blocked());
    let can_save =
        move || dirty.get() && problems.with(Vec::is_empty) && !saving.get() && !blocked.get();

    // Rebuilt when the customer loads or changes (not on draft edits): only `loaded` and
    // `fetched` are tracked here; what is built below follows the draft by itself.
    let page = move || {
        let state = (loaded.get(), fetched.get());
        untrack(move || -> Dom {
            match state {
                (Some(customer), _) => {
                    let user = me();
                    let editable = may_edit_customer(&user, &customer);
                    page_title(&format!("Settings · {}", customer.name()));
                    let save = editable.then(|| {
                        save_bar(
                            "Unsaved changes",
                            Signal::derive(move || dirty.get() && !saving.get()),
                            Callback::new(discard),
                            Signal::derive(can_save),
                            saving.into(),
                            None,
                            el("p")
                                .dyn_text(move || {
                                    if !review.with(Vec::is_empty) {
                                        "Decide on your restored edits above before saving."
                                            .to_string()
                                    } else {
                                        pending_summary(&pending.get())
                                    }
                                })
                                .into(),
                        )
                    });
                    let form = el("form")
                        .class("settings")
                        .flag("novalidate", true)
                        .on("submit", move |ev| {
                            ev.prevent_default();
                            if can_save() {
                                request_save();
                            }
                        })
                        .children(
                            Group::ALL
                                .into_iter()
                                .map(|group| {
                                    group_card(
                                        group, &customer, &user, draft, problems, directory,
                                        confirming,
                                    )
                                })
                                .collect(),
                        )
                        .child(save);
                    frag(vec![
                        customer_banners(&customer, &user),
                        draft_review(review, draft, status),
                        form.into(),
                    ])
                }
                (None, Some(Err(e))) => customer_load_error(e, data.retry_customer()).into(),
                (None, _) => customer_loading().into(),
            }
        })
    };

    // The settings first: "Recent changes" is mounted (and asks) once they are shown and the
    // users (their names) have answered, so it never shares the network with either.
    let users_error = data.users_error;
    let shown = memo(move || {
        loaded.with(Option::is_some)
            && (directory.with(Option::is_some) || users_error.with(Option::is_some))
    });
    let has_status = memo(move || status.with(Option::is_some));
    el("div")
        .class("page settings-page")
        .child(
            el("div")
                .attr("role", "status")
                .class("status-region")
                .dyn_child(move || {
                    has_status.get().then(|| {
                        el("p")
                            .class("success")
                            .dyn_text(move || status.get().unwrap_or_default())
                    })
                }),
        )
        .child(save_failure(failure, saver))
        .child(dynamic(move || {
            conflict.get().map(|(_, moved)| {
                conflict_panel(
                    moved,
                    draft,
                    Callback::new(overwrite),
                    Callback::new(take_theirs),
                )
            })
        }))
        .child(dynamic(page))
        .child(dynamic(move || {
            shown
                .get()
                .then(|| recent_changes(customer_id.get_untracked(), directory, saves.into()))
        }))
        .child(dynamic(move || match confirming.get() {
            Some(attr) => {
                untrack(|| switch_confirm(attr, customer_id.get_untracked(), draft, confirming))
            }
            None => Dom::none(),
        }))
        .child(dynamic(move || {
            if !confirm_owner.get() {
                return Dom::none();
            }
            let old = data.user_name(
                loaded
                    .with_untracked(|c| c.as_ref().and_then(|c| c.owner_id().map(String::from)))
                    .as_deref(),
            );
            let new = data.user_name(
                draft
                    .with_untracked(|d| d.get(OWNER_ID).cloned())
                    .as_deref(),
            );
            untrack(|| {
                owner_change_dialog(
                    old,
                    new,
                    Callback::new(move |_| {
                        confirm_owner.set(false);
                        start_save();
                    }),
                    Callback::new(move |_| confirm_owner.set(false)),
                )
            })
        }))
}

pub fn pending_summary(pending: &ChangeSet) -> String {
    if pending.is_empty() {
        return "No unsaved changes.".into();
    }
    let labels: Vec<&str> = pending.attributes().map(|a| a.label).collect();
    format!(
        "{} unsaved change{}: {}",
        pending.len(),
        plural(pending.len()),
        labels.join(", ")
    )
}
