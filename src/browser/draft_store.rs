//! Unsaved edits kept in `sessionStorage` per customer and page, so a reload
//! (or a 401 and signing in again) of the same customer in the same tab loses
//! nothing — and a draft made on an older copy is never applied blind.

use serde::{Deserialize, Serialize};

use crate::browser::tab_storage;
use crate::domain::attributes::{attribute, Attribute};
use crate::domain::changes::{edit_text, edit_words, Draft};
use crate::model::{map_of, Customer};

/// What the tab keeps of a page's unsaved edits; anything unreadable reads as no draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredDraft {
    /// `updated_at` of the copy the edits were made on.
    pub base_updated_at: Option<String>,
    /// Only the edited attributes.
    pub values: Draft,
    /// The edited attributes' values in that copy, as their editors hold them.
    /// Drafts stored before it existed read with an empty one.
    #[serde(default)]
    pub base: Draft,
}

impl StoredDraft {
    /// The edits `values` made on `loaded`.
    pub fn new(loaded: &Customer, values: Draft) -> Self {
        let base = map_of(
            values
                .keys()
                .filter_map(|n| attribute(n))
                .map(|a| (a.name.to_string(), edit_text(loaded, a))),
        );
        StoredDraft {
            base_updated_at: stamp(loaded),
            values,
            base,
        }
    }

    /// The edits `values` while restored edits (this stored draft's) await review on
    /// `loaded`, a newer copy: the older stamp and the older base of every edit it had stay,
    /// so a reload asks about them again; edits made since take `loaded` as their base.
    pub fn with_edits(&self, loaded: &Customer, values: Draft) -> Self {
        let mut kept = StoredDraft::new(loaded, values);
        kept.base_updated_at.clone_from(&self.base_updated_at);
        for (name, was) in &self.base {
            if let Some(slot) = kept.base.get_mut(name) {
                slot.clone_from(was);
            }
        }
        kept
    }
}

/// Which page's edits: each page keeps its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftOf {
    Settings,
    Contacts,
}

fn key(page: DraftOf, customer_id: &str) -> String {
    match page {
        DraftOf::Settings => format!("{}draft.{customer_id}", tab_storage::PREFIX),
        DraftOf::Contacts => format!("{}contacts-draft.{customer_id}", tab_storage::PREFIX),
    }
}

pub fn load(page: DraftOf, customer_id: &str) -> Option<StoredDraft> {
    tab_storage::get_json(&key(page, customer_id))
}

pub fn save(page: DraftOf, customer_id: &str, draft: &StoredDraft) {
    tab_storage::set_json(&key(page, customer_id), draft);
}

pub fn clear(page: DraftOf, customer_id: &str) {
    tab_storage::remove(&key(page, customer_id));
}

fn stamp(c: &Customer) -> Option<String> {
    c.time("updated_at").map(|t| t.raw.clone())
}

/// One restored edit the user must look at again: the server's copy moved
/// since they made it.
#[derive(Clone, Debug)]
pub struct RestoredEdit {
    pub attribute: &'static Attribute,
    /// In words: the value when they edited, now on the server, their edit.
    pub was: String,
    pub now: String,
    pub mine: String,
    /// What goes into the draft if they keep their edit, or drop it.
    pub mine_text: String,
    pub server_text: String,
    /// The server's value of this very attribute changed (not only the copy).
    pub moved: bool,
}

