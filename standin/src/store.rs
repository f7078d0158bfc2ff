//! In-memory state of the stand-in: customers, users, contacts, tokens.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Instant;

use serde_json::{json, Map, Value};

#[derive(Clone, Debug)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub owner_id: String,
    pub phone_number: String,
    pub postal_address: Option<String>,
    pub billing_contact_id: Option<String>,
    pub legal_contact_id: Option<String>,
    pub security_contact_id: Option<String>,
    pub technical_contact_id: Option<String>,
    pub billing_network_type: String,
    pub billing_ref: Option<String>,
    pub pricing_plan: String,
    pub pricing_plan_id: String,
    pub ip_whitelist: String,
    pub force_2fa: bool,
    pub force_sso: bool,
    pub has_account_panel: bool,
    pub has_improved_events: bool,
    pub has_openstack_logging: bool,
    pub has_pci: bool,
    pub can_configure_wordpress: Option<bool>,
    pub can_reset_passwords: bool,
    pub can_upload_vcl: bool,
    pub has_improved_ssl_config: bool,
    pub has_pci_passwords: bool,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub deleted_at: Option<String>,
}

impl Customer {
    /// The customer as the API answers it. `full == false` omits the attributes
    /// that are "limited depending on access level" (`billing_ref`, `pricing_plan_id`).
    pub fn to_json(&self, full: bool) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("name".into(), json!(self.name));
        m.insert("owner_id".into(), json!(self.owner_id));
        m.insert("phone_number".into(), json!(self.phone_number));
        m.insert("postal_address".into(), json!(self.postal_address));
        m.insert("billing_contact_id".into(), json!(self.billing_contact_id));
        m.insert("legal_contact_id".into(), json!(self.legal_contact_id));
        m.insert(
            "security_contact_id".into(),
            json!(self.security_contact_id),
        );
        m.insert(
            "technical_contact_id".into(),
            json!(self.technical_contact_id),
        );
        m.insert(
            "billing_network_type".into(),
            json!(self.billing_network_type),
        );
        if full {
            m.insert("billing_ref".into(), json!(self.billing_ref));
            m.insert("pricing_plan_id".into(), json!(self.pricing_plan_id));
        }
        m.insert("pricing_plan".into(), json!(self.pricing_plan));
        m.insert("ip_whitelist".into(), json!(self.ip_whitelist));
        m.insert("force_2fa".into(), json!(self.force_2fa));
        m.insert("force_sso".into(), json!(self.force_sso));
        m.insert("has_account_panel".into(), json!(self.has_account_panel));
        m.insert(
            "has_improved_events".into(),
            json!(self.has_improved_events),
        );
        m.insert(
            "has_openstack_logging".into(),
            json!(self.has_openstack_logging),
        );
        m.insert("has_pci".into(), json!(self.has_pci));
        m.insert(
            "can_configure_wordpress".into(),
            json!(self.can_configure_wordpress),
        );
        m.insert(
            "can_reset_passwords".into(),
            json!(self.can_reset_passwords),
        );
        m.insert("can_upload_vcl".into(), json!(self.can_upload_vcl));
        m.insert(
            "has_improved_ssl_config".into(),
            json!(self.has_improved_ssl_config),
        );
        m.insert("has_pci_passwords".into(), json!(self.has_pci_passwords));
        m.insert("created_at".into(), json!(self.created_at));
        m.insert("updated_at".into(), json!(self.updated_at));
        m.insert("deleted_at".into(), json!(self.deleted_at));
        // One attribute that is not in the reference, to exercise tolerance of unknown keys.
        m.insert("has_config_panel".into(), json!(true));
        Value::Object(m)
    }
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub login: String,
    pub name: String,
    pub role: String,
    pub customer_id: String,
    pub locked: Option<bool>,
    pub require_new_password: Option<bool>,
    pub two_factor_auth_enabled: Option<bool>,
    pub limit_services: bool,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub deleted_at: Option<String>,
    pub last_active_at: Option<String>,
}

impl User {
    /// The user as the API answers it: like recorded real answers, without `roles`.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "login": self.login,
            "name": self.name,
            "role": self.role,
            "customer_id": self.customer_id,
            "locked": self.locked,
            "require_new_password": self.require_new_password,
            "two_factor_auth_enabled": self.two_factor_auth_enabled,
            "limit_services": self.limit_services,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "deleted_at": self.deleted_at,
            "last_active_at": self.last_active_at,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub id: String,
    pub user_id: Option<String>,
    pub contact_type: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub customer_id: String,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub deleted_at: Option<String>,
}

