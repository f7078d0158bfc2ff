//! Who may change what: one function the pages ask for every attribute.

use crate::domain::attributes::{Attribute, Editors};
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

/// The role needed to change an attribute, for "why can't I edit this" hints.
pub fn who_may_edit(attribute: &Attribute) -> &'static str {
    match attribute.editors {
        Editors::Nobody => "Managed by Fastly",
        Editors::OwnerOrSuperuser => "The account owner or a superuser may change this",
        Editors::Superuser => "Only a superuser may change this",
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
}
