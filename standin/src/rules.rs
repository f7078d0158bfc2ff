//! Who may do what, and what values are accepted.

use crate::errors::ApiError;
use crate::store::{now_rfc3339, Contact, Customer, Principal, Store};

/// Roles that do not see `billing_ref` / `pricing_plan_id` (the keys are omitted).
pub fn sees_billing(p: &Principal) -> bool {
    p.support
        || !matches!(
            p.role.as_str(),
            "user" | "engineer" | "tls_viewer" | "tls_admin"
        )
}

pub fn can_read(p: &Principal, customer_id: &str) -> bool {
    p.support || p.customer_id == customer_id
}

pub fn check_read(p: &Principal, customer_id: &str) -> Result<(), ApiError> {
    if can_read(p, customer_id) {
        Ok(())
    } else {
        Err(ApiError::forbidden_legacy(format!(
            "You do not have permission to access customer '{customer_id}'"
        )))
    }
}

/// What Fastly answers a caller who is not a superuser asking for the audit log.
pub const AUDIT_LOG_SUPERUSERS_ONLY: &str = "You must be a superuser to view the audit log";

/// The audit log (`GET /events`, `GET /events/{id}`) is for superusers: the role decides,
/// not ownership (an owner whose role is not `superuser` is refused) and not the token's
/// scope (a `global:read` token of a superuser reads it). Support staff read every
/// company's. Checked before anything else of the request (after the 401), so a refused
/// caller learns nothing of parameters, customers or event ids.
pub fn check_audit_log(p: &Principal) -> Result<(), ApiError> {
    if p.support || p.role == "superuser" {
        Ok(())
    } else {
        Err(ApiError::forbidden_jsonapi(AUDIT_LOG_SUPERUSERS_ONLY))
    }
}

/// A non-support caller may read a user of its own company only. A user of another
/// company and a user that does not exist get the same 403 (no existence oracle);
/// support staff read every user and get 404 for unknown ids.
pub fn check_read_user(
    p: &Principal,
    user_customer: Option<&str>,
    user_id: &str,
) -> Result<(), ApiError> {
    match user_customer {
        Some(c) if p.support || c == p.customer_id => Ok(()),
        None if p.support => Err(ApiError::not_found("User", user_id)),
        _ => Err(ApiError::forbidden_legacy(format!(
            "You do not have permission to access user '{user_id}'"
        ))),
    }
}

/// The part of the write check that needs no customer record: a writable token, and the
/// caller's own customer.
pub fn check_write_access(p: &Principal, customer_id: &str) -> Result<(), ApiError> {
    if p.read_only {
        return Err(ApiError::forbidden_jsonapi(
            "This token has scope global:read and cannot make changes",
        ));
    }
    if p.customer_id != customer_id {
        return Err(ApiError::forbidden_jsonapi(format!(
            "You do not have permission to change customer '{customer_id}'"
        )));
    }
    Ok(())
}

/// 403 before 404: a caller who is not support staff and names another company's customer
/// is refused before the customer is looked up, with the same answer whether it exists or
/// not. Support staff go on to the lookup (404 for unknown ids).
pub fn check_foreign(p: &Principal, customer_id: &str, write: bool) -> Result<(), ApiError> {
    if p.support {
        Ok(())
    } else if write {
        check_write_access(p, customer_id)
    } else {
        check_read(p, customer_id)
    }
}

/// Owner or a superuser of that customer, with a writable token, on a live customer.
pub fn check_write(p: &Principal, c: &Customer) -> Result<(), ApiError> {
    check_write_access(p, &c.id)?;
    if !(c.owner_id == p.user_id || p.role == "superuser") {
        return Err(ApiError::forbidden_jsonapi(format!(
            "Only the account owner or a superuser may change this customer (your role: {})",
            p.role
        )));
    }
    if c.deleted_at.is_some() {
        return Err(ApiError::forbidden_legacy(format!(
            "Customer '{}' has been deleted and can no longer be changed",
            c.id
        )));
    }
    Ok(())
}

