//! The editing core of a customer page, shared by settings and contacts: the
//! loaded copy, the draft, the change set it makes, restored edits awaiting
//! review, the copy kept in this tab, and the unsaved-changes guard. Saving is
//! [`crate::browser::save::Saver`].

use leptos::prelude::*;

use crate::browser::draft_store::{self, DraftOf, RestoredEdit, StoredDraft};
use crate::browser::effect::{effect, memo};
use crate::browser::load::Load;
use crate::browser::save::Written;
use crate::components::unsaved::UnsavedChanges;
use crate::domain::changes::{self, ChangeSet, Draft};
use crate::model::{Customer, User};

#[derive(Clone, Copy)]
pub struct Editing {
    page: DraftOf,
    user: StoredValue<User>,
    /// The copy the draft was made on.
    pub loaded: RwSignal<Option<Customer>>,
    /// What the editors hold, by attribute name.
    pub draft: RwSignal<Draft>,
    /// Restored edits made on an older copy, to keep or drop before saving.
    pub review: RwSignal<Vec<RestoredEdit>>,
    /// What a save would send: only changed attributes this user may edit.
    pub pending: Memo<ChangeSet>,
    pub dirty: Memo<bool>,
    /// The draft as it was when the last save started.
    sent: StoredValue<Draft>,
}

impl Editing {
    /// `also_unsaved`: other edits of the page the guard must count (a form not sent yet).
    pub fn new(page: DraftOf, user: User, also_unsaved: Signal<bool>) -> Self {
        let unsaved = expect_context::<UnsavedChanges>();
        let user = StoredValue::new(user);
        let loaded = RwSignal::new(None::<Customer>);
        let draft = RwSignal::new(Draft::new());
        let review = RwSignal::new(Vec::<RestoredEdit>::new());
        let pending = memo(move || {
            loaded.with(|c| {
                c.as_ref()
                    .map(|c| user.with_value(|u| draft.with(|d| changes::change_set(c, u, d))))
                    .unwrap_or_default()
            })
        });
        let dirty = memo(move || pending.with(|p| !p.is_empty()));

        // Keep the draft in this tab and tell the guard, as edits come and go. While
        // restored edits await review, the stored draft keeps its older base (and the edits
        // made meanwhile).
        effect(move || {
            // The pending set is this effect's one memo source: reading `dirty` (derived from it)
            // first could leave a change of the set itself unseen, and a second edit unsaved.
            let values: Draft = pending.with(|p| draft.with_untracked(|d| changes::typed(p, d)));
            let is_dirty = !values.is_empty();
            unsaved.0.set(is_dirty || also_unsaved.get());
            let reviewing = !review.with(Vec::is_empty);
            loaded.with_untracked(|c| {
                let Some(c) = c else { return };
                if reviewing {
                    // Kept too, on the stored draft's older base: a reload asks again.
                    if let Some(stored) = draft_store::load(page, c.id()) {
                        draft_store::save(page, c.id(), &stored.with_edits(c, values));
                    }
                } else if is_dirty {
                    draft_store::save(page, c.id(), &StoredDraft::new(c, values));
                } else {
                    draft_store::clear(page, c.id());
                }
            });
        });
        on_cleanup(move || unsaved.0.set(false));
        Editing {
            page,
            user,
            loaded,
            draft,
            review,
            pending,
            dirty,
            sent: StoredValue::new(Draft::new()),
        }
    }

    pub fn user(&self) -> User {
        self.user.get_value()
    }

    /// Takes every copy `fetched` loads: the draft starts from it, plus the edits
    /// kept in this tab (which may need review); `on_restored` hears how many
    /// were restored, when any were.
    pub fn follow(&self, fetched: Load<Customer>, on_restored: impl Fn(usize) + 'static) {
        let edit = *self;
        effect(move || {
            if let Some(Ok(customer)) = fetched.get() {
                let restored = edit.adopt(customer, true);
                if restored > 0 {
                    on_restored(restored);
                }
            }
        });
    }

    /// Takes a loaded copy: the draft starts from it, plus (when `restore`) the
    /// edits kept in this tab, which may need review. Returns how many were restored.
    fn adopt(&self, customer: Customer, restore: bool) -> usize {
        let mut draft = self
            .user
            .with_value(|u| changes::initial_draft(&customer, u));
        let mut restored = 0;
        self.review.set(Vec::new());
        if restore {
            if let Some(stored) = draft_store::load(self.page, customer.id()) {
                let (with_edits, count, to_review) =
                    draft_store::restore(&stored, &customer, draft);
                draft = with_edits;
                restored = count;
                self.review.set(to_review);
            }
        }
        self.draft.set(draft);
        self.loaded.set(Some(customer));
        restored
    }

    /// Forgets the edits kept in this tab and starts again from `customer`.
    pub fn reset_to(&self, customer: Customer) {
        draft_store::clear(self.page, customer.id());
        self.adopt(customer, false);
    }

    /// What a write sends is taken now: edits made after this are not part of it.
    pub fn save_started(&self) {
        self.sent.set_value(self.draft.get_untracked());
    }

    /// The write started last went through (`written`). Edits it did not deliver stay —
    /// typed while it was under way, or of attributes it did not carry (an undo) — and stay
    /// in the tab; the rest is what was saved.
    pub fn saved(&self, written: &Written) {
        let draft = self.user.with_value(|u| {
            self.sent.with_value(|at_start| {
                self.draft.with_untracked(|now| {
                    changes::after_write(
                        &written.after,
                        u,
                        &written.before,
                        &written.sent,
                        at_start,
                        now,
                    )
                })
            })
        });
        self.review.set(Vec::new());
        self.loaded.set(Some(written.after.clone()));
        self.draft.set(draft);
    }

    /// The user's edits carried onto a fresh copy (after a conflict).
    pub fn rebase_onto(&self, fresh: Customer) {
        if let Some(base) = self.loaded.get_untracked() {
            let rebased = self.user.with_value(|u| {
                self.draft
                    .with_untracked(|d| changes::rebase(&base, &fresh, u, d))
            });
            self.loaded.set(Some(fresh));
            self.draft.set(rebased);
        }
    }

    /// Nothing stands in the way of saving but the values themselves.
    pub fn reviewed(&self) -> bool {
        self.review.with(Vec::is_empty)
    }
}
