//! Saving a customer without overwriting anyone unseen, and saying only what
//! is known about the outcome: re-read, compare, `PUT`; and after a write whose
//! answer never came, re-read to find out whether it was applied.

use leptos::prelude::*;

use crate::browser::effect::effect;
use crate::browser::task::Task;

use crate::api::ApiError;
use crate::browser::session::Session;
use crate::domain::changes::{self, ChangeSet, ServerChange};
use crate::domain::words::plural;
use crate::model::Customer;

/// How one save attempt ended.
#[derive(Clone, Debug)]
pub enum SaveOutcome {
    /// The API answered with the saved customer.
    Saved { customer: Customer, count: usize },
    /// Someone changed the customer since it was loaded: nothing was sent.
    Conflict {
        fresh: Customer,
        changes: Vec<ServerChange>,
    },
    /// Nothing was applied: the API said no, or the write was never sent.
    NotSaved(ApiError),
    /// The write was sent but its answer never came or could not be read: it
    /// may have been applied. Find out with [`verify`].
    Unknown(ApiError),
}

/// Re-reads the customer, and sends `changes` in one `PUT` only if it has not
/// moved since `base` was loaded.
pub async fn save(session: Session, id: String, base: Customer, mine: ChangeSet) -> SaveOutcome {
    let fresh = {
        let id = id.clone();
        session
            .call(move |api| async move { api.customer(&id).await })
            .await
    };
    let fresh = match fresh {
        Ok(fresh) => fresh,
        Err(e) => return SaveOutcome::NotSaved(e),
    };
    if changes::has_moved(&base, &fresh) {
        let changes = changes::server_changes(&base, &fresh, &mine);
        return SaveOutcome::Conflict { fresh, changes };
    }
    let count = mine.len();
    let pairs = mine.form_pairs();
    match session
        .call(move |api| async move { api.update_customer(&id, &pairs).await })
        .await
    {
        Ok(customer) => SaveOutcome::Saved { customer, count },
        Err(e) if e.api_said_no() => SaveOutcome::NotSaved(e),
        Err(e) => SaveOutcome::Unknown(e),
    }
}

/// What a re-read after an unknown outcome found.
#[derive(Clone, Debug)]
pub enum Verified {
    /// The customer holds every value sent: the save went through.
    Applied(Customer),
    /// The customer is as it was loaded: the save did not go through.
    NotApplied(Customer),
    /// The customer holds other changes (someone else's, or part of ours).
    Moved {
        fresh: Customer,
        changes: Vec<ServerChange>,
    },
    /// The re-read failed too: still unknown.
    StillUnknown(ApiError),
}

pub async fn verify(session: Session, id: String, base: Customer, mine: ChangeSet) -> Verified {
    match session
        .call(move |api| async move { api.customer(&id).await })
        .await
    {
        Err(e) => Verified::StillUnknown(e),
        Ok(fresh) => judge(&base, fresh, &mine),
    }
}

/// The verdict of [`verify`] on a fresh copy (pure, tested on the host).
pub fn judge(base: &Customer, fresh: Customer, mine: &ChangeSet) -> Verified {
    if changes::holds(&fresh, mine) {
        Verified::Applied(fresh)
    } else if !changes::has_moved(base, &fresh) {
        Verified::NotApplied(fresh)
    } else {
        let changes = changes::server_changes(base, &fresh, mine);
        Verified::Moved { fresh, changes }
    }
}

/// The words for an unknown outcome, while finding out.
pub fn unknown_message(e: &ApiError) -> String {
    format!(
        "We don't know whether your changes were saved: {} They may have been applied. Your edits are kept; checking the customer now…",
        e.describe()
    )
}

/// After an unknown outcome, reading the customer again showed it unchanged.
pub fn not_applied_message(cause: Option<&ApiError>) -> String {
    let cause = cause
        .map(|e| format!("{} ", e.describe()))
        .unwrap_or_default();
    format!("Not saved — {cause}Reading the customer again shows it unchanged. Your edits are kept; save again when ready.")
}

pub fn not_saved_message(e: &ApiError) -> String {
    format!("Not saved — your edits are kept. {}", e.describe())
}

/// A write that went through: the copy it was made on, what it sent, and the copy now.
#[derive(Clone, Debug)]
pub struct Written {
    pub before: Customer,
    pub sent: ChangeSet,
    pub after: Customer,
}

/// What a page hears from a [`Saver`].
#[derive(Clone, Debug)]
pub enum SaveEvent {
    /// Saved (from the API's answer, or confirmed by reading again): what was written, and
    /// the words to announce.
    Saved(Written, String),
    /// Someone else changed the customer; nothing of ours was applied.
    Conflict(Customer, Vec<ServerChange>),
    /// The words for the alert: not saved, or not known yet (a re-read is under way).
    Failed(String),
}

/// The save protocol of a customer page, shared by settings and contacts:
/// re-read, compare, `PUT`; after an unknown outcome, read again to find out.
/// While the outcome is unknown, saving again waits ([`Saver::blocked`]).
#[derive(Clone, Copy)]
pub struct Saver {
    save: Task<(Customer, ChangeSet), (SaveOutcome, Customer, ChangeSet)>,
    verify: Task<(Customer, ChangeSet), Verified>,
    /// A write whose outcome is unknown: what was sent, on which copy, and why unknown.
    unverified: RwSignal<Option<(Customer, ChangeSet, ApiError)>>,
}

