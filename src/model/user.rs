//! The User object, read leniently.

use serde_json::Value;

use super::lenient::{self, Field, Timestamp};
use super::ModelError;

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

#[derive(Clone, Debug, PartialEq)]
pub struct User {
    pub id: String,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub customer_id: String,
    /// `None`: the API sent null or nothing.
    pub locked: Option<bool>,
    pub two_factor_auth_enabled: Option<bool>,
    pub require_new_password: Option<bool>,
    pub created_at: Option<Timestamp>,
    pub deleted_at: Option<Timestamp>,
    pub last_active_at: Option<Timestamp>,
}

impl User {
    pub fn from_json(raw: &Value) -> Result<User, ModelError> {
        let o = raw.as_object().ok_or(ModelError::NotAnObject("user"))?;
        let text = |key: &str| lenient::text(o, key).value().cloned().unwrap_or_default();
        let time = |key: &str| match lenient::time(o, key) {
            Field::Value(t) => Some(t),
            _ => None,
        };
        let id = text("id");
        if id.is_empty() {
            return Err(ModelError::MissingId("user"));
        }
        Ok(User {
            id,
            login: text("login"),
            name: text("name"),
            role: Role::parse(&text("role")),
            customer_id: text("customer_id"),
            locked: lenient::flag_or_none(o, "locked"),
            two_factor_auth_enabled: lenient::flag_or_none(o, "two_factor_auth_enabled"),
            require_new_password: lenient::flag_or_none(o, "require_new_password"),
            created_at: time("created_at"),
            deleted_at: time("deleted_at"),
            last_active_at: time("last_active_at"),
        })
    }

    /// A bare JSON array of users. Entries that are not users are skipped, not fatal.
    pub fn list_from_json(raw: &Value) -> Result<Vec<User>, ModelError> {
        let items = raw.as_array().ok_or(ModelError::NotAnArray("users"))?;
        Ok(items
            .iter()
            .filter_map(|v| User::from_json(v).ok())
            .collect())
    }

    /// The name if there is one, else the login, else the id.
    pub fn display_name(&self) -> &str {
        [&self.name, &self.login, &self.id]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map(|s| s.as_str())
            .unwrap_or("")
    }

    pub fn is_locked(&self) -> bool {
        self.locked == Some(true)
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// 2FA is on only when the API says so; null counts as off.
    pub fn has_2fa(&self) -> bool {
        self.two_factor_auth_enabled == Some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_recorded_current_user_answer() {
        let raw = json!({"id":"1tSCjJnpQYBBCAsIfI6pX0","created_at":"2020-11-04T09:51:20Z","updated_at":"2022-06-01T13:25:28Z",
            "name":"Example Person","customer_id":"51MumwLiSJyFTWhtbByYgR","require_new_password":false,
            "role":"superuser","login":"person@example.com","deleted_at":null,"locked":false,
            "two_factor_auth_enabled":null,"limit_services":false,"last_active_at":"2022-06-01T18:25:28Z"});
        let u = User::from_json(&raw).unwrap();
        assert_eq!(u.id, "1tSCjJnpQYBBCAsIfI6pX0");
        assert_eq!(u.role, Role::Superuser);
        assert_eq!(u.customer_id, "51MumwLiSJyFTWhtbByYgR");
        assert_eq!(u.locked, Some(false));
        assert_eq!(u.two_factor_auth_enabled, None);
        assert!(!u.has_2fa());
        assert!(!u.is_deleted());
        assert!(u.last_active_at.as_ref().unwrap().parsed.is_some());
        assert_eq!(u.display_name(), "Example Person");
    }

    #[test]
    fn tolerates_nulls_strings_and_unknown_roles() {
        let u = User::from_json(&json!({"id":"u","name":null,"login":"a@b.c","role":"tls_admin","locked":"1","extra":[1]})).unwrap();
        assert_eq!(u.display_name(), "a@b.c");
        assert_eq!(u.role, Role::TlsAdmin);
        assert!(u.is_locked());
        assert_eq!(Role::parse("owner_of_all").label(), "owner_of_all");
    }

    #[test]
    fn lists_skip_bad_entries_but_need_an_array() {
        let list =
            User::list_from_json(&json!([{"id":"a"}, 42, {"name":"no id"}, {"id":"b"}])).unwrap();
        assert_eq!(
            list.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert!(User::list_from_json(&json!({"data": []})).is_err());
    }
}
