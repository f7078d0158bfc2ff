//! The five user-contact roles of a customer and what can be said about an assignment.

use crate::domain::attributes::{Attribute, WhenNull, ATTRIBUTES};
use crate::model::{Customer, Field, User};

/// The contact roles, in page order, as the attribute table marks them.
pub fn contact_roles() -> impl Iterator<Item = &'static Attribute> {
    ATTRIBUTES.iter().filter(|a| a.contact_role)
}

/// Something a person should know about an assignment, before or after making it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// The id matches no user of this customer.
    Dangling,
    Deleted,
    Locked,
    /// Only for the security contact.
    No2fa,
}

impl Warning {
    pub fn text(self) -> &'static str {
        match self {
            Warning::Dangling => "No user of this customer has this id. Reassign this role.",
            Warning::Deleted => "This user has been deleted.",
            Warning::Locked => "This user is locked out.",
            Warning::No2fa => "This user has not set up two-factor authentication.",
        }
    }
}

/// Warnings about giving `role` (or any company contact, `None`) to `user`
/// (`None`: the id matched nobody).
pub fn warnings(role: Option<&Attribute>, user: Option<&User>) -> Vec<Warning> {
    let Some(user) = user else {
        return vec![Warning::Dangling];
    };
    let mut out = Vec::new();
    if user.is_deleted() {
        out.push(Warning::Deleted);
    }
    if user.is_locked() {
        out.push(Warning::Locked);
    }
    if role.is_some_and(|r| r.warn_without_2fa) && !user.has_2fa() {
        out.push(Warning::No2fa);
    }
    out
}

/// The labels of the contact roles `user_id` holds. The owner is also the
/// billing contact while none is set.
pub fn roles_held(customer: &Customer, user_id: &str) -> Vec<&'static str> {
    contact_roles()
        .filter(|attr| match customer.text(attr.name) {
            Some(id) => id == user_id,
            None => {
                attr.when_null == WhenNull::Owner
                    && customer.owner_id() == Some(user_id)
                    && matches!(customer.field(attr.name), Field::Null)
            }
        })
        .map(|attr| attr.label)
        .collect()
}

/// "Billing contact: Ana Lopez → Raj Patel", with "Not assigned" for none.
pub fn describe_change(label: &str, from: Option<&str>, to: Option<&str>) -> String {
    format!(
        "{label}: {} → {}",
        from.unwrap_or("Not assigned"),
        to.unwrap_or("Not assigned")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn user(v: serde_json::Value) -> User {
        User::from_json(&v).unwrap()
    }

    #[test]
    fn five_roles_in_order() {
        let names: Vec<_> = contact_roles().map(|a| a.name).collect();
        assert_eq!(
            names,
            [
                "owner_id",
                "billing_contact_id",
                "legal_contact_id",
                "security_contact_id",
                "technical_contact_id"
            ]
        );
    }

    #[test]
    fn warnings_per_role() {
        let plain = user(json!({"id": "a", "two_factor_auth_enabled": true}));
        let risky = user(
            json!({"id": "b", "locked": true, "two_factor_auth_enabled": null, "deleted_at": "2026-01-01T00:00:00Z"}),
        );
        let role = |name: &str| crate::domain::attributes::attribute(name);
        assert!(warnings(role("security_contact_id"), Some(&plain)).is_empty());
        assert_eq!(
            warnings(role("security_contact_id"), Some(&risky)),
            [Warning::Deleted, Warning::Locked, Warning::No2fa]
        );
        assert_eq!(
            warnings(role("legal_contact_id"), Some(&risky)),
            [Warning::Deleted, Warning::Locked]
        );
        assert_eq!(
            warnings(role("legal_contact_id"), None),
            [Warning::Dangling]
        );
        assert_eq!(
            warnings(None, Some(&risky)),
            [Warning::Deleted, Warning::Locked],
            "a company contact: no 2FA rule"
        );
    }

    #[test]
    fn roles_held_counts_the_default_billing_contact() {
        let c = Customer::from_json(json!({"id": "C", "owner_id": "o", "billing_contact_id": null, "legal_contact_id": "o", "technical_contact_id": "t"})).unwrap();
        assert_eq!(
            roles_held(&c, "o"),
            ["Account owner", "Billing contact", "Legal contact"]
        );
        assert_eq!(roles_held(&c, "t"), ["Technical contact"]);
        assert!(roles_held(&c, "x").is_empty());
    }

    #[test]
    fn change_descriptions() {
        assert_eq!(
            describe_change("Billing contact", Some("Ana"), Some("Raj")),
            "Billing contact: Ana → Raj"
        );
        assert_eq!(
            describe_change("Legal contact", None, Some("Raj")),
            "Legal contact: Not assigned → Raj"
        );
    }
}
