//! Seed files (`fastly-standin --seed FILE.json`): the customers, users, contacts, tokens
//! and events a store starts with instead of the demo data. Format version 1, documented
//! in `docs/seed-format.md`.
//!
//! [`Seed::parse`] checks everything before the store exists (all or nothing): JSON
//! syntax (line and column), the schema (unknown keys refused, types, required fields: the
//! error names the JSON path, e.g. `customers[0].owner_id`), then the references between
//! records, uniqueness, roles, scopes and timestamps. [`Seed::store`] then builds a store
//! that cannot fail; `POST /__standin/reset` builds it again from the same parsed seed.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::rules::{validate_ip_whitelist, CONTACT_TYPES};
use crate::store::{mkid, Contact, Customer, Epoch, Event, Store, Token, User};

/// The only format version there is.
pub const VERSION: u64 = 1;

/// The roles a seeded user may have (Fastly's `role` values).
pub const ROLES: &[&str] = &[
    "user",
    "billing",
    "engineer",
    "superuser",
    "tls_viewer",
    "tls_admin",
];

/// The token scopes the stand-in knows.
pub const SCOPES: &[&str] = &["global", "global:read"];

/// `billing_network_type` values.
pub const NETWORK_TYPES: &[&str] = &["public", "private"];

/// Defaults of the optional customer attributes (as documented in `docs/seed-format.md`).
pub const DEFAULT_PRICING_PLAN: &str = "Developer";
pub const DEFAULT_PRICING_PLAN_ID: &str = "ppDeveloper2018Lm4Nb2";
pub const DEFAULT_IP_WHITELIST: &str = "0.0.0.0/0";
pub const DEFAULT_NETWORK_TYPE: &str = "public";

/// What is wrong with a seed: where (`path`, a JSON path such as `customers[0].owner_id`,
/// or `line L column C` for a syntax error; empty when the file cannot be read) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedError {
    pub path: String,
    pub message: String,
}

impl SeedError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        SeedError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for SeedError {}

// ---- the file, as written ----

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    pub version: u64,
    pub customers: Vec<SeedCustomer>,
    pub users: Vec<SeedUser>,
    #[serde(default)]
    pub contacts: Vec<SeedContact>,
    pub tokens: Vec<SeedToken>,
    #[serde(default)]
    pub events: Vec<SeedEvent>,
}

fn default_phone() -> String {
    String::new()
}
fn default_network() -> String {
    DEFAULT_NETWORK_TYPE.into()
}
fn default_plan() -> String {
    DEFAULT_PRICING_PLAN.into()
}
fn default_plan_id() -> String {
    DEFAULT_PRICING_PLAN_ID.into()
}
fn default_whitelist() -> String {
    DEFAULT_IP_WHITELIST.into()
}
fn some_false() -> Option<bool> {
    Some(false)
}
fn default_scope() -> String {
    "global".into()
}
fn empty_object() -> Value {
    Value::Object(Map::new())
}

/// A customer: the attributes of Fastly's Customer object, with their names and JSON types.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedCustomer {
    pub id: String,
    pub name: String,
    pub owner_id: String,
    #[serde(default = "default_phone")]
    pub phone_number: String,
    #[serde(default)]
    pub postal_address: Option<String>,
    #[serde(default)]
    pub billing_contact_id: Option<String>,
    #[serde(default)]
    pub legal_contact_id: Option<String>,
    #[serde(default)]
    pub security_contact_id: Option<String>,
    #[serde(default)]
    pub technical_contact_id: Option<String>,
    #[serde(default = "default_network")]
    pub billing_network_type: String,
    #[serde(default)]
    pub billing_ref: Option<String>,
    #[serde(default = "default_plan")]
    pub pricing_plan: String,
    #[serde(default = "default_plan_id")]
    pub pricing_plan_id: String,
    #[serde(default = "default_whitelist")]
    pub ip_whitelist: String,
    #[serde(default)]
    pub force_2fa: bool,
    #[serde(default)]
    pub force_sso: bool,
    #[serde(default)]
    pub has_account_panel: bool,
    #[serde(default)]
    pub has_improved_events: bool,
    #[serde(default)]
    pub has_openstack_logging: bool,
    #[serde(default)]
    pub has_pci: bool,
    #[serde(default)]
    pub can_configure_wordpress: Option<bool>,
    #[serde(default)]
    pub can_reset_passwords: bool,
    #[serde(default)]
    pub can_upload_vcl: bool,
    #[serde(default)]
    pub has_improved_ssl_config: bool,
    #[serde(default)]
    pub has_pci_passwords: bool,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub deleted_at: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedUser {
    pub id: String,
    pub customer_id: String,
    pub name: String,
    pub login: String,
    pub role: String,
    /// Absent: `false`; `null` is kept (real answers have it).
    #[serde(default = "some_false")]
    pub two_factor_auth_enabled: Option<bool>,
    #[serde(default = "some_false")]
    pub locked: Option<bool>,
    #[serde(default = "some_false")]
    pub require_new_password: Option<bool>,
    #[serde(default)]
    pub limit_services: bool,
    /// Fastly staff: may read every customer (`admin` in the events they cause).
    #[serde(default)]
    pub support_staff: bool,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub deleted_at: Option<String>,
    #[serde(default)]
    pub last_active_at: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedContact {
    #[serde(default)]
    pub id: Option<String>,
    pub customer_id: String,
    pub contact_type: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedToken {
    pub token: String,
    pub user_id: String,
    #[serde(default = "default_scope")]
    pub scope: String,
    /// What the test controls record for requests made with it (the request log's
    /// `token`, a revision's `by`); the token's value when absent.
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedEvent {
    #[serde(default)]
    pub id: Option<String>,
    pub customer_id: String,
    pub event_type: String,
    pub description: String,
    pub created_at: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub ip: Option<String>,
    #[serde(default)]
    pub admin: bool,
    #[serde(default = "empty_object")]
    pub metadata: Value,
    #[serde(default)]
    pub service_id: Option<String>,
    #[serde(default)]
    pub token_id: Option<String>,
}

// ---- the checked seed ----

/// A checked seed: every reference resolves, every timestamp is normalised to
/// `%Y-%m-%dT%H:%M:%SZ` (UTC, whole seconds), missing timestamps are the load time and
/// missing contact and event ids are filled in, so every store built from it is the same.
#[derive(Clone, Debug)]
pub struct Seed {
    pub data: SeedFile,
    /// When the file was loaded (the default of the timestamps left out).
    pub loaded_at: String,
    next_contact: u64,
    next_event: u64,
}

/// `s` (RFC 3339, any offset) as the store writes times: UTC, whole seconds, `Z`.
pub fn normalise_time(s: &str) -> Result<String, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        })
        .map_err(|e| {
            format!("'{s}' is not an RFC 3339 date-time such as 2026-01-31T09:30:00Z ({e})")
        })
}

