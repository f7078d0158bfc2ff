//! Company contacts (the Contacts API).

use serde_json::Value;

use super::lenient::{self, Field};
use super::ModelError;

/// Fastly's contact types, in the order the page lists them.
pub const CONTACT_TYPES: &[(&str, &str)] = &[
    ("primary", "Primary"),
    ("billing", "Billing"),
    ("technical", "Technical"),
    ("security", "Security"),
    ("emergency", "Emergency"),
    ("general compliance", "General compliance"),
];

/// Contact types for which Fastly requires a phone number.
pub fn phone_required(contact_type: &str) -> bool {
    matches!(contact_type, "primary" | "technical" | "security")
}

#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub id: String,
    pub user_id: Option<String>,
    pub contact_type: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub customer_id: String,
    pub deleted: bool,
}

impl Contact {
    pub fn from_json(raw: &Value) -> Result<Contact, ModelError> {
        let o = raw.as_object().ok_or(ModelError::NotAnObject("contact"))?;
        let opt = |key: &str| match lenient::text(o, key) {
            Field::Value(s) if !s.is_empty() => Some(s),
            _ => None,
        };
        let id = opt("id").ok_or(ModelError::MissingId("contact"))?;
        Ok(Contact {
            id,
            user_id: opt("user_id"),
            contact_type: opt("contact_type").unwrap_or_default(),
            name: opt("name"),
            email: opt("email"),
            phone: opt("phone"),
            customer_id: opt("customer_id").unwrap_or_default(),
            deleted: opt("deleted_at").is_some(),
        })
    }

    pub fn list_from_json(raw: &Value) -> Result<Vec<Contact>, ModelError> {
        let items = raw.as_array().ok_or(ModelError::NotAnArray("contacts"))?;
        Ok(items.iter().filter_map(|v| Contact::from_json(v).ok()).collect())
    }

    pub fn type_label(&self) -> &str {
        CONTACT_TYPES
            .iter()
            .find(|(value, _)| *value == self.contact_type)
            .map(|(_, label)| *label)
            .unwrap_or(&self.contact_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_contacts_with_and_without_user() {
        let list = Contact::list_from_json(&json!([
            {"id":"c1","user_id":"u1","contact_type":"technical","name":null,"email":null,"phone":"+1 555","customer_id":"x"},
            {"id":"c2","user_id":null,"contact_type":"general compliance","name":"Pat","email":"pat@x.example","phone":null,"customer_id":"x","deleted_at":null}
        ])).unwrap();
        assert_eq!(list[0].user_id.as_deref(), Some("u1"));
        assert_eq!(list[1].type_label(), "General compliance");
        assert_eq!(list[1].name.as_deref(), Some("Pat"));
        assert!(!list[1].deleted);
    }

    #[test]
    fn phone_rule() {
        assert!(phone_required("primary") && phone_required("technical") && phone_required("security"));
        assert!(!phone_required("billing") && !phone_required("general compliance"));
    }
}