impl Contact {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "user_id": self.user_id,
            "contact_type": self.contact_type,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "customer_id": self.customer_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "deleted_at": self.deleted_at,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Token {
    /// What the test controls record for it (the request log's `token`, a revision's `by`):
    /// never the token's value. The demo tokens are named by their (public) values.
    pub name: String,
    pub user_id: String,
    /// `global` or `global:read`.
    pub scope: String,
}

/// The caller, as resolved from the `Fastly-Key` header.
#[derive(Clone, Debug)]
pub struct Principal {
    /// The name of the token used ([`Token::name`]).
    pub token: String,
    pub user_id: String,
    pub customer_id: String,
    pub role: String,
    pub read_only: bool,
    pub support: bool,
}

#[derive(Default)]
pub struct Store {
    pub customers: HashMap<String, Customer>,
    pub users: HashMap<String, User>,
    /// User ids of each customer, in listing order.
    pub customer_users: HashMap<String, Vec<String>>,
    /// Contacts of each customer, in creation order (deleted ones keep `deleted_at`).
    pub contacts: HashMap<String, Vec<Contact>>,
    pub tokens: HashMap<String, Token>,
    /// Users flagged as support staff: may read every customer.
    pub support_staff: HashSet<String>,
    /// Users whose sessions were invalidated (e.g. by enabling force_2fa): their tokens get 401.
    pub logged_out: HashSet<String>,
    pub next_contact: u64,
    /// Audit events of every customer, in the order they were recorded (ids ascending).
    pub events: Vec<Event>,
    pub next_event: u64,
    /// When the data was seeded: the `at_ms` of revisions count from it.
    pub epoch: Epoch,
    /// The revisions of each customer since the data was seeded.
    pub history: HashMap<String, History>,
}

/// The instant the data was (re)seeded; the test controls' times are milliseconds since.
#[derive(Clone, Copy, Debug)]
pub struct Epoch(pub Instant);

impl Default for Epoch {
    fn default() -> Self {
        Epoch(Instant::now())
    }
}

impl Epoch {
    pub fn ms_at(&self, t: Instant) -> u64 {
        t.saturating_duration_since(self.0).as_millis() as u64
    }
    pub fn now_ms(&self) -> u64 {
        self.ms_at(Instant::now())
    }
}

/// The most revisions kept per customer; older ones are dropped (and counted).
pub const HISTORY_LEN: usize = 5000;

/// One state of a customer: its values (as an owner reads them) after a change.
#[derive(Clone, Debug)]
pub struct Revision {
    pub revision: u64,
    pub at_ms: u64,
    /// The name of the token that made the change, or `seed`.
    pub by: String,
    pub user_id: Option<String>,
    pub values: Value,
}

impl Revision {
    pub fn to_json(&self) -> Value {
        json!({
            "revision": self.revision,
            "at_ms": self.at_ms,
            "by": self.by,
            "user_id": self.user_id,
            "values": self.values,
        })
    }
}

/// The revisions of one customer, oldest first: at most [`HISTORY_LEN`], `dropped` before.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// The current revision (that of the last entry).
    pub revision: u64,
    pub dropped: u64,
    pub entries: VecDeque<Revision>,
}

impl Store {
    pub fn add_user(&mut self, u: User) {
        self.customer_users
            .entry(u.customer_id.clone())
            .or_default()
            .push(u.id.clone());
        self.users.insert(u.id.clone(), u);
    }

    pub fn principal(&self, token: &str) -> Option<Principal> {
        let t = self.tokens.get(token)?;
        if self.logged_out.contains(&t.user_id) {
            return None;
        }
        let u = self.users.get(&t.user_id)?;
        Some(Principal {
            token: t.name.clone(),
            user_id: u.id.clone(),
            customer_id: u.customer_id.clone(),
            role: u.role.clone(),
            read_only: t.scope == "global:read",
            support: self.support_staff.contains(&u.id),
        })
    }

    /// Is `user_id` a (not deleted) user of `customer_id`?
    pub fn is_user_of(&self, user_id: &str, customer_id: &str) -> bool {
        self.users
            .get(user_id)
            .map(|u| u.customer_id == customer_id && u.deleted_at.is_none())
            .unwrap_or(false)
    }

    /// The current revision of a customer (`None` for an unknown id).
    pub fn revision(&self, customer_id: &str) -> Option<u64> {
        self.history.get(customer_id).map(|h| h.revision)
    }

    /// Record the current values of a customer as its next revision: call it after every
    /// change applied to the customer, under the same lock.
    pub fn record_revision(&mut self, customer_id: &str, by: &str, user_id: Option<&str>) {
        let at_ms = self.epoch.now_ms();
        self.push_revision(customer_id, at_ms, by, user_id);
    }

