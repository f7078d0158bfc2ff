//! From what was loaded and what the user typed to the form pairs of one `PUT`,
//! and the conflict check against a fresh copy.

use std::collections::BTreeMap;

use crate::api::FormPairs;
use crate::domain::attributes::{Attribute, Confirm, Kind, ATTRIBUTES};
use crate::domain::permissions::may_edit;
use crate::domain::validate;
use crate::model::{map_of, AttrValue, Customer, Field, User};

/// What the user typed, by attribute name, as the editors hold it
/// (booleans as "true"/"false", the allowlist as Fastly's comma-separated text).
pub type Draft = BTreeMap<String, String>;

/// An attribute's loaded value as its editor holds it (null and unreadable read as "").
pub fn edit_text(customer: &Customer, attribute: &Attribute) -> String {
    match customer.field(attribute.name) {
        // An open allowlist edits as an empty list (and encodes back to 0.0.0.0/0).
        Field::Value(AttrValue::Text(s))
            if attribute.kind == Kind::IpAllowlist && validate::allowlist_is_open(s) =>
        {
            String::new()
        }
        Field::Value(AttrValue::Text(s)) => s.clone(),
        Field::Value(AttrValue::Flag(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The editable attributes' loaded values: the draft before any edit. Attributes
/// absent from the answer are left out (their value is not known, so never sent).
pub fn initial_draft(customer: &Customer, user: &User) -> Draft {
    map_of(
        ATTRIBUTES
            .iter()
            .filter(|a| may_edit(a, user, customer) && !customer.field(a.name).is_absent())
            .map(|a| (a.name.to_string(), edit_text(customer, a))),
    )
}

/// The value sent for an attribute (and compared to decide if it changed).
pub fn encode(attribute: &Attribute, text: &str) -> String {
    match attribute.kind {
        Kind::IpAllowlist => validate::allowlist_value(&validate::allowlist_entries(text)),
        Kind::Multiline => text.trim_end().to_string(),
        Kind::Bool => text.trim().to_string(),
        _ => text.trim().to_string(),
    }
}

/// Why a typed value can't be saved, in words for the field.
pub fn check(attribute: &Attribute, text: &str) -> Result<(), String> {
    if attribute.required {
        validate::required(attribute.label, text)?;
    }
    match attribute.kind {
        Kind::Phone => validate::phone(text),
        Kind::IpAllowlist => validate::allowlist(text),
        Kind::Enum(options) if !text.is_empty() && !options.iter().any(|(v, _)| *v == text) => {
            Err(format!(
                "Choose one of: {}.",
                options
                    .iter()
                    .map(|(_, l)| *l)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
        _ => Ok(()),
    }
}

/// Every invalid edited value: (attribute name, message).
pub fn problems(draft: &Draft) -> Vec<(&'static str, String)> {
    ATTRIBUTES
        .iter()
        .filter_map(|a| {
            draft
                .get(a.name)
                .and_then(|text| check(a, text).err())
                .map(|m| (a.name, m))
        })
        .collect()
}

/// One attribute's new value, encoded as the API takes it.
#[derive(Clone, Copy, Debug)]
pub struct Change<'a> {
    pub attribute: &'static Attribute,
    pub value: &'a str,
}

/// What one `PUT` would send: attributes of the table with their encoded values,
/// in table order. Typed up to the API boundary, where [`ChangeSet::form_pairs`]
/// makes the form body.
#[derive(Clone, Debug, Default)]
pub struct ChangeSet(Vec<(&'static Attribute, String)>);

impl PartialEq for ChangeSet {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|((a, x), (b, y))| std::ptr::eq(*a, *b) && x == y)
    }
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = Change<'_>> {
        self.0
            .iter()
            .map(|(attribute, value)| Change { attribute, value })
    }

    pub fn attributes(&self) -> impl Iterator<Item = &'static Attribute> + '_ {
        self.0.iter().map(|(a, _)| *a)
    }

    pub fn touches(&self, attribute: &Attribute) -> bool {
        self.0.iter().any(|(a, _)| a.name == attribute.name)
    }

    /// Does any change need the user's confirmation before it is sent?
    pub fn needs_confirmation(&self) -> bool {
        self.0.iter().any(|(a, _)| a.confirm == Confirm::OnChange)
    }

    /// A change set from attribute names (tests).
    #[cfg(test)]
    pub fn of(pairs: &[(&str, &str)]) -> Self {
        pairs
            .iter()
            .map(|(n, v)| {
                let a = crate::domain::attributes::attribute(n).expect("an attribute of the table");
                (a, v.to_string())
            })
            .collect()
    }

    /// The body of the `PUT`, by attribute name.
    pub fn form_pairs(&self) -> FormPairs {
        self.0
            .iter()
            .map(|(a, v)| (a.name.to_string(), v.clone()))
            .collect()
    }
}

impl FromIterator<(&'static Attribute, String)> for ChangeSet {
    fn from_iter<I: IntoIterator<Item = (&'static Attribute, String)>>(iter: I) -> Self {
        ChangeSet(iter.into_iter().collect())
    }
}

/// What the user typed for each attribute of `changes`, as the editors hold it.
pub fn typed(changes: &ChangeSet, draft: &Draft) -> Draft {
    map_of(
        changes
            .attributes()
            .filter_map(|a| draft.get(a.name).map(|v| (a.name.to_string(), v.clone()))),
    )
}

/// What a save would send: only attributes this user may edit whose encoded
/// value differs from the loaded one, in table order.
pub fn change_set(loaded: &Customer, user: &User, draft: &Draft) -> ChangeSet {
    ATTRIBUTES
        .iter()
        .filter(|a| may_edit(a, user, loaded) && !loaded.field(a.name).is_absent())
        .filter_map(|a| {
            let edited = encode(a, draft.get(a.name)?);
            (edited != encode(a, &edit_text(loaded, a))).then_some((a, edited))
        })
        .collect()
}

/// A value as plain words, for summaries and the conflict view.
pub fn plain_text(field: &Field<AttrValue>) -> String {
    match field {
        Field::Absent => "Restricted".into(),
        Field::Null => "Not set".into(),
        Field::Value(AttrValue::Text(s)) if s.is_empty() => "Empty".into(),
        Field::Value(AttrValue::Text(s)) => s.clone(),
        Field::Value(AttrValue::Flag(true)) => "On".into(),
        Field::Value(AttrValue::Flag(false)) => "Off".into(),
        Field::Value(AttrValue::Time(t)) => t.raw.clone(),
        Field::Odd(raw) => format!("Unreadable ({raw})"),
    }
}

/// One attribute someone else changed since the page loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerChange {
    pub name: &'static str,
    pub label: &'static str,
    pub was: String,
    pub now: String,
    /// The user edited this attribute too.
    pub also_edited: bool,
}

/// Has the customer moved on the server since `loaded`? Its `updated_at`
/// moved, or any attribute differs: Fastly's timestamps have one-second
/// resolution, so a change within the same second leaves `updated_at` as it was.
pub fn has_moved(loaded: &Customer, fresh: &Customer) -> bool {
    let stamp = |c: &Customer| c.time("updated_at").map(|t| t.raw.clone());
    stamp(loaded) != stamp(fresh)
        || !server_changes(loaded, fresh, &ChangeSet::default()).is_empty()
}

/// Does `fresh` hold every value of `changes`? (After a write whose answer never
/// came: was it applied?)
pub fn holds(fresh: &Customer, changes: &ChangeSet) -> bool {
    changes.iter().all(
        |Change {
             attribute: a,
             value,
         }| {
            !fresh.field(a.name).is_absent() && encode(a, &edit_text(fresh, a)) == value
        },
    )
}

/// An edited value in words: "On"/"Off" for switches, "Not set" for nothing.
pub fn edit_words(attribute: &Attribute, text: &str) -> String {
    match attribute.kind {
        Kind::Bool if text == "true" => "On".into(),
        Kind::Bool if text == "false" => "Off".into(),
        Kind::IpAllowlist if validate::allowlist_is_open(text) => "No allowlist".into(),
        _ if text.trim().is_empty() => "Not set".into(),
        _ => text.to_string(),
    }
}

/// What differs between the loaded and the fresh copy (timestamps aside).
pub fn server_changes(loaded: &Customer, fresh: &Customer, mine: &ChangeSet) -> Vec<ServerChange> {
    ATTRIBUTES
        .iter()
        .filter(|a| !a.kind.is_timestamp())
        .filter(|a| loaded.field(a.name) != fresh.field(a.name))
        .map(|a| ServerChange {
            name: a.name,
            label: a.label,
            was: plain_text(loaded.field(a.name)),
            now: plain_text(fresh.field(a.name)),
            also_edited: mine.touches(a),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn acme() -> Customer {
        Customer::from_json(json!({
            "id": "C", "name": "Acme", "owner_id": "o", "phone_number": "+44 20 7946 0958",
            "postal_address": null, "ip_whitelist": "0.0.0.0/0", "force_2fa": false, "force_sso": "0",
            "billing_network_type": "public", "has_pci": true, "can_upload_vcl": true,
            "updated_at": "2026-01-01T00:00:00Z"
        }))
        .unwrap()
    }
    fn superuser() -> User {
        User::from_json(&json!({"id": "s", "role": "superuser", "customer_id": "C"})).unwrap()
    }
    fn engineer() -> User {
        User::from_json(&json!({"id": "e", "role": "engineer", "customer_id": "C"})).unwrap()
    }

    #[test]
    fn no_edit_no_change() {
        let c = acme();
        let draft = initial_draft(&c, &superuser());
        assert!(change_set(&c, &superuser(), &draft).is_empty());
        assert_eq!(draft.get("force_sso").map(String::as_str), Some("false"));
        assert!(
            !draft.contains_key("can_upload_vcl"),
            "read-only attributes have no draft"
        );
        assert!(
            !draft.contains_key("billing_ref"),
            "absent attributes have no draft"
        );
    }

    #[test]
    fn only_changed_writable_fields_are_sent() {
        let c = acme();
        let mut draft = initial_draft(&c, &superuser());
        draft.insert("name".into(), "  Acme Widgets Ltd ".into());
        draft.insert("force_2fa".into(), "true".into());
        draft.insert("postal_address".into(), "1 Main St\nLondon\n".into());
        draft.insert("phone_number".into(), " +44 20 7946 0958 ".into()); // same after trimming
        draft.insert("can_upload_vcl".into(), "false".into()); // read-only: never sent
        assert_eq!(
            change_set(&c, &superuser(), &draft).form_pairs(),
            vec![
                ("name".to_string(), "Acme Widgets Ltd".to_string()),
                ("postal_address".into(), "1 Main St\nLondon".into()),
                ("force_2fa".into(), "true".into()),
            ]
        );
    }

    #[test]
    fn an_emptied_allowlist_means_no_allowlist_and_no_change() {
        let c = acme();
        let mut draft = initial_draft(&c, &superuser());
        draft.insert("ip_whitelist".into(), "".into());
        assert!(change_set(&c, &superuser(), &draft).is_empty());
        draft.insert("ip_whitelist".into(), "10.0.0.1, 10.0.0.2".into());
        assert_eq!(
            change_set(&c, &superuser(), &draft).form_pairs(),
            vec![("ip_whitelist".to_string(), "10.0.0.1,10.0.0.2".to_string())]
        );
    }

    #[test]
    fn engineers_send_nothing_whatever_the_draft() {
        let c = acme();
        let mut draft = Draft::new();
        draft.insert("name".into(), "Hacked".into());
        assert!(initial_draft(&c, &engineer()).is_empty());
        assert!(change_set(&c, &engineer(), &draft).is_empty());
    }

    #[test]
    fn problems_are_found_per_field() {
        let mut draft = Draft::new();
        draft.insert("name".into(), " ".into());
        draft.insert("phone_number".into(), "call me".into());
        draft.insert("ip_whitelist".into(), "10.0.0.1,999.0.0.1".into());
        draft.insert("billing_network_type".into(), "shared".into());
        let p = problems(&draft);
        let names: Vec<_> = p.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "name",
                "phone_number",
                "ip_whitelist",
                "billing_network_type"
            ]
        );
        assert!(p[2].1.contains("999.0.0.1"));
    }

    #[test]
    fn conflicts_list_what_moved() {
        let loaded = acme();
        let mut raw = loaded.raw.clone();
        raw["name"] = json!("Acme Corp");
        raw["updated_at"] = json!("2026-02-01T00:00:00Z");
        let fresh = Customer::from_json(raw).unwrap();
        assert!(has_moved(&loaded, &fresh));
        assert!(!has_moved(&loaded, &loaded.clone()));
        let mine = ChangeSet::of(&[("name", "Acme Widgets")]);
        assert!(!holds(&fresh, &mine));
        assert!(holds(&fresh, &ChangeSet::of(&[("name", "Acme Corp")])));
        let changes = server_changes(&loaded, &fresh, &mine);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (
                changes[0].name,
                changes[0].was.as_str(),
                changes[0].now.as_str(),
                changes[0].also_edited
            ),
            ("name", "Acme", "Acme Corp", true)
        );
    }
}

/// After a conflict: the user's own edits carried onto the fresh copy, every
/// other attribute taken from the server.
pub fn rebase(loaded: &Customer, fresh: &Customer, user: &User, draft: &Draft) -> Draft {
    let mine = change_set(loaded, user, draft);
    let mut rebased = initial_draft(fresh, user);
    for a in mine.attributes() {
        if let (Some(slot), Some(text)) = (rebased.get_mut(a.name), draft.get(a.name)) {
            *slot = text.clone();
        }
    }
    rebased
}

/// The draft once a write went through and `saved` is the copy now: every attribute as
/// saved, except the user's edits this write did not deliver — one edited while the write
/// was under way (its value in `now` differs from `at_start`, the draft when the write
/// started), or one that differs from `base` (the copy the write was made on) and is not
/// what `sent` carried for it (an edit of another attribute than an undo restores, say).
/// Nothing typed is lost.
pub fn after_write(
    saved: &Customer,
    user: &User,
    base: &Customer,
    sent: &ChangeSet,
    at_start: &Draft,
    now: &Draft,
) -> Draft {
    let mut draft = initial_draft(saved, user);
    for (name, value) in now {
        let Some(attribute) = crate::domain::attributes::attribute(name) else {
            continue;
        };
        let typed_meanwhile = at_start.get(name) != Some(value);
        let delivered = sent
            .iter()
            .any(|c| c.attribute.name == attribute.name && *c.value == encode(attribute, value));
        let edited = encode(attribute, value) != encode(attribute, &edit_text(base, attribute));
        if typed_meanwhile || (edited && !delivered) {
            if let Some(slot) = draft.get_mut(name) {
                slot.clone_from(value);
            }
        }
    }
    draft
}

/// What writes back the values of `before` for exactly the attributes `sent` changed: the
/// undo of a save.
pub fn undo_of(before: &Customer, sent: &ChangeSet) -> ChangeSet {
    sent.attributes()
        .map(|a| (a, encode(a, &edit_text(before, a))))
        .collect()
}

#[cfg(test)]
mod same_second_tests {
    use super::*;
    use serde_json::json;

    /// Two changes within one second share an `updated_at`: the attributes decide.
    #[test]
    fn a_change_within_the_same_second_is_seen() {
        let loaded = Customer::from_json(json!({"id": "C", "name": "Acme", "phone_number": "+44 20 7946 0958", "force_2fa": false, "updated_at": "2026-01-01T00:00:00Z"})).unwrap();
        let mut raw = loaded.raw.clone();
        raw["phone_number"] = json!("+44 20 7946 0000");
        raw["force_2fa"] = json!(true);
        let fresh = Customer::from_json(raw).unwrap();
        assert!(has_moved(&loaded, &fresh));
        let moved = server_changes(&loaded, &fresh, &ChangeSet::of(&[("name", "Mine")]));
        assert_eq!(
            moved.iter().map(|c| c.name).collect::<Vec<_>>(),
            ["phone_number", "force_2fa"],
            "every moved attribute is shown"
        );
        assert!(moved.iter().all(|c| !c.also_edited));
    }
}

#[cfg(test)]
mod rebase_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rebase_keeps_my_edits_and_their_other_changes() {
        let user =
            User::from_json(&json!({"id": "s", "role": "superuser", "customer_id": "C"})).unwrap();
        let loaded = Customer::from_json(json!({"id": "C", "name": "Acme", "phone_number": "+44 20 7946 0958", "postal_address": "Old", "updated_at": "2026-01-01T00:00:00Z"})).unwrap();
        let fresh = Customer::from_json(json!({"id": "C", "name": "Acme", "phone_number": "+44 20 7946 0000", "postal_address": "Theirs", "updated_at": "2026-01-02T00:00:00Z"})).unwrap();
        let mut draft = initial_draft(&loaded, &user);
        draft.insert("postal_address".into(), "Mine".into());
        let rebased = rebase(&loaded, &fresh, &user, &draft);
        assert_eq!(rebased["postal_address"], "Mine");
        assert_eq!(
            rebased["phone_number"], "+44 20 7946 0000",
            "their phone change is kept"
        );
        assert_eq!(
            change_set(&fresh, &user, &rebased).form_pairs(),
            vec![("postal_address".to_string(), "Mine".to_string())]
        );
    }

    #[test]
    fn edits_typed_during_a_save_are_kept() {
        let user =
            User::from_json(&json!({"id": "s", "role": "superuser", "customer_id": "C"})).unwrap();
        let loaded = Customer::from_json(json!({"id": "C", "name": "Acme", "phone_number": "+44 20 7946 0958", "postal_address": "Old"})).unwrap();
        let mut sent = initial_draft(&loaded, &user);
        sent.insert("name".into(), "Acme Widgets".into());
        // While the save is under way: the phone and (again) the name are edited.
        let mut now = sent.clone();
        now.insert("phone_number".into(), "+44 20 7946 0000".into());
        let saved = Customer::from_json(json!({"id": "C", "name": "Acme Widgets", "phone_number": "+44 20 7946 0958", "postal_address": "Old"})).unwrap();
        let pending = change_set(&loaded, &user, &sent);
        let draft = after_write(&saved, &user, &loaded, &pending, &sent, &now);
        assert_eq!(draft["name"], "Acme Widgets");
        assert_eq!(
            draft["phone_number"], "+44 20 7946 0000",
            "typed during the save"
        );
        assert_eq!(
            change_set(&saved, &user, &draft).form_pairs(),
            vec![("phone_number".to_string(), "+44 20 7946 0000".to_string())],
            "still unsaved, and nothing else"
        );
        // A field retyped during the save keeps the newer text.
        now.insert("name".into(), "Acme Widgets Group".into());
        assert_eq!(
            after_write(&saved, &user, &loaded, &pending, &sent, &now)["name"],
            "Acme Widgets Group"
        );
        // Nothing typed meanwhile: the saved copy, nothing pending.
        let clean = after_write(&saved, &user, &loaded, &pending, &sent, &sent);
        assert!(change_set(&saved, &user, &clean).is_empty());
    }

    #[test]
    fn an_undo_writes_back_what_a_save_changed_and_keeps_other_edits() {
        let user =
            User::from_json(&json!({"id": "s", "role": "superuser", "customer_id": "C"})).unwrap();
        let before = Customer::from_json(json!({"id": "C", "name": "Acme", "phone_number": "+44 20 7946 0958", "force_2fa": false, "billing_contact_id": null})).unwrap();
        let sent = ChangeSet::of(&[
            ("name", "Acme Widgets"),
            ("force_2fa", "true"),
            ("billing_contact_id", "u1"),
        ]);
        let back = undo_of(&before, &sent);
        assert_eq!(
            back.form_pairs(),
            vec![
                ("name".to_string(), "Acme".to_string()),
                ("force_2fa".to_string(), "false".to_string()),
                ("billing_contact_id".to_string(), String::new()),
            ],
            "exactly the attributes the save changed, as they were"
        );
        // The copy after the save; meanwhile the user edits the phone (not part of the undo).
        let after = Customer::from_json(json!({"id": "C", "name": "Acme Widgets", "phone_number": "+44 20 7946 0958", "force_2fa": true, "billing_contact_id": "u1"})).unwrap();
        let mut at_start = initial_draft(&after, &user);
        at_start.insert("phone_number".into(), "+44 20 7946 0000".into());
        let undone = Customer::from_json(json!({"id": "C", "name": "Acme", "phone_number": "+44 20 7946 0958", "force_2fa": false, "billing_contact_id": null})).unwrap();
        let draft = after_write(&undone, &user, &after, &back, &at_start, &at_start);
        assert_eq!(draft["name"], "Acme");
        assert_eq!(
            draft["phone_number"], "+44 20 7946 0000",
            "the pending edit stays"
        );
        assert_eq!(
            change_set(&undone, &user, &draft).form_pairs(),
            vec![("phone_number".to_string(), "+44 20 7946 0000".to_string())]
        );
    }
}