/// Deleting the customer: the write checks, then the account owner only (not any superuser).
pub fn check_delete(p: &Principal, c: &Customer) -> Result<(), ApiError> {
    check_write(p, c)?;
    if c.owner_id != p.user_id {
        return Err(ApiError::forbidden_jsonapi(format!(
            "Only the account owner may delete customer '{}' (your role: {})",
            c.id, p.role
        )));
    }
    Ok(())
}

pub fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

fn octet(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 3
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u16>().map(|n| n <= 255).unwrap_or(false)
}

fn ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| octet(p))
}

/// One allowlist entry: an IPv4 address, an IPv4 CIDR (/0–/32) or an IPv4 wildcard:
/// `*` in place of any octet but the first (`192.168.*.1`, `10.*.*.*`). A `*` is a whole
/// octet (not `1*`) and never goes with a `/prefix`.
pub fn valid_ip_entry(e: &str) -> bool {
    if let Some((addr, prefix)) = e.split_once('/') {
        return ipv4(addr)
            && !prefix.is_empty()
            && prefix.len() <= 2
            && prefix.bytes().all(|b| b.is_ascii_digit())
            && prefix.parse::<u8>().map(|n| n <= 32).unwrap_or(false);
    }
    let parts: Vec<&str> = e.split('.').collect();
    parts.len() == 4 && octet(parts[0]) && parts[1..].iter().all(|p| *p == "*" || octet(p))
}

pub fn validate_ip_whitelist(v: &str) -> Result<(), String> {
    if v.trim().is_empty() {
        return Err("ip_whitelist: must not be empty (use 0.0.0.0/0 for no allowlist)".into());
    }
    for e in v.split(',') {
        let e = e.trim();
        if !valid_ip_entry(e) {
            return Err(format!(
                "ip_whitelist: '{e}' is not a valid IPv4 address, CIDR range or wildcard"
            ));
        }
    }
    Ok(())
}

pub const READ_ONLY: &[&str] = &[
    "id",
    "can_configure_wordpress",
    "can_reset_passwords",
    "can_upload_vcl",
    "has_improved_ssl_config",
    "has_pci_passwords",
    "created_at",
    "updated_at",
    "deleted_at",
    "has_config_panel",
];

const BOOLS: &[&str] = &[
    "force_2fa",
    "force_sso",
    "has_account_panel",
    "has_improved_events",
    "has_openstack_logging",
    "has_pci",
];

/// The attributes a PUT may change (in this order, the `changed` list of its event).
pub const WRITABLE: &[&str] = &[
    "name",
    "owner_id",
    "phone_number",
    "postal_address",
    "billing_contact_id",
    "legal_contact_id",
    "security_contact_id",
    "technical_contact_id",
    "billing_network_type",
    "billing_ref",
    "pricing_plan",
    "pricing_plan_id",
    "ip_whitelist",
    "force_2fa",
    "force_sso",
    "has_account_panel",
    "has_improved_events",
    "has_openstack_logging",
    "has_pci",
];

fn nullable(v: &str) -> Option<String> {
    if v.is_empty() {
        None
    } else {
        Some(v.to_string())
    }
}