/// A stored draft met the freshly loaded copy: the draft to edit (with the
/// stored edits on top of `fresh`), how many edits were restored, and — when
/// the copy moved since the edits were made (another `updated_at`, or any
/// edited attribute's value) — every restored edit, for the user to keep or
/// drop before anything can be saved.
pub fn restore(
    stored: &StoredDraft,
    fresh: &Customer,
    mut draft: Draft,
) -> (Draft, usize, Vec<RestoredEdit>) {
    let mut restored = Vec::new();
    // In table order, as the page shows them.
    for attr in crate::domain::attributes::ATTRIBUTES {
        let name = attr.name;
        let Some(mine) = stored.values.get(name) else {
            continue;
        };
        let Some(slot) = draft.get_mut(name) else {
            continue;
        }; // no longer editable here
        let server_text = edit_text(fresh, attr);
        if crate::domain::changes::encode(attr, mine)
            == crate::domain::changes::encode(attr, &server_text)
        {
            continue; // the server already holds this value: nothing to restore
        }
        *slot = mine.clone();
        restored.push((attr, mine.clone(), server_text));
    }
    let value_moved = |attr: &Attribute, server_text: &str| {
        stored
            .base
            .get(attr.name)
            .is_some_and(|was| was != server_text)
    };
    let copy_moved = stored.base_updated_at != stamp(fresh)
        || restored.iter().any(|(a, _, s)| value_moved(a, s));
    let review = if copy_moved {
        restored
            .iter()
            .map(|(attr, mine, server_text)| RestoredEdit {
                attribute: attr,
                was: stored
                    .base
                    .get(attr.name)
                    .map(|w| edit_words(attr, w))
                    .unwrap_or_else(|| "Unknown".into()),
                now: edit_words(attr, server_text),
                mine: edit_words(attr, mine),
                mine_text: mine.clone(),
                server_text: server_text.clone(),
                moved: value_moved(attr, server_text),
            })
            .collect()
    } else {
        Vec::new()
    };
    (draft, restored.len(), review)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::changes::initial_draft;
    use crate::model::User;
    use serde_json::json;

    fn customer(name: &str, phone: &str, stamp: &str) -> Customer {
        Customer::from_json(json!({"id": "C", "name": name, "phone_number": phone, "force_2fa": false, "updated_at": stamp})).unwrap()
    }
    fn superuser() -> User {
        User::from_json(&json!({"id": "s", "role": "superuser", "customer_id": "C"})).unwrap()
    }
    fn edit_name(on: &Customer, name: &str) -> StoredDraft {
        let mut values = Draft::new();
        values.insert("name".into(), name.into());
        StoredDraft::new(on, values)
    }

    #[test]
    fn a_draft_on_the_same_copy_is_restored_without_questions() {
        let c = customer("Acme", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let (draft, count, review) = restore(
            &edit_name(&c, "Acme Widgets"),
            &c,
            initial_draft(&c, &superuser()),
        );
        assert_eq!((draft["name"].as_str(), count), ("Acme Widgets", 1));
        assert!(review.is_empty());
    }

    #[test]
    fn a_draft_on_an_older_copy_is_reviewed_field_by_field() {
        let old = customer("Acme", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let mut stored = edit_name(&old, "Acme Widgets");
        stored
            .values
            .insert("phone_number".into(), "+44 20 7946 1111".into());
        stored
            .base
            .insert("phone_number".into(), "+44 20 7946 0958".into());
        // Someone else renamed the company since.
        let fresh = customer("Acme Corp", "+44 20 7946 0958", "2026-01-02T00:00:00Z");
        let (draft, count, review) = restore(&stored, &fresh, initial_draft(&fresh, &superuser()));
        assert_eq!(count, 2);
        assert_eq!(
            draft["name"], "Acme Widgets",
            "the edit is shown, but must be decided on"
        );
        let names: Vec<_> = review.iter().map(|r| r.attribute.name).collect();
        assert_eq!(
            names,
            ["name", "phone_number"],
            "every drafted field, in table order"
        );
        assert_eq!(
            (
                review[0].was.as_str(),
                review[0].now.as_str(),
                review[0].mine.as_str(),
                review[0].moved
            ),
            ("Acme", "Acme Corp", "Acme Widgets", true)
        );
        assert!(!review[1].moved, "the phone did not move on the server");
        assert_eq!(review[0].server_text, "Acme Corp");
    }

    /// The same second: `updated_at` is the same, the edited value is not.
    #[test]
    fn a_moved_value_is_reviewed_even_with_the_same_stamp() {
        let old = customer("Acme", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let fresh = customer("Acme Corp", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let (_, _, review) = restore(
            &edit_name(&old, "Acme Widgets"),
            &fresh,
            initial_draft(&fresh, &superuser()),
        );
        assert_eq!(review.len(), 1);
    }

    #[test]
    fn an_edit_the_server_already_holds_is_not_restored() {
        let old = customer("Acme", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let fresh = customer("Acme Widgets", "+44 20 7946 0958", "2026-01-02T00:00:00Z");
        let (_, count, review) = restore(
            &edit_name(&old, "Acme Widgets"),
            &fresh,
            initial_draft(&fresh, &superuser()),
        );
        assert_eq!(count, 0);
        assert!(review.is_empty());
    }

    #[test]
    fn switches_read_as_words() {
        let old = customer("Acme", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let mut values = Draft::new();
        values.insert("force_2fa".into(), "true".into());
        let stored = StoredDraft::new(&old, values);
        let fresh = customer("Acme Corp", "+44 20 7946 0958", "2026-01-02T00:00:00Z");
        let (_, _, review) = restore(&stored, &fresh, initial_draft(&fresh, &superuser()));
        assert_eq!(
            (
                review[0].was.as_str(),
                review[0].now.as_str(),
                review[0].mine.as_str()
            ),
            ("Off", "Off", "On")
        );
    }

    #[test]
    fn old_stored_drafts_without_base_still_read() {
        let text = r#"{"base_updated_at":"2026-01-01T00:00:00Z","values":{"name":"X"}}"#;
        let stored: StoredDraft = serde_json::from_str(text).unwrap();
        assert!(stored.base.is_empty());
        assert_eq!(stored.values["name"], "X");
        assert_eq!(
            stored.base_updated_at.as_deref(),
            Some("2026-01-01T00:00:00Z")
        );
    }

    #[test]
    fn drafts_are_kept_as_before() {
        let c = customer("Acme", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let stored = edit_name(&c, "Acme Widgets");
        let text = serde_json::to_string(&stored).unwrap();
        assert_eq!(
            text,
            r#"{"base_updated_at":"2026-01-01T00:00:00Z","values":{"name":"Acme Widgets"},"base":{"name":"Acme"}}"#
        );
        assert_eq!(serde_json::from_str::<StoredDraft>(&text).unwrap(), stored);
        let no_stamp = r#"{"base_updated_at":null,"values":{},"base":{}}"#;
        assert_eq!(
            serde_json::from_str::<StoredDraft>(no_stamp).unwrap(),
            StoredDraft::default()
        );
        // Anything else reads as no draft.
        for bad in [
            r#"{"values":{"name":1}}"#,
            r#"{"base":{}}"#,
            "[]",
            "not json",
        ] {
            assert!(serde_json::from_str::<StoredDraft>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn edits_made_during_a_review_keep_the_older_base() {
        let old = customer("Acme", "+44 20 7946 0958", "2026-01-01T00:00:00Z");
        let fresh = customer("Acme", "+44 20 7946 0000", "2026-01-02T00:00:00Z");
        let stored = edit_name(&old, "Acme Widgets");
        // During the review the user also edits the phone, on the fresh copy.
        let mut values = Draft::new();
        values.insert("name".into(), "Acme Widgets".into());
        values.insert("phone_number".into(), "+44 20 7946 1234".into());
        let kept = stored.with_edits(&fresh, values);
        assert_eq!(
            kept.base_updated_at, stored.base_updated_at,
            "the older stamp"
        );
        assert_eq!(
            kept.base["name"], "Acme",
            "the older base of the restored edit"
        );
        assert_eq!(
            kept.base["phone_number"], "+44 20 7946 0000",
            "the copy it was made on"
        );
        // Reloaded onto the fresh copy: both come back, and both are asked about.
        let (draft, count, review) = restore(&kept, &fresh, initial_draft(&fresh, &superuser()));
        assert_eq!(count, 2);
        assert_eq!(draft["phone_number"], "+44 20 7946 1234");
        assert_eq!(review.len(), 2);
    }
}
