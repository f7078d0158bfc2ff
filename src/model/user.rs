//! The User object, read leniently.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::field::{self, Field};
use super::Timestamp;

/// A user's role. Unknown roles are kept by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    User,
    Billing,
    Engineer,
    Superuser,
    TlsViewer,
    TlsAdmin,
    Other(String),
}

/// No role said (missing, `null` or odd).
impl Default for Role {
    fn default() -> Self {
        Role::Other(String::new())
    }
}

/// Any text is a role: an unknown one is kept by name.
impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        field::text_or_empty(deserializer).map(|text| Role::parse(&text))
    }
}

impl Role {
    pub fn parse(s: &str) -> Role {
        match s.trim().to_ascii_lowercase().as_str() {
            "user" => Role::User,
            "billing" => Role::Billing,
            "engineer" => Role::Engineer,
            "superuser" => Role::Superuser,
            "tls_viewer" => Role::TlsViewer,
            "tls_admin" => Role::TlsAdmin,
            _ => Role::Other(s.to_string()),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Role::User => "User",
            Role::Billing => "Billing",
            Role::Engineer => "Engineer",
            Role::Superuser => "Superuser",
            Role::TlsViewer => "TLS viewer",
            Role::TlsAdmin => "TLS admin",
            Role::Other(s) if s.is_empty() => "Unknown role",
            Role::Other(s) => s,
        }
    }
}

/// A user as `GET /current_user` and `GET /customer/{id}/users` send it. Only `id` is
/// required; every other key may be missing, `null` or odd.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct User {
    #[serde(deserialize_with = "field::id")]
    pub id: String,
    #[serde(default, deserialize_with = "field::text_or_empty")]
    pub login: String,
    #[serde(default, deserialize_with = "field::text_or_empty")]
    pub name: String,
    #[serde(default)]
    pub role: Role,
    #[serde(default, deserialize_with = "field::text_or_empty")]
    pub customer_id: String,
    #[serde(default)]
    pub locked: Field<bool>,
    #[serde(default)]
    pub two_factor_auth_enabled: Field<bool>,
    #[serde(default)]
    pub require_new_password: Field<bool>,
    #[serde(default)]
    pub created_at: Field<Timestamp>,
    #[serde(default)]
    pub deleted_at: Field<Timestamp>,
    #[serde(default)]
    pub last_active_at: Field<Timestamp>,
}

impl User {
    /// A user from a JSON value already parsed (the API client reads JSON text).
    pub fn from_json(raw: &Value) -> Result<User, serde_json::Error> {
        User::deserialize(raw)
    }

    /// The name if there is one, else the login, else the id.
    pub fn display_name(&self) -> &str {
        [&self.name, &self.login, &self.id]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map(|s| s.as_str())
            .unwrap_or("")
    }

    /// Locked only when the API says so; null, absent or odd count as not locked.
    pub fn is_locked(&self) -> bool {
        self.locked == Field::Value(true)
    }

    /// Deleted when `deleted_at` holds anything at all, even an unreadable date.
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_set()
    }

    /// 2FA is on only when the API says so; null counts as off.
    pub fn has_2fa(&self) -> bool {
        self.two_factor_auth_enabled == Field::Value(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SkipBad;
    use serde_json::json;

    /// `GET /current_user` as recorded from the live API (fastly-api.md).
    const RECORDED: &str = r#"{"id":"1tSCjJnpQYBBCAsIfI6pX0","created_at":"2020-11-04T09:51:20Z","updated_at":"2022-06-01T13:25:28Z",
 "name":"Example Person","customer_id":"51MumwLiSJyFTWhtbByYgR","require_new_password":false,
 "role":"superuser","login":"person@example.com","deleted_at":null,"locked":false,
 "two_factor_auth_enabled":null,"limit_services":false,"last_active_at":"2022-06-01T18:25:28Z"}"#;

    #[test]
    fn reads_the_recorded_current_user_answer() {
        let u: User = serde_json::from_str(RECORDED).unwrap();
        assert_eq!(u.id, "1tSCjJnpQYBBCAsIfI6pX0");
        assert_eq!(u.role, Role::Superuser);
        assert_eq!(u.customer_id, "51MumwLiSJyFTWhtbByYgR");
        assert_eq!(u.login, "person@example.com");
        assert_eq!(u.locked, Field::Value(false));
        assert_eq!(u.require_new_password, Field::Value(false));
        assert_eq!(u.two_factor_auth_enabled, Field::Null);
        assert_eq!(u.deleted_at, Field::Null);
        assert!(!u.has_2fa());
        assert!(!u.is_locked());
        assert!(!u.is_deleted());
        assert!(u.last_active_at.value().unwrap().parsed.is_some());
        assert!(u.created_at.value().unwrap().parsed.is_some());
        assert_eq!(u.display_name(), "Example Person");
        assert_eq!(
            User::from_json(&serde_json::from_str(RECORDED).unwrap()).unwrap(),
            u
        );
    }

    #[test]
    fn tolerates_nulls_strings_and_unknown_roles() {
        let u = User::from_json(&json!({"id":"u","name":null,"login":"a@b.c","role":"tls_admin","locked":"1","extra":[1]})).unwrap();
        assert_eq!(u.display_name(), "a@b.c");
        assert_eq!(u.role, Role::TlsAdmin);
        assert!(u.is_locked());
        assert_eq!(u.two_factor_auth_enabled, Field::Absent);
        assert_eq!(Role::parse("owner_of_all").label(), "owner_of_all");
        let odd =
            User::from_json(&json!({"id": 7, "role": null, "locked": "perhaps", "deleted_at": 0}))
                .unwrap();
        assert_eq!(odd.id, "7");
        assert_eq!(odd.role, Role::Other(String::new()));
        assert_eq!(odd.role.label(), "Unknown role");
        assert_eq!(odd.locked, Field::Odd("perhaps".into()));
        assert!(!odd.is_locked());
        assert!(odd.is_deleted(), "deleted_at holds something");
        assert_eq!(odd.display_name(), "7");
    }

    #[test]
    fn a_user_needs_an_id() {
        for bad in [
            r#"{"name": "x"}"#,
            r#"{"id": null}"#,
            r#"{"id": ""}"#,
            r#"{"id": {}}"#,
            "42",
        ] {
            assert!(serde_json::from_str::<User>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lists_skip_bad_entries_and_count_them_but_need_an_array() {
        let list: SkipBad<User> = serde_json::from_str(
            r#"[{"id":"a"}, 42, {"name":"no id"}, {"id":"b", "roles": ["superuser"]}, null]"#,
        )
        .unwrap();
        assert_eq!(
            list.items.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(list.skipped, 3);
        let recorded: SkipBad<User> = serde_json::from_str(&format!("[{RECORDED}]")).unwrap();
        assert_eq!((recorded.items.len(), recorded.skipped), (1, 0));
        assert!(serde_json::from_str::<SkipBad<User>>(r#"{"data": []}"#).is_err());
    }
}