/// The message of a serde_json error without its " at line L column C" suffix.
fn bare_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

impl Seed {
    /// Read and check the seed file at `path`. The error is what to print after
    /// `--seed <file>: `.
    pub fn load(path: &Path) -> Result<Seed, SeedError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| SeedError::new("", format!("cannot read it: {e}")))?;
        Seed::parse(&text)
    }

    /// Check a seed given as JSON text.
    pub fn parse(text: &str) -> Result<Seed, SeedError> {
        // Syntax first, and the version before the schema: another version's schema
        // errors would mislead.
        let value: Value = serde_json::from_str(text).map_err(|e| {
            SeedError::new(
                format!("line {} column {}", e.line(), e.column()),
                format!("invalid JSON: {}", bare_message(&e)),
            )
        })?;
        let Value::Object(top) = &value else {
            return Err(SeedError::new(".", "must be a JSON object"));
        };
        match top.get("version") {
            None => return Err(SeedError::new("version", "is required (1)")),
            Some(v) if v.as_u64() == Some(VERSION) => {}
            Some(v) => {
                return Err(SeedError::new(
                    "version",
                    format!("{v} is not a supported version (this stand-in reads version 1)"),
                ))
            }
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let data: SeedFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let inner = e.inner();
            let at = format!("(line {} column {})", inner.line(), inner.column());
            let message = bare_message(inner);
            // "missing field `login`" at `users[0]` → `users[0].login: is required`.
            let missing = message
                .strip_prefix("missing field `")
                .and_then(|m| m.strip_suffix('`'));
            match missing {
                Some(field) => {
                    let path = match e.path().to_string().as_str() {
                        "." => field.to_string(),
                        p => format!("{p}.{field}"),
                    };
                    SeedError::new(path, format!("is required {at}"))
                }
                None => SeedError::new(e.path().to_string(), format!("{message} {at}")),
            }
        })?;
        Seed::check(data, crate::store::now_rfc3339())
    }

    /// Check the references, values and timestamps of a parsed seed; fill in what is left
    /// out (`now` for timestamps).
    pub fn check(mut d: SeedFile, now: String) -> Result<Seed, SeedError> {
        fn e(path: impl Into<String>, message: impl Into<String>) -> SeedError {
            SeedError::new(path, message)
        }
        fn time(path: String, v: &mut String) -> Result<(), SeedError> {
            *v = normalise_time(v).map_err(|m| SeedError::new(path, m))?;
            Ok(())
        }
        fn opt_time(path: String, v: &mut Option<String>) -> Result<(), SeedError> {
            match v {
                Some(s) => time(path, s),
                None => Ok(()),
            }
        }
        fn non_empty(path: String, v: &str) -> Result<(), SeedError> {
            if v.trim().is_empty() {
                return Err(SeedError::new(path, "must not be empty"));
            }
            Ok(())
        }
        /// The ids given to the entries of `kind` (`contacts`, `events`; each may leave it out):
        /// not empty, unique; with the counter generated ids (`prefix`) go on from.
        fn given_ids<'a>(
            kind: &str,
            prefix: &str,
            ids: impl Iterator<Item = Option<&'a String>>,
        ) -> Result<(HashMap<String, usize>, u64), SeedError> {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (i, id) in ids.enumerate() {
                if let Some(id) = id {
                    let p = format!("{kind}[{i}].id");
                    non_empty(p.clone(), id)?;
                    if let Some(j) = seen.insert(id.clone(), i) {
                        return Err(SeedError::new(
                            p,
                            format!("'{id}' is already the id of {kind}[{j}]"),
                        ));
                    }
                }
            }
            let next = max_generated(prefix, seen.keys());
            Ok((seen, next))
        }
        /// A generated id (`prefix` and the next number) that no entry was given.
        fn generated_id(prefix: &str, next: &mut u64, given: &HashMap<String, usize>) -> String {
            loop {
                *next += 1;
                let id = mkid(prefix, *next);
                if !given.contains_key(&id) {
                    return id;
                }
            }
        }
        /// `id` (at `path`) is one of the seed's customers.
        fn known_customer(
            customers: &HashMap<String, usize>,
            path: String,
            id: &str,
        ) -> Result<(), SeedError> {
            if customers.contains_key(id) {
                return Ok(());
            }
            Err(SeedError::new(
                path,
                format!("'{id}' is not the id of a customer of the seed"),
            ))
        }

        // Customers: ids unique.
        let mut customers: HashMap<String, usize> = HashMap::new();
        for (i, c) in d.customers.iter_mut().enumerate() {
            let p = format!("customers[{i}]");
            non_empty(format!("{p}.id"), &c.id)?;
            if let Some(j) = customers.insert(c.id.clone(), i) {
                return Err(e(
                    format!("{p}.id"),
                    format!("'{}' is already the id of customers[{j}]", c.id),
                ));
            }
            non_empty(format!("{p}.name"), &c.name)?;
            if !NETWORK_TYPES.contains(&c.billing_network_type.as_str()) {
                return Err(e(
                    format!("{p}.billing_network_type"),
                    format!("'{}' must be public or private", c.billing_network_type),
                ));
            }
            validate_ip_whitelist(&c.ip_whitelist).map_err(|m| {
                e(
                    format!("{p}.ip_whitelist"),
                    m.replacen("ip_whitelist: ", "", 1),
                )
            })?;
            opt_time(format!("{p}.created_at"), &mut c.created_at)?;
            opt_time(format!("{p}.updated_at"), &mut c.updated_at)?;
            opt_time(format!("{p}.deleted_at"), &mut c.deleted_at)?;
        }

        // Users: ids unique, their customer exists, roles, logins, timestamps.
        let mut users: HashMap<String, usize> = HashMap::new();
        for (i, u) in d.users.iter_mut().enumerate() {
            let p = format!("users[{i}]");
            non_empty(format!("{p}.id"), &u.id)?;
            if let Some(j) = users.insert(u.id.clone(), i) {
                return Err(e(
                    format!("{p}.id"),
                    format!("'{}' is already the id of users[{j}]", u.id),
                ));
            }
            known_customer(&customers, format!("{p}.customer_id"), &u.customer_id)?;
            non_empty(format!("{p}.name"), &u.name)?;
            if !u.login.contains('@') {
                return Err(e(
                    format!("{p}.login"),
                    format!("'{}' is not an email address", u.login),
                ));
            }
            if !ROLES.contains(&u.role.as_str()) {
                return Err(e(
                    format!("{p}.role"),
                    format!("'{}' must be one of {}", u.role, ROLES.join(", ")),
                ));
            }
            opt_time(format!("{p}.created_at"), &mut u.created_at)?;
            opt_time(format!("{p}.updated_at"), &mut u.updated_at)?;
            opt_time(format!("{p}.deleted_at"), &mut u.deleted_at)?;
            opt_time(format!("{p}.last_active_at"), &mut u.last_active_at)?;
        }
        let user_of = |uid: &str, cid: &str| {
            users
                .get(uid)
                .is_some_and(|&i| d.users[i].customer_id == cid)
        };

        // Customers' owner and contact users (user ids, as in Fastly's reference).
        for (i, c) in d.customers.iter().enumerate() {
            let p = format!("customers[{i}]");
            if !user_of(&c.owner_id, &c.id) {
                return Err(e(
                    format!("{p}.owner_id"),
                    format!("'{}' is not a user of customer '{}'", c.owner_id, c.id),
                ));
            }
            for (attr, v) in [
                ("billing_contact_id", &c.billing_contact_id),
                ("legal_contact_id", &c.legal_contact_id),
                ("security_contact_id", &c.security_contact_id),
                ("technical_contact_id", &c.technical_contact_id),
            ] {
                if let Some(uid) = v {
                    if !user_of(uid, &c.id) {
                        return Err(e(
                            format!("{p}.{attr}"),
                            format!("'{uid}' is not a user of customer '{}'", c.id),
                        ));
                    }
                }
            }
        }

        // Contacts: as `POST /customer/{id}/contacts` accepts them.
        let (contact_ids, mut next_contact) = given_ids(
            "contacts",
            "contact",
            d.contacts.iter().map(|c| c.id.as_ref()),
        )?;
        for (i, c) in d.contacts.iter_mut().enumerate() {
            let p = format!("contacts[{i}]");
            known_customer(&customers, format!("{p}.customer_id"), &c.customer_id)?;
            if !CONTACT_TYPES.contains(&c.contact_type.as_str()) {
                return Err(e(
                    format!("{p}.contact_type"),
                    format!(
                        "'{}' must be one of {}",
                        c.contact_type,
                        CONTACT_TYPES.join(", ")
                    ),
                ));
            }
            match &c.user_id {
                Some(uid) => {
                    if !user_of(uid, &c.customer_id) {
                        return Err(e(
                            format!("{p}.user_id"),
                            format!("'{uid}' is not a user of customer '{}'", c.customer_id),
                        ));
                    }
                }
                None => {
                    let missing = if c.name.is_none() { "name" } else { "email" };
                    if c.name.is_none() || c.email.is_none() {
                        return Err(e(
                            format!("{p}.{missing}"),
                            "is required when there is no user_id (name and email)",
                        ));
                    }
                }
            }
            if matches!(
                c.contact_type.as_str(),
                "primary" | "technical" | "security"
            ) && c.phone.is_none()
            {
                return Err(e(
                    format!("{p}.phone"),
                    format!("is required for a {} contact", c.contact_type),
                ));
            }
            opt_time(format!("{p}.created_at"), &mut c.created_at)?;
            if c.id.is_none() {
                c.id = Some(generated_id("contact", &mut next_contact, &contact_ids));
            }
        }

        // Tokens: at least one, values unique, their user exists, scopes.
        if d.tokens.is_empty() {
            return Err(e(
                "tokens",
                "must hold at least one token (nobody could sign in)",
            ));
        }
        let mut tokens: HashMap<&str, usize> = HashMap::new();
        for (i, t) in d.tokens.iter().enumerate() {
            let p = format!("tokens[{i}]");
            non_empty(format!("{p}.token"), &t.token)?;
            if let Some(j) = tokens.insert(&t.token, i) {
                return Err(e(
                    format!("{p}.token"),
                    format!("is the same as tokens[{j}].token"),
                ));
            }
            if !users.contains_key(&t.user_id) {
                return Err(e(
                    format!("{p}.user_id"),
                    format!("'{}' is not the id of a user of the seed", t.user_id),
                ));
            }
            if !SCOPES.contains(&t.scope.as_str()) {
                return Err(e(
                    format!("{p}.scope"),
                    format!("'{}' must be global or global:read", t.scope),
                ));
            }
            if let Some(n) = &t.name {
                non_empty(format!("{p}.name"), n)?;
            }
        }

        // Events.
        let (event_ids, mut next_event) =
            given_ids("events", "event", d.events.iter().map(|ev| ev.id.as_ref()))?;
        for (i, ev) in d.events.iter_mut().enumerate() {
            let p = format!("events[{i}]");
            known_customer(&customers, format!("{p}.customer_id"), &ev.customer_id)?;
            non_empty(format!("{p}.event_type"), &ev.event_type)?;
            time(format!("{p}.created_at"), &mut ev.created_at)?;
            if let Some(uid) = &ev.user_id {
                // Fastly staff (`admin`) act on any customer; anyone else on their own.
                let ok = if ev.admin {
                    users.contains_key(uid)
                } else {
                    user_of(uid, &ev.customer_id)
                };
                if !ok {
                    let whose = if ev.admin {
                        "the id of a user of the seed".to_string()
                    } else {
                        format!(
                            "a user of customer '{}' (an event with admin: true may name any user)",
                            ev.customer_id
                        )
                    };
                    return Err(e(format!("{p}.user_id"), format!("'{uid}' is not {whose}")));
                }
            }
            if !ev.metadata.is_object() {
                return Err(e(format!("{p}.metadata"), "must be a JSON object"));
            }
            if ev.id.is_none() {
                ev.id = Some(generated_id("event", &mut next_event, &event_ids));
            }
        }

        Ok(Seed {
            data: d,
            loaded_at: now,
            next_contact,
            next_event,
        })
    }

    /// A fresh store holding the seed's data (history, epoch and events as with the demo:
    /// revision 1 of every customer at 0 ms).
    pub fn store(&self) -> Store {
        let now = &self.loaded_at;
        let d = &self.data;
        let mut s = Store::default();
        for c in &d.customers {
            let created_at = c.created_at.clone().unwrap_or_else(|| now.clone());
            s.customers.insert(
                c.id.clone(),
                Customer {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    owner_id: c.owner_id.clone(),
                    phone_number: c.phone_number.clone(),
                    postal_address: c.postal_address.clone(),
                    billing_contact_id: c.billing_contact_id.clone(),
                    legal_contact_id: c.legal_contact_id.clone(),
                    security_contact_id: c.security_contact_id.clone(),
                    technical_contact_id: c.technical_contact_id.clone(),
                    billing_network_type: c.billing_network_type.clone(),
                    billing_ref: c.billing_ref.clone(),
                    pricing_plan: c.pricing_plan.clone(),
                    pricing_plan_id: c.pricing_plan_id.clone(),
                    ip_whitelist: c.ip_whitelist.clone(),
                    force_2fa: c.force_2fa,
                    force_sso: c.force_sso,
                    has_account_panel: c.has_account_panel,
                    has_improved_events: c.has_improved_events,
                    has_openstack_logging: c.has_openstack_logging,
                    has_pci: c.has_pci,
                    can_configure_wordpress: c.can_configure_wordpress,
                    can_reset_passwords: c.can_reset_passwords,
                    can_upload_vcl: c.can_upload_vcl,
                    has_improved_ssl_config: c.has_improved_ssl_config,
                    has_pci_passwords: c.has_pci_passwords,
                    updated_at: Some(c.updated_at.clone().unwrap_or_else(|| now.clone())),
                    created_at: Some(created_at),
                    deleted_at: c.deleted_at.clone(),
                },
            );
            s.customer_users.insert(c.id.clone(), Vec::new());
            s.contacts.insert(c.id.clone(), Vec::new());
        }
        for u in &d.users {
            let created_at = u.created_at.clone().unwrap_or_else(|| now.clone());
            if u.support_staff {
                s.support_staff.insert(u.id.clone());
            }
            s.add_user(User {
                id: u.id.clone(),
                login: u.login.clone(),
                name: u.name.clone(),
                role: u.role.clone(),
                customer_id: u.customer_id.clone(),
                locked: u.locked,
                require_new_password: u.require_new_password,
                two_factor_auth_enabled: u.two_factor_auth_enabled,
                limit_services: u.limit_services,
                updated_at: Some(u.updated_at.clone().unwrap_or_else(|| created_at.clone())),
                created_at: Some(created_at),
                deleted_at: u.deleted_at.clone(),
                last_active_at: u.last_active_at.clone(),
            });
        }
        for c in &d.contacts {
            let created_at = c.created_at.clone().unwrap_or_else(|| now.clone());
            s.contacts
                .entry(c.customer_id.clone())
                .or_default()
                .push(Contact {
                    id: c.id.clone().unwrap_or_default(),
                    user_id: c.user_id.clone(),
                    contact_type: c.contact_type.clone(),
                    name: c.name.clone(),
                    email: c.email.clone(),
                    phone: c.phone.clone(),
                    customer_id: c.customer_id.clone(),
                    updated_at: Some(created_at.clone()),
                    created_at: Some(created_at),
                    deleted_at: None,
                });
        }
        for t in &d.tokens {
            s.tokens.insert(
                t.token.clone(),
                Token {
                    name: t.name.clone().unwrap_or_else(|| t.token.clone()),
                    user_id: t.user_id.clone(),
                    scope: t.scope.clone(),
                },
            );
        }
        for ev in &d.events {
            s.events.push(Event {
                id: ev.id.clone().unwrap_or_default(),
                customer_id: ev.customer_id.clone(),
                user_id: ev.user_id.clone(),
                admin: ev.admin,
                created_at: ev.created_at.clone(),
                description: ev.description.clone(),
                event_type: ev.event_type.clone(),
                ip: ev.ip.clone(),
                metadata: ev.metadata.clone(),
                service_id: ev.service_id.clone(),
                token_id: ev.token_id.clone(),
            });
        }
        s.next_contact = self.next_contact;
        s.next_event = self.next_event;
        s.epoch = Epoch::default();
        s.start_history();
        s
    }
}

