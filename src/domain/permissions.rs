//! Who may change what: one function the pages ask for every attribute.

use crate::domain::attributes::{Attribute, Editors, ATTRIBUTES};
use crate::model::{Customer, Role, User};

/// How the signed-in user stands towards the customer on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The user's own customer.
    Member,
    /// Another customer, opened by id (support staff): read-only everywhere.
    Support,
}

pub fn standing(user: &User, customer: &Customer) -> Standing {
    if user.customer_id == customer.id() {
        Standing::Member
    } else {
        Standing::Support
    }
}

pub fn is_owner(user: &User, customer: &Customer) -> bool {
    customer.owner_id() == Some(user.id.as_str())
}

/// May this user change company settings of this customer at all?
/// (Fastly: the account owner or a superuser; never a deleted customer, never in the support view.)
pub fn may_edit_customer(user: &User, customer: &Customer) -> bool {
    standing(user, customer) == Standing::Member
        && !customer.is_deleted()
        && (is_owner(user, customer) || user.role == Role::Superuser)
}

/// May this user change this attribute of this customer?
pub fn may_edit(attribute: &Attribute, user: &User, customer: &Customer) -> bool {
    if !may_edit_customer(user, customer) {
        return false;
    }
    match attribute.editors {
        Editors::Nobody => false,
        Editors::OwnerOrSuperuser => true,
        Editors::Superuser => user.role == Role::Superuser,
    }
}

/// May this user read the audit log (`GET /events`)? Fastly: "You must be a superuser to
/// view the audit log" — the owner too only when superuser; support staff are superusers.
pub fn may_read_audit_log(user: &User) -> bool {
    user.role == Role::Superuser
}

/// The role needed to change an attribute, for "why can't I edit this" hints.
pub fn who_may_edit(attribute: &Attribute) -> &'static str {
    match attribute.editors {
        Editors::Nobody => "Managed by Fastly",
        Editors::OwnerOrSuperuser => "The account owner or a superuser may change this",
        Editors::Superuser => "Only a superuser may change this",
    }
}

/// How one attribute shows on a customer page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// An editor over the page's draft.
    Editor,
    /// The value as text; `why`: why this user can't change it (`None` where a banner says
    /// why — deleted customer, support view — or Fastly manages the attribute).
    Text { why: Option<&'static str> },
}

/// How `attribute` of `customer` shows to `user`: an editor only where they may change it
/// and the API sent it.
pub fn shown(attribute: &Attribute, user: &User, customer: &Customer) -> Shown {
    if may_edit(attribute, user, customer) && !customer.field(attribute.name).is_absent() {
        return Shown::Editor;
    }
    let banner_says = customer.is_deleted() || standing(user, customer) == Standing::Support;
    let why = (!banner_says && !attribute.read_only()).then(|| who_may_edit(attribute));
    Shown::Text { why }
}

/// Which controls a customer page has: for every attribute of the table (in its order),
/// how it shows. It depends on the customer's standing (which customer, deleted, what was
/// sent), not on its values: a page builds its controls again only when this changes —
/// never on a save, a discard or a conflict's rebase, which keep every control and the focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub customer_id: String,
    /// The user may change company settings of this customer at all ([`may_edit_customer`]).
    pub editable: bool,
    shown: Vec<Shown>,
}

impl Layout {
    pub fn of(user: &User, customer: &Customer) -> Self {
        Layout {
            customer_id: customer.id().to_string(),
            editable: may_edit_customer(user, customer),
            shown: ATTRIBUTES
                .iter()
                .map(|a| shown(a, user, customer))
                .collect(),
        }
    }

    /// How `attribute` shows (as text when it is not in the table).
    pub fn shown(&self, attribute: &Attribute) -> Shown {
        ATTRIBUTES
            .iter()
            .position(|a| a.name == attribute.name)
            .and_then(|i| self.shown.get(i).copied())
            .unwrap_or(Shown::Text { why: None })
    }

