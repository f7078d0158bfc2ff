//! Company contacts (the Contacts API).

use serde::{Deserialize, Serialize};

use super::field;

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

/// A contact as the API sends it. Only `id` is required; empty text reads as none.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Contact {
    #[serde(deserialize_with = "field::id")]
    pub id: String,
    #[serde(default, deserialize_with = "field::some_text")]
    pub user_id: Option<String>,
    #[serde(default, deserialize_with = "field::text_or_empty")]
    pub contact_type: String,
    #[serde(default, deserialize_with = "field::some_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "field::some_text")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "field::some_text")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "field::text_or_empty")]
    pub customer_id: String,
    /// `deleted_at` holds something (a time, even an unreadable one).
    #[serde(rename = "deleted_at", default, deserialize_with = "field::is_set")]
    pub deleted: bool,
}

impl Contact {
    pub fn type_label(&self) -> &str {
        CONTACT_TYPES
            .iter()
            .find(|(value, _)| *value == self.contact_type)
            .map(|(_, label)| *label)
            .unwrap_or(&self.contact_type)
    }
}

/// After an add whose answer never came (a timeout, a gateway's 5xx): the contact the API
/// holds now that was not listed before the add and is the one `sent` asked for — the add
/// went through. `None`: it did not.
pub fn added_by(listed_before: &[String], now: &[Contact], sent: &NewContact) -> Option<Contact> {
    let user = sent
        .user_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    now.iter()
        .filter(|c| !listed_before.contains(&c.id) && !c.deleted)
        .filter(|c| c.contact_type == sent.contact_type.trim())
        .find(|c| match user {
            Some(id) => c.user_id.as_deref() == Some(id),
            None => {
                c.user_id.is_none()
                    && c.name.as_deref() == Some(sent.name.trim())
                    && c.email.as_deref() == Some(sent.email.trim())
            }
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SkipBad;

    fn contact(id: &str, kind: &str, user: Option<&str>, name: &str, email: &str) -> Contact {
        Contact {
            id: id.into(),
            user_id: user.map(String::from),
            contact_type: kind.into(),
            name: Some(name.into()).filter(|n: &String| !n.is_empty()),
            email: Some(email.into()).filter(|e: &String| !e.is_empty()),
            phone: None,
            customer_id: "C".into(),
            deleted: false,
        }
    }

    #[test]
    fn an_add_of_unknown_outcome_is_found_or_not_in_the_list_read_again() {
        let before = vec!["c1".to_string()];
        let sent = NewContact {
            contact_type: "emergency".into(),
            user_id: None,
            name: "Pat Lee ".into(),
            email: "pat@example.com".into(),
            phone: String::new(),
        };
        let same_before = contact("c1", "emergency", None, "Pat Lee", "pat@example.com");
        let new = contact("c2", "emergency", None, "Pat Lee", "pat@example.com");
        let other = contact("c3", "billing", None, "Pat Lee", "pat@example.com");
        assert_eq!(
            added_by(&before, &[same_before.clone(), new.clone()], &sent),
            Some(new)
        );
        assert_eq!(
            added_by(&before, &[same_before, other], &sent),
            None,
            "listed before, or another type"
        );
        let linked = NewContact {
            contact_type: "billing".into(),
            user_id: Some("u1".into()),
            ..Default::default()
        };
        let by_user = contact("c4", "billing", Some("u1"), "", "");
        assert_eq!(
            added_by(&[], std::slice::from_ref(&by_user), &linked),
            Some(by_user)
        );
        assert_eq!(
            added_by(
                &[],
                &[contact("c5", "billing", Some("u2"), "", "")],
                &linked
            ),
            None
        );
    }

    #[test]
    fn reads_contacts_with_and_without_user() {
        let SkipBad { items: list, skipped } = serde_json::from_str::<SkipBad<Contact>>(r#"[
            {"id":"c1","user_id":"u1","contact_type":"technical","name":null,"email":null,"phone":"+1 555","customer_id":"x"},
            {"id":"c2","user_id":null,"contact_type":"general compliance","name":"Pat","email":"pat@x.example","phone":null,"customer_id":"x","deleted_at":null},
            {"id":"c3","user_id":"","contact_type":"emergency","name":"Old","deleted_at":"2026-01-01T00:00:00Z","created_at":"2025-01-01T00:00:00Z"},
            {"contact_type":"billing","name":"no id"}
        ]"#).unwrap();
        assert_eq!(skipped, 1);
        assert_eq!(list[0].user_id.as_deref(), Some("u1"));
        assert_eq!(
            (list[0].name.clone(), list[0].phone.as_deref()),
            (None, Some("+1 555"))
        );
        assert_eq!(list[1].type_label(), "General compliance");
        assert_eq!(list[1].name.as_deref(), Some("Pat"));
        assert!(!list[1].deleted);
        assert_eq!(list[2].user_id, None, "an empty user id is none");
        assert!(list[2].deleted);
        assert_eq!(list[2].customer_id, "");
    }

    #[test]
    fn a_created_contact_is_read_from_its_answer() {
        let c: Contact = serde_json::from_str(
            r#"{"id":"c9","user_id":null,"contact_type":"security","name":"Sam","email":"sam@x.example","phone":555,"customer_id":"C","deleted_at":null,"created_at":"2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(c.phone.as_deref(), Some("555"));
        assert_eq!(c.type_label(), "Security");
        assert!(serde_json::from_str::<Contact>(r#"{"status":"ok"}"#).is_err());
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

/// What the "add a company contact" form holds (kept in the tab while half-typed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewContact {
    pub contact_type: String,
    /// Link to a user of the customer (else name + email).
    pub user_id: Option<String>,
    pub name: String,
    pub email: String,
    pub phone: String,
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
    fn a_half_typed_contact_is_kept_as_before() {
        let typed = (
            NewContact {
                contact_type: "primary".into(),
                user_id: None,
                name: "Pat".into(),
                email: "pat@".into(),
                phone: String::new(),
            },
            false,
        );
        let text = serde_json::to_string(&typed).unwrap();
        assert_eq!(
            text,
            r#"[{"contact_type":"primary","user_id":null,"name":"Pat","email":"pat@","phone":""},false]"#
        );
        assert_eq!(
            serde_json::from_str::<(NewContact, bool)>(&text).unwrap(),
            typed
        );
        let linked =
            r#"[{"contact_type":"billing","user_id":"u1","name":"","email":"","phone":""},true]"#;
        let (form, link) = serde_json::from_str::<(NewContact, bool)>(linked).unwrap();
        assert_eq!((form.user_id.as_deref(), link), (Some("u1"), true));
        // Anything else reads as nothing (the form starts empty).
        assert!(serde_json::from_str::<(NewContact, bool)>(r#"[{"name": 1}, true]"#).is_err());
        assert!(serde_json::from_str::<(NewContact, bool)>(r#"{"name": "x"}"#).is_err());
    }

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