/// Validate and apply a form-encoded update. All or nothing.
pub fn update_customer(
    store: &mut Store,
    p: &Principal,
    customer_id: &str,
    pairs: &[(String, String)],
) -> Result<(), ApiError> {
    let current = store
        .customers
        .get(customer_id)
        .ok_or_else(|| ApiError::not_found("Customer", customer_id))?;
    check_write(p, current)?;
    let mut c = current.clone();
    let old_force_2fa = c.force_2fa;

    for (k, v) in pairs {
        let k = k.as_str();
        if READ_ONLY.contains(&k) {
            return Err(ApiError::bad_request(format!(
                "Attribute '{k}' is read-only"
            )));
        }
        if !WRITABLE.contains(&k) {
            return Err(ApiError::bad_request(format!("Unknown attribute '{k}'")));
        }
        if BOOLS.contains(&k) {
            let b = parse_bool(v).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "{k}: '{v}' is not a boolean (use true, false, 1 or 0)"
                ))
            })?;
            let slot = match k {
                "force_2fa" => &mut c.force_2fa,
                "force_sso" => &mut c.force_sso,
                "has_account_panel" => &mut c.has_account_panel,
                "has_improved_events" => &mut c.has_improved_events,
                "has_openstack_logging" => &mut c.has_openstack_logging,
                _ => &mut c.has_pci,
            };
            if (k == "force_2fa" || k == "force_sso") && *slot != b && p.role != "superuser" {
                return Err(ApiError::forbidden_jsonapi(format!(
                    "Only a superuser may change {k} (your role: {})",
                    p.role
                )));
            }
            *slot = b;
            continue;
        }
        match k {
            "name" => {
                if v.trim().is_empty() {
                    return Err(ApiError::bad_request("name: must not be empty"));
                }
                c.name = v.clone();
            }
            "owner_id" => {
                if !store.is_user_of(v, customer_id) {
                    return Err(ApiError::bad_request(format!(
                        "owner_id: '{v}' is not a user of customer '{customer_id}'"
                    )));
                }
                c.owner_id = v.clone();
            }
            "billing_contact_id"
            | "legal_contact_id"
            | "security_contact_id"
            | "technical_contact_id" => {
                let val = nullable(v);
                if let Some(id) = &val {
                    if !store.is_user_of(id, customer_id) {
                        return Err(ApiError::bad_request(format!(
                            "{k}: '{id}' is not a user of customer '{customer_id}'"
                        )));
                    }
                }
                match k {
                    "billing_contact_id" => c.billing_contact_id = val,
                    "legal_contact_id" => c.legal_contact_id = val,
                    "security_contact_id" => c.security_contact_id = val,
                    _ => c.technical_contact_id = val,
                }
            }
            "phone_number" => c.phone_number = v.clone(),
            "postal_address" => c.postal_address = nullable(v),
            "billing_ref" => c.billing_ref = nullable(v),
            "billing_network_type" => {
                if v != "public" && v != "private" {
                    return Err(ApiError::bad_request(format!(
                        "billing_network_type: '{v}' must be 'public' or 'private'"
                    )));
                }
                c.billing_network_type = v.clone();
            }
            "pricing_plan" => c.pricing_plan = v.clone(),
            "pricing_plan_id" => c.pricing_plan_id = v.clone(),
            "ip_whitelist" => {
                validate_ip_whitelist(v).map_err(ApiError::bad_request)?;
                c.ip_whitelist = v.trim().to_string();
            }
            _ => unreachable!("{k} is writable"),
        }
    }
    c.updated_at = Some(now_rfc3339());
    if !old_force_2fa && c.force_2fa {
        // Enabling company-wide 2FA logs out every user of the customer without 2FA.
        let ids: Vec<String> = store
            .customer_users
            .get(customer_id)
            .map(|ids| {
                ids.iter()
                    .filter(|id| {
                        store
                            .users
                            .get(*id)
                            .map(|u| u.two_factor_auth_enabled != Some(true))
                            .unwrap_or(false)
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        store.logged_out.extend(ids);
    }
    store.customers.insert(customer_id.to_string(), c);
    Ok(())
}

pub const CONTACT_TYPES: &[&str] = &[
    "primary",
    "billing",
    "technical",
    "security",
    "emergency",
    "general compliance",
];

pub fn create_contact(
    store: &mut Store,
    p: &Principal,
    customer_id: &str,
    pairs: &[(String, String)],
) -> Result<Contact, ApiError> {
    let c = store
        .customers
        .get(customer_id)
        .ok_or_else(|| ApiError::not_found("Customer", customer_id))?;
    check_write(p, c)?;
    let mut contact_type = None;
    let mut user_id = None;
    let mut name = None;
    let mut email = None;
    let mut phone = None;
    for (k, v) in pairs {
        let v = nullable(v.trim());
        match k.as_str() {
            "contact_type" => contact_type = v,
            "user_id" => user_id = v,
            "name" => name = v,
            "email" => email = v,
            "phone" => phone = v,
            // Documented: may be sent, and must name the customer of the path.
            "customer_id" => {
                if v.as_deref() != Some(customer_id) {
                    return Err(ApiError::bad_request(format!(
                        "customer_id: '{}' is not the customer of this path ('{customer_id}')",
                        v.as_deref().unwrap_or("")
                    )));
                }
            }
            "id" | "created_at" | "updated_at" | "deleted_at" => {
                return Err(ApiError::bad_request(format!(
                    "Attribute '{k}' is read-only"
                )))
            }
            other => {
                return Err(ApiError::bad_request(format!(
                    "Unknown attribute '{other}'"
                )))
            }
        }
    }
    let contact_type =
        contact_type.ok_or_else(|| ApiError::bad_request("contact_type: is required"))?;
    if !CONTACT_TYPES.contains(&contact_type.as_str()) {
        return Err(ApiError::bad_request(format!(
            "contact_type: '{contact_type}' must be one of primary, billing, technical, security, emergency, general compliance"
        )));
    }
    match &user_id {
        Some(uid) => {
            if !store.is_user_of(uid, customer_id) {
                return Err(ApiError::bad_request(format!(
                    "user_id: '{uid}' is not a user of customer '{customer_id}'"
                )));
            }
        }
        None => {
            if name.is_none() || email.is_none() {
                return Err(ApiError::bad_request(
                    "Either user_id or both name and email are required",
                ));
            }
        }
    }
    if matches!(contact_type.as_str(), "primary" | "technical" | "security") && phone.is_none() {
        return Err(ApiError::bad_request(format!(
            "phone: is required for a {contact_type} contact"
        )));
    }
    let now = now_rfc3339();
    let contact = Contact {
        id: store.new_contact_id(),
        user_id,
        contact_type,
        name,
        email,
        phone,
        customer_id: customer_id.to_string(),
        created_at: Some(now.clone()),
        updated_at: Some(now),
        deleted_at: None,
    };
    store
        .contacts
        .entry(customer_id.to_string())
        .or_default()
        .push(contact.clone());
    Ok(contact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: &str, support: bool, read_only: bool) -> Principal {
        Principal {
            token: "test-token".into(),
            user_id: "u".into(),
            customer_id: "c".into(),
            role: role.into(),
            read_only,
            support,
        }
    }

    #[test]
    fn the_audit_log_is_for_superusers_and_support_staff() {
        for role in [
            "user",
            "billing",
            "engineer",
            "tls_viewer",
            "tls_admin",
            "",
            "Superuser",
        ] {
            match check_audit_log(&principal(role, false, false)) {
                Err(ApiError::JsonApi(s, _, d)) => {
                    assert_eq!(s, axum::http::StatusCode::FORBIDDEN, "{role}");
                    assert_eq!(d, AUDIT_LOG_SUPERUSERS_ONLY);
                }
                other => panic!("{role}: {other:?}"),
            }
        }
        assert!(check_audit_log(&principal("superuser", false, false)).is_ok());
        assert!(check_audit_log(&principal("superuser", false, true)).is_ok());
        // Support staff, whatever their role.
        assert!(check_audit_log(&principal("superuser", true, false)).is_ok());
        assert!(check_audit_log(&principal("engineer", true, false)).is_ok());
    }

    #[test]
    fn allowlist_entries() {
        for ok in [
            "0.0.0.0/0",
            "192.168.0.1",
            "192.168.0.0/24",
            "10.0.0.0/8",
            "1.2.3.4/32",
            "192.168.0.*",
            "192.168.*.*",
            "10.*.*.*",
            "192.168.*.1",
            "192.*.0.1",
            "10.*.*.7",
        ] {
            assert!(valid_ip_entry(ok), "{ok}");
        }
        for bad in [
            "300.1.1.1",
            "1.2.3",
            "1.2.3.4/33",
            "1.2.3.4/",
            "*.*.*.*",
            "*.168.0.1",
            "::1",
            "",
            "a.b.c.d",
            "1.2.3.4.5",
            "192.168.0.0/2a",
            "192.168.1*.1",
            "192.168.*1.1",
            "192.168.**.1",
            "192.168.*.0/24",
            "192.168.0.*/24",
            "192.168.*.300",
            "192.168. *.1",
        ] {
            assert!(!valid_ip_entry(bad), "{bad}");
        }
        assert!(validate_ip_whitelist(" 10.0.0.1 , 192.168.*.*").is_ok());
        assert_eq!(
            validate_ip_whitelist("10.0.0.1,300.1.1.1").unwrap_err(),
            "ip_whitelist: '300.1.1.1' is not a valid IPv4 address, CIDR range or wildcard"
        );
    }
}