/// The largest `n` of the ids among `ids` that the store's generator would make
/// (`mkid(prefix, n)`), so that the ids it makes later are all new.
fn max_generated<'a>(prefix: &str, ids: impl Iterator<Item = &'a String>) -> u64 {
    let used: HashSet<&String> = ids.collect();
    used.iter()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .filter(|&n| used.contains(&mkid(prefix, n)))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const MINIMAL: &str = include_str!("../tests/seeds/minimal.json");

    /// A change to the minimal seed, the path its error must name, and what it must say.
    type Case = (Box<dyn FnOnce(&mut Value)>, &'static str, &'static str);
    const CUSTOMER: &str = "seedCustomer0000000001";
    const OWNER: &str = "seedOwner000000000001";
    const ENGINEER: &str = "seedEngineer0000000002";

    fn minimal() -> Value {
        serde_json::from_str(MINIMAL).unwrap()
    }

    /// The error of the minimal seed changed by `change`.
    fn refused(change: impl FnOnce(&mut Value)) -> SeedError {
        let mut v = minimal();
        change(&mut v);
        Seed::parse(&serde_json::to_string_pretty(&v).unwrap()).unwrap_err()
    }

    #[track_caller]
    fn assert_refused(err: &SeedError, path: &str, says: &str) {
        assert_eq!(err.path, path, "{err}");
        assert!(err.message.contains(says), "{err}");
    }

    #[test]
    fn the_minimal_seed_loads_with_its_defaults() {
        let seed = Seed::parse(MINIMAL).unwrap();
        let s = seed.store();
        assert_eq!(s.customers.len(), 1);
        let c = &s.customers[CUSTOMER];
        assert_eq!(c.name, "Example Shop Ltd");
        assert_eq!(c.owner_id, OWNER);
        assert_eq!(c.technical_contact_id.as_deref(), Some(ENGINEER));
        assert_eq!(c.billing_contact_id, None);
        assert_eq!(c.billing_network_type, DEFAULT_NETWORK_TYPE);
        assert_eq!(c.pricing_plan, DEFAULT_PRICING_PLAN);
        assert_eq!(c.pricing_plan_id, DEFAULT_PRICING_PLAN_ID);
        assert_eq!(c.ip_whitelist, DEFAULT_IP_WHITELIST);
        assert!(c.has_account_panel);
        assert!(!c.force_2fa && !c.force_sso && !c.has_pci && !c.can_upload_vcl);
        assert_eq!(c.can_configure_wordpress, None);
        assert_eq!(c.created_at.as_deref(), Some("2024-01-15T09:00:00Z"));
        // Left out: the load time.
        assert_eq!(c.updated_at.as_deref(), Some(seed.loaded_at.as_str()));
        assert_eq!(c.deleted_at, None);

        assert_eq!(s.customer_users[CUSTOMER], vec![OWNER, ENGINEER]);
        let owner = &s.users[OWNER];
        assert_eq!(owner.two_factor_auth_enabled, Some(true));
        // Normalised to UTC.
        assert_eq!(
            owner.last_active_at.as_deref(),
            Some("2026-11-30T16:45:00Z")
        );
        let eng = &s.users[ENGINEER];
        assert_eq!(eng.role, "engineer");
        assert_eq!(
            (
                eng.locked,
                eng.two_factor_auth_enabled,
                eng.require_new_password
            ),
            (Some(false), Some(false), Some(false))
        );
        assert_eq!(eng.created_at.as_deref(), Some(seed.loaded_at.as_str()));
        assert_eq!(eng.last_active_at, None);
        assert!(s.support_staff.is_empty());

        let contacts = &s.contacts[CUSTOMER];
        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[0].id, "seedContact00000000001");
        assert_eq!(contacts[1].id, mkid("contact", 1));
        assert_eq!(contacts[1].user_id.as_deref(), Some(ENGINEER));

        let p = s.principal("shop-owner-token").unwrap();
        assert_eq!((p.user_id.as_str(), p.read_only), (OWNER, false));
        let p = s.principal("shop-engineer-token").unwrap();
        assert_eq!((p.user_id.as_str(), p.read_only), (ENGINEER, true));
        assert_eq!(s.tokens["shop-owner-token"].name, "shop-owner-token");
        assert!(s.principal("acme-owner-token").is_none());

        assert_eq!(s.events.len(), 1);
        assert_eq!(s.events[0].id, "seedEvent0000000000001");
        assert_eq!(s.events[0].metadata["method"], "password");
        assert_eq!(s.revision(CUSTOMER), Some(1));
    }

    #[test]
    fn every_store_of_a_seed_is_the_same() {
        let seed = Seed::parse(MINIMAL).unwrap();
        let (a, b) = (seed.store(), seed.store());
        let json = |s: &Store| {
            let mut users: Vec<Value> = s.users.values().map(User::to_json).collect();
            users.sort_by_key(|u| u["id"].to_string());
            json!({
                "customers": s.customers[CUSTOMER].to_json(true),
                "users": users,
                "contacts": s.contacts[CUSTOMER].iter().map(Contact::to_json).collect::<Vec<_>>(),
                "events": s.events.iter().map(Event::to_json).collect::<Vec<_>>(),
            })
        };
        assert_eq!(json(&a), json(&b));
    }

    #[test]
    fn generated_ids_never_take_a_seeded_one() {
        let seed = Seed::parse(
            &serde_json::to_string(&{
                let mut v = minimal();
                v["contacts"][0]["id"] = json!(mkid("contact", 7));
                v["events"][0]["id"] = json!(mkid("event", 41));
                v["events"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"customer_id": CUSTOMER, "event_type": "user.logout",
                        "description": "Olive Owner signed out", "created_at": "2026-11-30T09:00:00Z"}));
                v
            })
            .unwrap(),
        )
        .unwrap();
        let mut s = seed.store();
        assert_eq!(s.contacts[CUSTOMER][1].id, mkid("contact", 8));
        assert_eq!(s.new_contact_id(), mkid("contact", 9));
        assert_eq!(s.events[1].id, mkid("event", 42));
        assert_eq!(s.new_event_id(), mkid("event", 43));
        assert_eq!(s.events[1].metadata, json!({}));
    }

    #[test]
    fn a_deleted_customer_and_support_staff_can_be_seeded() {
        let mut v = minimal();
        v["customers"][0]["deleted_at"] = json!("2026-03-14T10:00:00.5+02:00");
        v["users"][1]["support_staff"] = json!(true);
        v["users"][1]["two_factor_auth_enabled"] = json!(null);
        let s = Seed::parse(&v.to_string()).unwrap().store();
        assert_eq!(
            s.customers[CUSTOMER].deleted_at.as_deref(),
            Some("2026-03-14T08:00:00Z")
        );
        assert!(s.support_staff.contains(ENGINEER));
        assert_eq!(s.users[ENGINEER].two_factor_auth_enabled, None);
    }

    #[test]
    fn syntax_errors_name_the_line_and_column() {
        let text = MINIMAL.replacen("\"role\": \"engineer\"", "\"role\": \"engineer\",", 1);
        let line = 1 + text[..text.find("\"role\": \"engineer\",").unwrap()]
            .matches('\n')
            .count();
        let err = Seed::parse(&text).unwrap_err();
        assert_eq!(err.path, format!("line {} column 5", line + 1), "{err}");
        assert!(
            err.message.starts_with("invalid JSON: trailing comma"),
            "{err}"
        );
        let err = Seed::parse("").unwrap_err();
        assert_eq!(err.path, "line 1 column 0", "{err}");
        let err = Seed::parse("[1]").unwrap_err();
        assert_refused(&err, ".", "must be a JSON object");
    }

    #[test]
    fn the_schema_is_checked_with_the_path_named() {
        let err = refused(|v| v["customers"][0]["has_config_panel"] = json!(true));
        assert_refused(
            &err,
            "customers[0].has_config_panel",
            "unknown field `has_config_panel`",
        );
        let err = refused(|v| v["services"] = json!([]));
        assert_refused(&err, "services", "unknown field `services`");
        let err = refused(|v| v["tokens"][1]["expires_at"] = json!(null));
        assert_refused(&err, "tokens[1].expires_at", "unknown field");
        let err = refused(|v| v["customers"][0]["force_2fa"] = json!("yes"));
        assert_refused(
            &err,
            "customers[0].force_2fa",
            "invalid type: string \"yes\", expected a boolean (line ",
        );
        let err = refused(|v| v["events"][0]["admin"] = json!(1));
        assert_refused(&err, "events[0].admin", "expected a boolean");
        let err = refused(|v| v["users"][1]["name"] = json!(null));
        assert_refused(&err, "users[1].name", "expected a string");
        let err = refused(|v| {
            v["users"][0].as_object_mut().unwrap().remove("login");
        });
        assert_refused(&err, "users[0].login", "is required");
        let err = refused(|v| {
            v.as_object_mut().unwrap().remove("tokens");
        });
        assert_refused(&err, "tokens", "is required");
    }

    #[test]
    fn the_version_must_be_1() {
        for (version, says) in [
            (json!(2), "2 is not a supported version"),
            (json!("1"), "\"1\" is not a supported version"),
            (json!(0), "0 is not"),
        ] {
            let err = refused(|v| v["version"] = version);
            assert_refused(&err, "version", says);
        }
        let err = refused(|v| {
            v.as_object_mut().unwrap().remove("version");
        });
        assert_refused(&err, "version", "is required");
    }

    #[test]
    fn references_are_checked() {
        let cases: Vec<Case> = vec![
            (
                Box::new(|v| v["customers"][0]["owner_id"] = json!("nobody")),
                "customers[0].owner_id",
                "'nobody' is not a user of customer 'seedCustomer0000000001'",
            ),
            (
                Box::new(|v| v["customers"][0]["security_contact_id"] = json!("nobody")),
                "customers[0].security_contact_id",
                "'nobody' is not a user of customer",
            ),
            (
                Box::new(|v| v["users"][1]["customer_id"] = json!("elsewhere")),
                "users[1].customer_id",
                "'elsewhere' is not the id of a customer of the seed",
            ),
            (
                Box::new(|v| v["contacts"][1]["user_id"] = json!("nobody")),
                "contacts[1].user_id",
                "is not a user of customer",
            ),
            (
                Box::new(|v| v["contacts"][0]["customer_id"] = json!("elsewhere")),
                "contacts[0].customer_id",
                "is not the id of a customer",
            ),
            (
                Box::new(|v| v["tokens"][0]["user_id"] = json!("nobody")),
                "tokens[0].user_id",
                "'nobody' is not the id of a user of the seed",
            ),
            (
                Box::new(|v| v["events"][0]["customer_id"] = json!("elsewhere")),
                "events[0].customer_id",
                "is not the id of a customer",
            ),
            (
                Box::new(|v| v["events"][0]["user_id"] = json!("nobody")),
                "events[0].user_id",
                "is not a user of customer",
            ),
        ];
        for (change, path, says) in cases {
            assert_refused(&refused(change), path, says);
        }
    }

    #[test]
    fn a_user_of_another_customer_is_refused_where_the_customers_own_is_needed() {
        let other = |v: &mut Value| {
            v["customers"].as_array_mut().unwrap().push(json!({
                "id": "other", "name": "Other Co", "owner_id": "otherOwner"
            }));
            v["users"].as_array_mut().unwrap().push(json!({
                "id": "otherOwner", "customer_id": "other", "name": "O", "login": "o@other.example",
                "role": "superuser"
            }));
        };
        // The two customers load.
        let mut v = minimal();
        other(&mut v);
        Seed::parse(&v.to_string()).unwrap();
        let err = refused(|v| {
            other(v);
            v["customers"][0]["owner_id"] = json!("otherOwner");
        });
        assert_refused(&err, "customers[0].owner_id", "'otherOwner' is not a user");
        let err = refused(|v| {
            other(v);
            v["contacts"][1]["user_id"] = json!("otherOwner");
        });
        assert_refused(&err, "contacts[1].user_id", "'otherOwner' is not a user");
        // An event by Fastly staff may name a user of another customer; else not.
        let mut v = minimal();
        other(&mut v);
        v["events"][0]["user_id"] = json!("otherOwner");
        v["events"][0]["admin"] = json!(true);
        Seed::parse(&v.to_string()).unwrap();
        v["events"][0]["admin"] = json!(false);
        let err = Seed::parse(&v.to_string()).unwrap_err();
        assert_refused(&err, "events[0].user_id", "'otherOwner' is not a user");
    }

    #[test]
    fn ids_and_tokens_are_unique() {
        let err = refused(|v| {
            let u = v["users"][1].clone();
            v["users"].as_array_mut().unwrap().push(u);
        });
        assert_refused(&err, "users[2].id", "is already the id of users[1]");
        let err = refused(|v| {
            let c = v["customers"][0].clone();
            v["customers"].as_array_mut().unwrap().push(c);
        });
        assert_refused(&err, "customers[1].id", "is already the id of customers[0]");
        let err = refused(|v| v["contacts"][1]["id"] = json!("seedContact00000000001"));
        assert_refused(&err, "contacts[1].id", "already the id of contacts[0]");
        let err = refused(|v| {
            let e = v["events"][0].clone();
            v["events"].as_array_mut().unwrap().push(e);
        });
        assert_refused(&err, "events[1].id", "already the id of events[0]");
        let err = refused(|v| v["tokens"][1]["token"] = json!("shop-owner-token"));
        assert_refused(&err, "tokens[1].token", "is the same as tokens[0].token");
        let err = refused(|v| v["tokens"] = json!([]));
        assert_refused(&err, "tokens", "at least one token");
        let err = refused(|v| v["users"][0]["id"] = json!(" "));
        assert_refused(&err, "users[0].id", "must not be empty");
    }

    #[test]
    fn values_are_checked() {
        let cases: Vec<Case> = vec![
            (
                Box::new(|v| v["users"][1]["role"] = json!("admin")),
                "users[1].role",
                "'admin' must be one of user, billing, engineer, superuser, tls_viewer, tls_admin",
            ),
            (
                Box::new(|v| v["users"][1]["login"] = json!("ezra")),
                "users[1].login",
                "not an email address",
            ),
            (
                Box::new(|v| v["tokens"][0]["scope"] = json!("purge_all")),
                "tokens[0].scope",
                "'purge_all' must be global or global:read",
            ),
            (
                Box::new(|v| v["customers"][0]["billing_network_type"] = json!("dark")),
                "customers[0].billing_network_type",
                "must be public or private",
            ),
            (
                Box::new(|v| v["customers"][0]["ip_whitelist"] = json!("10.0.0.0/33")),
                "customers[0].ip_whitelist",
                "'10.0.0.0/33' is not a valid IPv4",
            ),
            (
                Box::new(|v| v["contacts"][0]["contact_type"] = json!("legal")),
                "contacts[0].contact_type",
                "'legal' must be one of primary, billing",
            ),
            (
                Box::new(|v| {
                    v["contacts"][0].as_object_mut().unwrap().remove("email");
                }),
                "contacts[0].email",
                "is required when there is no user_id",
            ),
            (
                Box::new(|v| {
                    v["contacts"][1].as_object_mut().unwrap().remove("phone");
                }),
                "contacts[1].phone",
                "is required for a technical contact",
            ),
            (
                Box::new(|v| v["events"][0]["metadata"] = json!([1])),
                "events[0].metadata",
                "must be a JSON object",
            ),
            (
                Box::new(|v| v["events"][0]["created_at"] = json!("30/11/2026 08:00")),
                "events[0].created_at",
                "'30/11/2026 08:00' is not an RFC 3339 date-time",
            ),
            (
                Box::new(|v| v["users"][0]["last_active_at"] = json!("2026-11-30")),
                "users[0].last_active_at",
                "is not an RFC 3339 date-time",
            ),
            (
                Box::new(|v| v["customers"][0]["created_at"] = json!("2024-02-30T09:00:00Z")),
                "customers[0].created_at",
                "is not an RFC 3339 date-time",
            ),
        ];
        for (change, path, says) in cases {
            assert_refused(&refused(change), path, says);
        }
    }

    #[test]
    fn times_are_normalised_to_utc_whole_seconds() {
        for (given, stored) in [
            ("2026-01-31T09:30:00Z", "2026-01-31T09:30:00Z"),
            ("2026-01-31T09:30:00.999Z", "2026-01-31T09:30:00Z"),
            ("2026-01-31T00:30:00+01:00", "2026-01-30T23:30:00Z"),
            ("2026-01-31t09:30:00z", "2026-01-31T09:30:00Z"),
        ] {
            assert_eq!(normalise_time(given).as_deref(), Ok(stored), "{given}");
        }
        for bad in ["2026-01-31", "2026-01-31T09:30:00", "yesterday", ""] {
            assert!(normalise_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_file_that_cannot_be_read_says_so() {
        let err = Seed::load(Path::new("/nonexistent/seed.json")).unwrap_err();
        assert_eq!(err.path, "");
        assert!(err.to_string().starts_with("cannot read it: "), "{err}");
    }
}