    /// Whether any attribute gets an editor (the page then has a save bar).
    pub fn any_editor(&self) -> bool {
        self.shown.contains(&Shown::Editor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attributes::{attribute, ATTRIBUTES};
    use serde_json::json;

    fn user(id: &str, role: &str, customer: &str) -> User {
        User::from_json(&json!({"id": id, "role": role, "customer_id": customer})).unwrap()
    }
    fn customer(deleted: bool) -> Customer {
        Customer::from_json(json!({"id": "C", "owner_id": "owner", "deleted_at": if deleted { json!("2026-01-01T00:00:00Z") } else { json!(null) }})).unwrap()
    }
    fn editable(u: &User, c: &Customer) -> Vec<&'static str> {
        ATTRIBUTES
            .iter()
            .filter(|a| may_edit(a, u, c))
            .map(|a| a.name)
            .collect()
    }

    #[test]
    fn read_only_attributes_are_never_editable() {
        let c = customer(false);
        for role in ["superuser", "engineer", "billing", "user"] {
            let u = user("owner", role, "C");
            for a in ATTRIBUTES.iter().filter(|a| a.read_only()) {
                assert!(!may_edit(a, &u, &c), "{} editable by {role}", a.name);
            }
        }
    }

    #[test]
    fn superuser_edits_every_writable_attribute() {
        let editable = editable(&user("s", "superuser", "C"), &customer(false));
        assert_eq!(
            editable.len(),
            ATTRIBUTES.iter().filter(|a| !a.read_only()).count()
        );
    }

    #[test]
    fn owner_without_superuser_role_may_not_touch_2fa_or_sso() {
        let e = editable(&user("owner", "engineer", "C"), &customer(false));
        assert!(e.contains(&"name") && e.contains(&"ip_whitelist"));
        assert!(!e.contains(&"force_2fa") && !e.contains(&"force_sso"));
    }

    #[test]
    fn other_roles_edit_nothing() {
        for role in ["engineer", "billing", "user", "tls_viewer", "tls_admin"] {
            assert!(
                editable(&user("u", role, "C"), &customer(false)).is_empty(),
                "{role}"
            );
        }
    }

    #[test]
    fn deleted_customers_and_the_support_view_are_read_only() {
        assert!(editable(&user("s", "superuser", "C"), &customer(true)).is_empty());
        let staff = user("s", "superuser", "OTHER");
        assert_eq!(standing(&staff, &customer(false)), Standing::Support);
        assert!(editable(&staff, &customer(false)).is_empty());
        assert!(!may_edit(
            attribute("name").unwrap(),
            &staff,
            &customer(false)
        ));
    }

    #[test]
    fn the_layout_follows_standing_not_values() {
        let named = |name: &str, deleted: bool| {
            let deleted_at = deleted.then_some("2026-01-01T00:00:00Z");
            Customer::from_json(
                json!({"id": "C", "owner_id": "owner", "name": name, "deleted_at": deleted_at}),
            )
            .unwrap()
        };
        let c = named("Acme", false);
        let owner = user("owner", "superuser", "C");
        let layout = Layout::of(&owner, &c);
        assert!(layout.any_editor() && layout.editable);
        let name = attribute("name").unwrap();
        assert_eq!(layout.shown(name), Shown::Editor);
        assert_eq!(
            layout.shown(attribute("id").unwrap()),
            Shown::Text { why: None }
        );
        // Another value of an attribute: the same layout.
        assert_eq!(Layout::of(&owner, &named("Other", false)), layout);
        // Deleted: no editor, and no "why" (the banner says it).
        let deleted = Layout::of(&owner, &named("Acme", true));
        assert!(!deleted.any_editor() && !deleted.editable);
        assert_eq!(deleted.shown(name), Shown::Text { why: None });
        // An engineer is told who may.
        let engineer = Layout::of(&user("e", "engineer", "C"), &c);
        assert_eq!(
            engineer.shown(name),
            Shown::Text {
                why: Some(who_may_edit(name))
            }
        );
        // Support staff: no editor, the banner says why.
        let support = Layout::of(&user("s", "superuser", "S"), &c);
        assert_eq!(support.shown(name), Shown::Text { why: None });
    }
}