    fn push_revision(&mut self, customer_id: &str, at_ms: u64, by: &str, user_id: Option<&str>) {
        let Some(c) = self.customers.get(customer_id) else {
            return;
        };
        let values = c.to_json(true);
        let h = self.history.entry(customer_id.to_string()).or_default();
        h.revision += 1;
        h.entries.push_back(Revision {
            revision: h.revision,
            at_ms,
            by: by.to_string(),
            user_id: user_id.map(str::to_string),
            values,
        });
        while h.entries.len() > HISTORY_LEN {
            h.entries.pop_front();
            h.dropped += 1;
        }
    }

    /// Start the history of every customer afresh: revision 1 at 0 ms, `by` `seed`.
    pub fn start_history(&mut self) {
        self.history.clear();
        let ids: Vec<String> = self.customers.keys().cloned().collect();
        for id in ids {
            self.push_revision(&id, 0, "seed", None);
        }
    }

    pub fn new_contact_id(&mut self) -> String {
        self.next_contact += 1;
        mkid("contact", self.next_contact)
    }

    pub fn new_event_id(&mut self) -> String {
        self.next_event += 1;
        mkid("event", self.next_event)
    }

    /// Record an event done now by `actor` on `customer_id`, as Fastly records a change
    /// made through the API: `user_id` the caller, `admin` when the caller is support
    /// staff, `ip` the (loopback) address of the request.
    pub fn record_event(
        &mut self,
        customer_id: &str,
        actor: &Principal,
        event_type: &str,
        description: String,
        metadata: Value,
    ) {
        let event = Event {
            id: self.new_event_id(),
            customer_id: customer_id.to_string(),
            user_id: Some(actor.user_id.clone()),
            admin: actor.support,
            created_at: now_rfc3339(),
            description,
            event_type: event_type.to_string(),
            ip: Some(REQUEST_IP.to_string()),
            metadata,
            service_id: None,
            token_id: None,
        };
        self.events.push(event);
    }
}

/// The address recorded as `ip` of the events of writes made through the stand-in.
pub const REQUEST_IP: &str = "127.0.0.1";

/// An audit event (`GET /events`).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub customer_id: String,
    /// Who did it; `None` for what the system did (a lockout, an invoice paid).
    pub user_id: Option<String>,
    /// Done by Fastly staff.
    pub admin: bool,
    /// RFC 3339 UTC, whole seconds (`%Y-%m-%dT%H:%M:%SZ`).
    pub created_at: String,
    pub description: String,
    pub event_type: String,
    /// One address, or several separated by `", "` (proxies), or none.
    pub ip: Option<String>,
    /// A free-form JSON object.
    pub metadata: Value,
    pub service_id: Option<String>,
    pub token_id: Option<String>,
}

impl Event {
    /// The event as a JSON:API resource object.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "type": "event",
            "attributes": {
                "admin": self.admin,
                "created_at": self.created_at,
                "customer_id": self.customer_id,
                "description": self.description,
                "event_type": self.event_type,
                "ip": self.ip,
                "metadata": self.metadata,
                "service_id": self.service_id,
                "token_id": self.token_id,
                "user_id": self.user_id,
            }
        })
    }

    /// `created_at` as an instant (`None` only if the record is malformed).
    pub fn instant(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(&self.created_at)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    }
}

/// A 22-character id: `prefix` followed by `n`, zero-padded.
pub fn mkid(prefix: &str, n: u64) -> String {
    let width = 22usize.saturating_sub(prefix.len());
    format!("{prefix}{n:0width$}")
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_keeps_the_newest_revisions_and_counts_the_dropped() {
        let mut s = crate::data::seed();
        let acme = crate::data::ACME;
        assert_eq!(s.revision(acme), Some(1));
        assert_eq!(s.revision("nope"), None);
        for i in 0..HISTORY_LEN + 10 {
            s.customers.get_mut(acme).unwrap().name = format!("n{i}");
            s.record_revision(acme, "t", Some("u"));
        }
        let h = &s.history[acme];
        assert_eq!(h.revision, HISTORY_LEN as u64 + 11);
        assert_eq!(h.entries.len(), HISTORY_LEN);
        assert_eq!(h.dropped, 11);
        assert_eq!(h.entries.front().unwrap().revision, 12);
        assert_eq!(
            h.entries.back().unwrap().values["name"],
            format!("n{}", HISTORY_LEN + 9)
        );
        s.record_revision("nope", "t", None);
        assert_eq!(s.revision("nope"), None);
    }
}