impl Saver {
    /// `on` hears every outcome; `noun` names what is saved in "Saved 2 {noun}s.".
    pub fn new(
        session: Session,
        customer_id: Memo<String>,
        noun: &'static str,
        on: Callback<SaveEvent>,
    ) -> Self {
        let save = Task::new(move |(base, pairs): &(Customer, ChangeSet)| {
            let (id, base, pairs) = (customer_id.get_untracked(), base.clone(), pairs.clone());
            async move {
                (
                    save(session, id, base.clone(), pairs.clone()).await,
                    base,
                    pairs,
                )
            }
        });
        let verify = Task::new(move |(base, pairs): &(Customer, ChangeSet)| {
            let (id, base, pairs) = (customer_id.get_untracked(), base.clone(), pairs.clone());
            verify(session, id, base, pairs)
        });
        let unverified = RwSignal::new(None::<(Customer, ChangeSet, ApiError)>);
        effect(move || match save.value().get() {
            Some((SaveOutcome::Saved { customer, count }, before, sent)) => {
                let written = Written {
                    before,
                    sent,
                    after: customer,
                };
                on.run(SaveEvent::Saved(
                    written,
                    format!("Saved {count} {noun}{}.", plural(count)),
                ))
            }
            Some((SaveOutcome::Conflict { fresh, changes }, _, _)) => {
                on.run(SaveEvent::Conflict(fresh, changes))
            }
            Some((SaveOutcome::NotSaved(e), _, _)) => {
                on.run(SaveEvent::Failed(not_saved_message(&e)))
            }
            Some((SaveOutcome::Unknown(e), base, pairs)) => {
                on.run(SaveEvent::Failed(unknown_message(&e)));
                unverified.set(Some((base.clone(), pairs.clone(), e)));
                verify.dispatch((base, pairs));
            }
            None => {}
        });
        effect(move || {
            let Some(verdict) = verify.value().get() else {
                return;
            };
            let Some((before, sent, cause)) = unverified.get_untracked() else {
                return;
            };
            if !matches!(verdict, Verified::StillUnknown(_)) {
                unverified.set(None);
            }
            let cause = Some(cause);
            match verdict {
                Verified::Applied(after) => on.run(SaveEvent::Saved(
                    Written {
                        before,
                        sent,
                        after,
                    },
                    "Your changes were saved: reading the customer again shows them.".into(),
                )),
                Verified::NotApplied(_) => on.run(SaveEvent::Failed(not_applied_message(cause.as_ref()))),
                Verified::Moved { fresh, changes } => on.run(SaveEvent::Conflict(fresh, changes)),
                Verified::StillUnknown(e) => on.run(SaveEvent::Failed(format!(
                    "We still don't know whether your changes were saved: reading the customer failed too. {} Your edits are kept.",
                    e.describe()
                ))),
            }
        });
        Saver {
            save,
            verify,
            unverified,
        }
    }

    /// Sends `changes`, edited on `base`.
    pub fn save(&self, base: Customer, pairs: ChangeSet) {
        self.unverified.set(None);
        self.save.dispatch((base, pairs));
    }

    /// Reads the customer again to find out what became of the last write.
    pub fn check_again(&self) {
        if let Some((base, pairs, _)) = self.unverified.get_untracked() {
            self.verify.dispatch((base, pairs));
        }
    }

    /// Forget an unknown outcome (the edits were discarded).
    pub fn forget(&self) {
        self.unverified.set(None);
    }

    /// A save or a check is under way.
    pub fn busy(&self) -> bool {
        self.save.pending().get() || self.verify.pending().get()
    }

    /// The outcome of the last write is unknown: no new save until it is known.
    pub fn blocked(&self) -> bool {
        self.unverified.with(Option::is_some)
    }

    /// "Check again" is worth offering: unknown, and no check under way.
    pub fn can_check_again(&self) -> bool {
        self.blocked() && !self.verify.pending().get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn customer(name: &str, stamp: &str) -> Customer {
        Customer::from_json(json!({"id": "C", "name": name, "phone_number": "+44 20 7946 0958", "updated_at": stamp})).unwrap()
    }

    fn pairs(name: &str) -> ChangeSet {
        ChangeSet::of(&[("name", name)])
    }

    #[test]
    fn a_reread_that_holds_the_values_means_saved() {
        let base = customer("Acme", "2026-01-01T00:00:00Z");
        let fresh = customer("Acme Widgets", "2026-01-01T00:00:05Z");
        assert!(matches!(
            judge(&base, fresh, &pairs("Acme Widgets")),
            Verified::Applied(_)
        ));
    }

    #[test]
    fn an_unchanged_customer_means_not_saved() {
        let base = customer("Acme", "2026-01-01T00:00:00Z");
        assert!(matches!(
            judge(&base, base.clone(), &pairs("Acme Widgets")),
            Verified::NotApplied(_)
        ));
    }

    #[test]
    fn other_changes_are_shown() {
        let base = customer("Acme", "2026-01-01T00:00:00Z");
        let fresh = customer("Acme Corp", "2026-01-01T00:00:05Z");
        match judge(&base, fresh, &pairs("Acme Widgets")) {
            Verified::Moved { changes, .. } => assert_eq!(changes[0].now, "Acme Corp"),
            other => panic!("expected Moved, got {other:?}"),
        }
    }

    #[test]
    fn the_words_match_what_is_known() {
        let timeout = ApiError::TimedOut { seconds: 30 };
        assert!(unknown_message(&timeout).contains("may have been applied"));
        assert!(!unknown_message(&timeout).contains("Not saved"));
        assert!(not_saved_message(&ApiError::from_status(
            400,
            r#"{"msg":"Bad request"}"#,
            None
        ))
        .starts_with("Not saved"));
    }
}
