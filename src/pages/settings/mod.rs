//! Customer settings: every attribute, grouped; edit what this user may edit.

mod conflict_panel;
mod group_card;
mod recent_changes;
mod switch_confirm;
mod user_ref_editor;

use crate::components::page_title::PageTitle;
use leptos::prelude::*;

use crate::browser::draft_store::DraftOf;
use crate::browser::editing::Editing;
use crate::browser::effect::memo;
use crate::browser::save::{SaveEvent, Saver, Written};
use crate::browser::session::Session;
use crate::browser::undo::{undone_message, Undo};
use crate::components::draft_review::DraftReview;
use crate::components::require_session::SignedIn;
use crate::components::save_bar::SaveBar;
use crate::components::save_failure::SaveFailure;
use crate::components::save_status::SaveStatus;
use crate::domain::attributes::{Attribute, Group, OWNER_ID};
use crate::domain::changes::{self, ChangeSet, ServerChange};
use crate::domain::permissions::{may_read_audit_log, Layout};
use crate::domain::words::plural;
use crate::model::Customer;
use crate::pages::customer_frame::{laid_out, CustomerBanners, CustomerData, OwnerChangeDialog};
use conflict_panel::*;
use group_card::*;
use recent_changes::*;
use switch_confirm::*;
use user_ref_editor::*;

#[component]
pub fn SettingsPage(me: SignedIn) -> impl IntoView {
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
    // The last save can be undone for 30 s.
    let undo = Undo::new();
    let saved = move |written: Written, message: String| {
        saves.update(|n| *n = n.wrapping_add(1));
        // Edits typed while the save was under way stay in the form (and unsaved).
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
    let saver = Saver::new(
        session,
        customer_id,
        "change",
        Callback::new(move |event| match event {
            SaveEvent::Saved(written, message) => saved(written, message),
            // An undo's conflict keeps the undo: "Save my changes over theirs" undoes over it.
            SaveEvent::Conflict(fresh, changes) => conflict.set(Some((fresh, changes))),
            SaveEvent::Failed(message) => {
                let _ = undo.finished();
                failure.set(Some(message))
            }
        }),
    );
    let confirm_owner = RwSignal::new(false);
    let start_save = move || {
        status.set(None);
        failure.set(None);
        conflict.set(None);
        // A new save: the last one can no longer be undone.
        let _ = undo.finished();
        undo.withdraw();
        if let Some(base) = loaded.get_untracked() {
            edit.save_started();
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
        let Some((fresh, _)) = conflict.get_untracked() else {
            return;
        };
        match undo.running() {
            // The undo, over their change.
            Some(back) => {
                conflict.set(None);
                status.set(None);
                failure.set(None);
                undo.again(back.clone());
                // Their change shows; the user's own pending edits stay on top.
                edit.rebase_onto(fresh.clone());
                edit.save_started();
                saver.save(fresh, back);
            }
            None => {
                edit.rebase_onto(fresh);
                start_save();
            }
        }
    };
    let start_undo = move |_| {
        status.set(None);
        failure.set(None);
        conflict.set(None);
        undo.start(edit, saver);
    };
    let take_theirs = move |()| {
        if let Some((fresh, _)) = conflict.get_untracked() {
            let _ = undo.finished();
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

    // The controls depend on the layout only (who may edit what of this customer): a save, a
    // discard or a conflict's rebase changes values in place, never the controls or the focus.
    let user = me();
    let layout = memo(move || loaded.with(|c| c.as_ref().map(|c| Layout::of(&user, c))));
    let title = Signal::derive(move || {
        loaded.with(|c| format!("Settings · {}", c.as_ref().map_or("", |c| c.name())))
    });
    let form = move |layout: Layout| {
        let editable = layout.editable;
        view! {
            <PageTitle text=title />
            <CustomerBanners customer=loaded user=me() />
            <DraftReview review=review draft=draft status=status />
            <form
                class="settings"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    if can_save() {
                        request_save();
                    }
                }
            >
                {Group::ALL
                    .into_iter()
                    .map(|group| {
                        view! {
                            <GroupCard
                                group=group
                                layout=layout.clone()
                                loaded=loaded
                                draft=draft
                                problems=problems
                                users=directory
                                confirming=confirming
                            />
                        }
                    })
                    .collect_view()}
                {editable
                    .then(|| {
                        view! {
                            <SaveBar
                                label="Unsaved changes"
                                can_discard=Signal::derive(move || dirty.get() && !saving.get())
                                on_discard=Callback::new(discard)
                                can_save=Signal::derive(can_save)
                                saving=saving.into()
                            >
                                <p>
                                    {move || {
                                        if !review.with(Vec::is_empty) {
                                            "Decide on your restored edits above before saving."
                                                .to_string()
                                        } else {
                                            pending_summary(&pending.get())
                                        }
                                    }}
                                </p>
                            </SaveBar>
                        }
                    })}
            </form>
        }
    };
    let page = laid_out(layout, data, form);

    // The settings first: "Recent changes" is mounted (and asks) once they are shown and the
    // users (their names) have answered, so it never shares the network with either.
    let users_error = data.users_error;
    // Only for those who may read the audit log (superusers): nobody else is asked for it.
    let audit_log = may_read_audit_log(&me());
    let shown = memo(move || {
        audit_log
            && loaded.with(Option::is_some)
            && (directory.with(Option::is_some) || users_error.with(Option::is_some))
    });
    view! {
        <div class="page settings-page">
            <SaveStatus status=status undo=undo saver=saver on_undo=Callback::new(start_undo) />
            <SaveFailure failure=failure saver=saver />
            {move || {
                conflict
                    .get()
                    .map(|(_, moved)| {
                        view! {
                            <ConflictPanel
                                moved=moved
                                draft=draft
                                on_overwrite=Callback::new(overwrite)
                                on_take_theirs=Callback::new(take_theirs)
                            />
                        }
                    })
            }}
            {page}
            {move || {
                shown
                    .get()
                    .then(|| {
                        view! {
                            <RecentChanges
                                customer_id=customer_id.get_untracked()
                                directory=directory
                                refresh=saves
                            />
                        }
                    })
            }}
            {move || {
                confirming
                    .get()
                    .map(|attr| {
                        view! {
                            <SwitchConfirm
                                attribute=attr
                                customer_id=customer_id.get_untracked()
                                draft=draft
                                confirming=confirming
                            />
                        }
                    })
            }}
            {move || {
                confirm_owner
                    .get()
                    .then(|| {
                        view! {
                            <OwnerChangeDialog
                                old=data
                                    .user_name(
                                        loaded
                                            .with_untracked(|c| {
                                                c.as_ref().and_then(|c| c.owner_id().map(String::from))
                                            })
                                            .as_deref(),
                                    )
                                new=data
                                    .user_name(
                                        draft
                                            .with_untracked(|d| d.get(OWNER_ID).cloned())
                                            .as_deref(),
                                    )
                                on_confirm=Callback::new(move |_| {
                                    confirm_owner.set(false);
                                    start_save();
                                })
                                on_cancel=Callback::new(move |_| confirm_owner.set(false))
                            />
                        }
                    })
            }}
        </div>
    }
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
