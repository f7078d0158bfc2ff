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
        Ok(items
            .iter()
            .filter_map(|v| Contact::from_json(v).ok())
            .collect())
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
        assert!(
            phone_required("primary") && phone_required("technical") && phone_required("security")
        );
        assert!(!phone_required("billing") && !phone_required("general compliance"));
    }
}

/// Problems of a form, by field name, each in words for beside the field.
pub type FieldProblems = Vec<(&'static str, String)>;

/// What the "add a company contact" form holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewContact {
    pub contact_type: String,
    /// Link to a user of the customer (else name + email).
    pub user_id: Option<String>,
    pub name: String,
    pub email: String,
    pub phone: String,
}

impl crate::model::json::Stored for NewContact {
    fn to_value(&self) -> Value {
        serde_json::json!({
            "contact_type": self.contact_type,
            "user_id": self.user_id,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
        })
    }

    fn from_value(value: &Value) -> Option<Self> {
        use crate::model::json::text_field;
        Some(NewContact {
            contact_type: text_field(value, "contact_type")?,
            user_id: text_field(value, "user_id"),
            name: text_field(value, "name")?,
            email: text_field(value, "email")?,
            phone: text_field(value, "phone")?,
        })
    }
}

impl NewContact {
    /// Nothing typed or chosen yet (the contact type alone is no edit).
    pub fn is_blank(&self) -> bool {
        self.user_id.as_deref().is_none_or(|s| s.trim().is_empty())
            && self.name.trim().is_empty()
            && self.email.trim().is_empty()
            && self.phone.trim().is_empty()
    }

    /// The form pairs of `POST /customer/{id}/contacts`, or each field's problem.
    pub fn to_form(&self) -> Result<Vec<(String, String)>, FieldProblems> {
        let mut problems = Vec::new();
        let kind = self.contact_type.trim();
        if !CONTACT_TYPES.iter().any(|(v, _)| *v == kind) {
            problems.push(("contact_type", "Choose a contact type.".to_string()));
        }
        let mut pairs = vec![("contact_type".to_string(), kind.to_string())];
        match self
            .user_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(id) => pairs.push(("user_id".into(), id.into())),
            None => {
                if self.name.trim().is_empty() {
                    problems.push(("name", "Enter a name, or choose a user.".into()));
                }
                let email = self.email.trim();
                let plausible = email.split_once('@').is_some_and(|(local, domain)| {
                    !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !email.contains(' ')
                });
                if !plausible {
                    problems.push((
                        "email",
                        "Enter an email address such as name@example.com.".into(),
                    ));
                }
                pairs.push(("name".into(), self.name.trim().into()));
                pairs.push(("email".into(), email.into()));
            }
        }
        let phone = self.phone.trim();
        if phone.is_empty() && phone_required(kind) {
            problems.push((
                "phone",
                format!("A phone number is required for a {kind} contact."),
            ));
        } else if let Err(message) = crate::domain::validate::phone(phone) {
            problems.push(("phone", message));
        }
        if !phone.is_empty() {
            pairs.push(("phone".into(), phone.into()));
        }
        if problems.is_empty() {
            Ok(pairs)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod new_contact_tests {
    use super::*;

    #[test]
    fn phone_is_required_for_primary_technical_and_security() {
        for kind in ["primary", "technical", "security"] {
            let c = NewContact {
                contact_type: kind.into(),
                user_id: Some("u1".into()),
                ..Default::default()
            };
            let problems = c.to_form().unwrap_err();
            assert_eq!(problems[0].0, "phone", "{kind}");
        }
        let c = NewContact {
            contact_type: "billing".into(),
            user_id: Some("u1".into()),
            ..Default::default()
        };
        assert_eq!(
            c.to_form().unwrap(),
            vec![
                ("contact_type".to_string(), "billing".to_string()),
                ("user_id".into(), "u1".into())
            ]
        );
    }

    #[test]
    fn name_and_email_when_no_user() {
        let c = NewContact {
            contact_type: "emergency".into(),
            name: "Pat Lee".into(),
            email: "pat@x.example".into(),
            phone: "+1 202 555 0143".into(),
            ..Default::default()
        };
        assert_eq!(
            c.to_form().unwrap(),
            vec![
                ("contact_type".to_string(), "emergency".to_string()),
                ("name".into(), "Pat Lee".into()),
                ("email".into(), "pat@x.example".into()),
                ("phone".into(), "+1 202 555 0143".into())
            ]
        );
        let bad = NewContact {
            contact_type: "nope".into(),
            email: "pat@".into(),
            ..Default::default()
        };
        let fields: Vec<_> = bad
            .to_form()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["contact_type", "name", "email"]);
    }
}
