//! The Customer (company account), read through the attribute table: the answer is
//! kept as sent (a JSON object), and each attribute of the table is read from it by the
//! rules of [`Field`] (a value of the wrong type, e.g. `"yes"` for a boolean, is
//! [`Field::Odd`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::field::Field;
use super::{ModelError, Timestamp};
use crate::domain::attributes::{Kind, ATTRIBUTES};

/// One attribute's value, typed by its [`Kind`].
#[derive(Clone, Debug, PartialEq)]
pub enum AttrValue {
    Text(String),
    Flag(bool),
    Time(Timestamp),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    values: BTreeMap<&'static str, Field<AttrValue>>,
    /// The answer as read (a JSON object): what the attributes are read from.
    pub raw: Value,
    /// The answer's text as received (set by the API client), for the support view's raw
    /// JSON panel: unlike `raw`, it keeps the key order, duplicate keys, integers beyond
    /// 2^53 and keys such as `__proto__` exactly as sent. Empty for a customer that did not
    /// come from an answer.
    pub raw_text: String,
}

impl Customer {
    pub fn from_json(raw: Value) -> Result<Customer, ModelError> {
        let object = raw.as_object().ok_or(ModelError::NotAnObject("customer"))?;
        let values = super::map_of(
            ATTRIBUTES
                .iter()
                .map(|attr| (attr.name, read_attribute(object, attr.name, attr.kind))),
        );
        let customer = Customer {
            values,
            raw,
            raw_text: String::new(),
        };
        if customer.id().is_empty() {
            return Err(ModelError::MissingId("customer"));
        }
        Ok(customer)
    }

    /// The same customer, with `text` as the answer it was read from.
    pub fn received_as(mut self, text: &str) -> Customer {
        self.raw_text = text.to_string();
        self
    }

    pub fn field(&self, name: &str) -> &Field<AttrValue> {
        self.values.get(name).unwrap_or(&Field::Absent)
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        match self.field(name) {
            Field::Value(AttrValue::Text(s)) => Some(s),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.field(name) {
            Field::Value(AttrValue::Flag(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn time(&self, name: &str) -> Option<&Timestamp> {
        match self.field(name) {
            Field::Value(AttrValue::Time(t)) => Some(t),
            _ => None,
        }
    }

    pub fn id(&self) -> &str {
        self.text("id").unwrap_or("")
    }

    pub fn name(&self) -> &str {
        self.text("name").unwrap_or("")
    }

    pub fn owner_id(&self) -> Option<&str> {
        self.text(crate::domain::attributes::OWNER_ID)
    }

    /// Deleted when `deleted_at` holds anything at all, even an unreadable date.
    pub fn is_deleted(&self) -> bool {
        self.field("deleted_at").is_set()
    }
}

/// A customer answer: any JSON object with an id.
impl<'de> Deserialize<'de> for Customer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Customer::from_json(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

fn read_attribute(object: &Map<String, Value>, name: &str, kind: Kind) -> Field<AttrValue> {
    let value = object.get(name);
    match kind {
        Kind::Bool => Field::<bool>::of(value).map(AttrValue::Flag),
        Kind::Timestamp => Field::<Timestamp>::of(value).map(AttrValue::Time),
        _ => Field::<String>::of(value).map(AttrValue::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_full_answer() {
        let c = Customer::from_json(json!({
            "id": "51MumwLiSJyFTWhtbByYgR", "name": "Example", "owner_id": "u1",
            "billing_contact_id": null, "force_2fa": false, "has_pci": "1",
            "can_configure_wordpress": null, "created_at": "2020-11-04T09:51:20Z",
            "updated_at": "not a date", "deleted_at": null, "some_new_key": {"x": 1}
        }))
        .unwrap();
        assert_eq!(c.id(), "51MumwLiSJyFTWhtbByYgR");
        assert_eq!(c.name(), "Example");
        assert_eq!(c.owner_id(), Some("u1"));
        assert_eq!(c.field("billing_contact_id"), &Field::Null);
        assert_eq!(c.field("billing_ref"), &Field::Absent);
        assert_eq!(c.flag("force_2fa"), Some(false));
        assert_eq!(c.flag("has_pci"), Some(true));
        assert_eq!(c.field("can_configure_wordpress"), &Field::Null);
        assert!(c.time("created_at").unwrap().parsed.is_some());
        let bad = c.time("updated_at").unwrap();
        assert_eq!((bad.parsed, bad.raw.as_str()), (None, "not a date"));
        assert!(!c.is_deleted());
    }

    #[test]
    fn a_deleted_customer_is_deleted() {
        let c =
            Customer::from_json(json!({"id": "x", "deleted_at": "2026-03-14T10:00:00Z"})).unwrap();
        assert!(c.is_deleted());
    }

    #[test]
    fn unreadable_flags_are_kept_not_fatal() {
        let c = Customer::from_json(
            json!({"id": "x", "force_sso": "maybe", "name": {"first": "A"}, "has_pci": 2}),
        )
        .unwrap();
        assert_eq!(c.field("force_sso"), &Field::Odd("maybe".into()));
        assert_eq!(c.flag("force_sso"), None);
        assert_eq!(c.field("name"), &Field::Odd(r#"{"first":"A"}"#.into()));
        assert_eq!(c.name(), "");
        assert_eq!(c.field("has_pci"), &Field::Odd("2".into()));
    }

    #[test]
    fn a_deleted_at_of_any_kind_counts_as_deleted() {
        for deleted_at in [json!("not a date"), json!(1_700_000_000), json!({"at": 1})] {
            let c = Customer::from_json(json!({"id": "x", "deleted_at": deleted_at})).unwrap();
            assert!(c.is_deleted(), "{c:?}");
        }
    }

    #[test]
    fn reads_from_json_text_and_keeps_the_answer_as_sent() {
        let text = r#"{"id": "C", "name": "Acme", "force_2fa": "0", "new_flag": true}"#;
        let c: Customer = serde_json::from_str(text).unwrap();
        assert_eq!((c.id(), c.flag("force_2fa")), ("C", Some(false)));
        assert_eq!(c.raw["new_flag"], json!(true));
        let e = serde_json::from_str::<Customer>(r#"{"name": "x"}"#).unwrap_err();
        assert!(e.to_string().contains("the customer has no id"), "{e}");
        assert!(serde_json::from_str::<Customer>("[]").is_err());
    }

    #[test]
    fn rejects_non_objects_and_missing_ids() {
        assert!(Customer::from_json(json!([1, 2])).is_err());
        assert!(Customer::from_json(json!({"name": "x"})).is_err());
        assert!(Customer::from_json(json!({"id": null})).is_err());
    }
}
