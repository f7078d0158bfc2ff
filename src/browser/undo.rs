//! Undo the last save for 30 seconds: one form-encoded `PUT` with the previous values of
//! exactly the attributes that save changed, checked like any save (re-read, compare: if the
//! customer changed since our save, the page shows the conflict instead of overwriting).

use std::time::Duration;

use leptos::prelude::*;

use crate::browser::editing::Editing;
use crate::browser::save::{Saver, Written};
use crate::domain::attributes::Confirm;
use crate::domain::changes::{self, ChangeSet};

/// How long a save can be undone.
pub const UNDO_FOR: Duration = Duration::from_secs(30);

#[derive(Clone, Copy)]
pub struct Undo {
    /// The save on offer, numbered (a later offer outlives an earlier one's timer).
    offer: RwSignal<Option<(u32, Written)>>,
    offered: StoredValue<u32>,
    /// The write under way is an undo (what it writes back).
    running: StoredValue<Option<ChangeSet>>,
}

impl Default for Undo {
    fn default() -> Self {
        Self::new()
    }
}

impl Undo {
    pub fn new() -> Self {
        Undo {
            offer: RwSignal::new(None),
            offered: StoredValue::new(0),
            running: StoredValue::new(None),
        }
    }

    /// A save went through: offer to undo it for [`UNDO_FOR`].
    pub fn offer(&self, written: Written) {
        let number = self.offered.get_value().wrapping_add(1);
        self.offered.set_value(number);
        self.offer.set(Some((number, written)));
        let offer = self.offer;
        set_timeout(
            move || {
                if offer.with_untracked(|o| o.as_ref().is_some_and(|(n, _)| *n == number)) {
                    offer.try_set(None);
                }
            },
            UNDO_FOR,
        );
    }

    /// No more undo (another save started, the edits were discarded).
    pub fn withdraw(&self) {
        if self.offer.with_untracked(Option::is_some) {
            self.offer.set(None);
        }
    }

    /// An undo is on offer (tracked).
    pub fn offered(&self) -> bool {
        self.offer.with(Option::is_some)
    }

    /// Takes the offer and starts the undo through `saver`: the previous values written
    /// back, checked against the copy our save left. False when nothing was on offer.
    pub fn start(&self, edit: Editing, saver: Saver) -> bool {
        let Some((_, written)) = self.offer.get_untracked() else {
            return false;
        };
        self.offer.set(None);
        let back = changes::undo_of(&written.before, &written.sent);
        self.running.set_value(Some(back.clone()));
        edit.save_started();
        saver.save(written.after, back);
        true
    }

    /// The write that just ended was an undo: what it wrote back (and it is forgotten).
    pub fn finished(&self) -> Option<ChangeSet> {
        self.running.try_update_value(Option::take).flatten()
    }

    /// The undo under way, if the write under way is one (for its conflict: undo over theirs).
    pub fn running(&self) -> Option<ChangeSet> {
        self.running.get_value()
    }

    /// The next write is this undo again (over a newer copy, after its conflict).
    pub fn again(&self, back: ChangeSet) {
        self.running.set_value(Some(back));
    }
}

/// The words after an undo went through (pure, tested on the host). A switch the table
/// confirms before turning on (company-wide 2FA, SSO) says plainly that turning it off does
/// not bring back the sessions it ended.
pub fn undone_message(back: &ChangeSet) -> String {
    let labels: Vec<&str> = back.attributes().map(|a| a.label).collect();
    let mut message = format!("Undone: {} back as it was.", labels.join(", "));
    for change in back.iter() {
        if matches!(change.attribute.confirm, Confirm::OnEnable(_)) && change.value == "false" {
            message.push_str(&format!(
                " Turning “{}” off does not bring back the sessions it ended: those users sign in again.",
                change.attribute.label
            ));
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_undo_words_say_what_came_back_and_that_ended_sessions_stay_ended() {
        let back = ChangeSet::of(&[("name", "Acme"), ("force_2fa", "false")]);
        let words = undone_message(&back);
        assert!(
            words.starts_with(
                "Undone: Company name, Require two-factor authentication back as it was."
            ),
            "{words}"
        );
        assert!(
            words.contains("does not bring back the sessions it ended"),
            "{words}"
        );
        let plain = undone_message(&ChangeSet::of(&[("legal_contact_id", "")]));
        assert_eq!(plain, "Undone: Legal contact back as it was.");
    }
}
