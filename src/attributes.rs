//! The one table of Customer attributes.
//!
//! Every page that shows or edits a Customer renders from [`ATTRIBUTES`]; parsing,
//! permissions, validation and form encoding read it too. Adding an attribute is one
//! entry here.

/// How an attribute's value is shown, edited, validated and encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An opaque identifier (copyable, never edited).
    Id,
    Text,
    Multiline,
    Phone,
    Bool,
    /// One of a fixed set of values: (API value, label).
    Enum(&'static [(&'static str, &'static str)]),
    /// Fastly's comma-separated login IP allowlist.
    IpAllowlist,
    /// The id of a user of this customer.
    UserRef,
    Timestamp,
}

impl Kind {
    pub fn is_bool(self) -> bool {
        matches!(self, Kind::Bool)
    }
    pub fn is_timestamp(self) -> bool {
        matches!(self, Kind::Timestamp)
    }
}

/// Where an attribute appears on the settings page, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Profile,
    Security,
    Billing,
    Capabilities,
    Contacts,
    Record,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Profile,
        Group::Security,
        Group::Billing,
        Group::Capabilities,
        Group::Contacts,
        Group::Record,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Profile => "Company profile",
            Group::Security => "Security",
            Group::Billing => "Billing",
            Group::Capabilities => "Capabilities",
            Group::Contacts => "Contacts",
            Group::Record => "Record",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Group::Profile => "profile",
            Group::Security => "security",
            Group::Billing => "billing",
            Group::Capabilities => "capabilities",
            Group::Contacts => "contacts",
            Group::Record => "record",
        }
    }
}

/// Who may change an attribute (before the customer's state and the view are considered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Editors {
    /// Read-only: set by Fastly, never sent in an update.
    Nobody,
    /// The account owner or a superuser of the customer.
    OwnerOrSuperuser,
    /// Only a superuser of the customer (company-wide 2FA and SSO).
    Superuser,
}

#[derive(Clone, Copy, Debug)]
pub struct Attribute {
    /// The API's name for it, also the `data-field` hook.
    pub name: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub group: Group,
    pub kind: Kind,
    pub editors: Editors,
    /// May be `null` (cleared by sending an empty value).
    pub nullable: bool,
    /// A value the user must supply when editing.
    pub required: bool,
}

impl Attribute {
    pub fn read_only(&self) -> bool {
        self.editors == Editors::Nobody
    }
}

const NETWORK_TYPES: &[(&str, &str)] = &[("public", "Public"), ("private", "Private")];

macro_rules! attr {
    ($name:literal, $label:literal, $group:ident, $kind:expr, $editors:ident, nullable: $nullable:literal, required: $required:literal, $help:literal) => {
        Attribute {
            name: $name,
            label: $label,
            help: $help,
            group: Group::$group,
            kind: $kind,
            editors: Editors::$editors,
            nullable: $nullable,
            required: $required,
        }
    };
}

/// All 28 Customer attributes, in display order within their groups.
pub const ATTRIBUTES: &[Attribute] = &[
    // Company profile
    attr!("name", "Company name", Profile, Kind::Text, OwnerOrSuperuser, nullable: false, required: true,
        "The name of the customer, generally the company name."),
    attr!("phone_number", "Phone number", Profile, Kind::Phone, OwnerOrSuperuser, nullable: false, required: true,
        "The phone number associated with the account."),
    attr!("postal_address", "Postal address", Profile, Kind::Multiline, OwnerOrSuperuser, nullable: true, required: false,
        "The postal address associated with the account."),
    // Security
    attr!("force_2fa", "Require two-factor authentication", Security, Kind::Bool, Superuser, nullable: false, required: false,
        "Whether 2FA is forced on the account. Enabling it logs out every user who has not set up 2FA."),
    attr!("force_sso", "Require single sign-on", Security, Kind::Bool, Superuser, nullable: false, required: false,
        "Whether SSO is forced on the customer account."),
    attr!("ip_whitelist", "Login IP allowlist", Security, Kind::IpAllowlist, OwnerOrSuperuser, nullable: false, required: false,
        "The range of IP addresses authorized to access the customer account: IPv4 addresses, CIDR ranges or wildcards."),
    // Billing
    attr!("pricing_plan", "Pricing plan", Billing, Kind::Text, OwnerOrSuperuser, nullable: false, required: false,
        "The pricing plan this customer is under."),
    attr!("pricing_plan_id", "Pricing plan ID", Billing, Kind::Text, OwnerOrSuperuser, nullable: false, required: false,
        "The alphanumeric string identifying the pricing plan."),
    attr!("billing_network_type", "Network revenue type", Billing, Kind::Enum(NETWORK_TYPES), OwnerOrSuperuser, nullable: false, required: false,
        "Customer's current network revenue type."),
    attr!("billing_ref", "Purchase order reference", Billing, Kind::Text, OwnerOrSuperuser, nullable: true, required: false,
        "Used for adding purchase orders to the customer's account."),
    // Capabilities
    attr!("has_account_panel", "Account panel", Capabilities, Kind::Bool, OwnerOrSuperuser, nullable: false, required: false,
        "Whether the account has access to the account panel."),
    attr!("has_improved_events", "Improved events", Capabilities, Kind::Bool, OwnerOrSuperuser, nullable: false, required: false,
        "Whether the account has access to the improved events."),
    attr!("has_openstack_logging", "OpenStack logging", Capabilities, Kind::Bool, OwnerOrSuperuser, nullable: false, required: false,
        "Whether the account has enabled OpenStack logging."),
    attr!("has_pci", "PCI for services", Capabilities, Kind::Bool, OwnerOrSuperuser, nullable: false, required: false,
        "Whether the account can edit PCI for a service."),
    attr!("can_configure_wordpress", "WordPress configuration", Capabilities, Kind::Bool, Nobody, nullable: true, required: false,
        "Whether this customer can view or edit WordPress."),
    attr!("can_reset_passwords", "Password resets", Capabilities, Kind::Bool, Nobody, nullable: false, required: false,
        "Whether this customer can reset passwords."),
    attr!("can_upload_vcl", "Custom VCL upload", Capabilities, Kind::Bool, Nobody, nullable: false, required: false,
        "Whether this customer can upload VCL."),
    attr!("has_improved_ssl_config", "Improved SSL configuration", Capabilities, Kind::Bool, Nobody, nullable: false, required: false,
        "Whether this customer can view or edit the SSL config."),
    attr!("has_pci_passwords", "PCI passwords", Capabilities, Kind::Bool, Nobody, nullable: false, required: false,
        "Whether PCI passwords are required for the account."),
    // Contacts (assigned on the contacts page)
    attr!("owner_id", "Account owner", Contacts, Kind::UserRef, OwnerOrSuperuser, nullable: false, required: true,
        "The user who owns the account."),
    attr!("billing_contact_id", "Billing contact", Contacts, Kind::UserRef, OwnerOrSuperuser, nullable: true, required: false,
        "The primary billing contact. The account owner when none is set."),
    attr!("legal_contact_id", "Legal contact", Contacts, Kind::UserRef, OwnerOrSuperuser, nullable: true, required: false,
        "The account's legal contact."),
    attr!("security_contact_id", "Security contact", Contacts, Kind::UserRef, OwnerOrSuperuser, nullable: true, required: false,
        "The account's security contact."),
    attr!("technical_contact_id", "Technical contact", Contacts, Kind::UserRef, OwnerOrSuperuser, nullable: true, required: false,
        "The account's technical contact."),
    // Record
    attr!("id", "Customer ID", Record, Kind::Id, Nobody, nullable: false, required: false,
        "Alphanumeric string identifying the customer."),
    attr!("created_at", "Created", Record, Kind::Timestamp, Nobody, nullable: true, required: false,
        "When the customer was created."),
    attr!("updated_at", "Last updated", Record, Kind::Timestamp, Nobody, nullable: true, required: false,
        "When the customer was last changed."),
    attr!("deleted_at", "Deleted", Record, Kind::Timestamp, Nobody, nullable: true, required: false,
        "When the customer was deleted."),
];

pub fn attribute(name: &str) -> Option<&'static Attribute> {
    ATTRIBUTES.iter().find(|a| a.name == name)
}

pub fn in_group(group: Group) -> impl Iterator<Item = &'static Attribute> {
    ATTRIBUTES.iter().filter(move |a| a.group == group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_has_the_28_attributes_once_each() {
        assert_eq!(ATTRIBUTES.len(), 28);
        let names: HashSet<_> = ATTRIBUTES.iter().map(|a| a.name).collect();
        assert_eq!(names.len(), 28, "duplicate attribute name");
    }

    #[test]
    fn the_documented_read_only_attributes_are_read_only() {
        for name in [
            "id", "can_configure_wordpress", "can_reset_passwords", "can_upload_vcl",
            "has_improved_ssl_config", "has_pci_passwords", "created_at", "updated_at", "deleted_at",
        ] {
            assert!(attribute(name).unwrap().read_only(), "{name} must be read-only");
        }
    }

    #[test]
    fn company_wide_2fa_and_sso_are_superuser_only() {
        assert_eq!(attribute("force_2fa").unwrap().editors, Editors::Superuser);
        assert_eq!(attribute("force_sso").unwrap().editors, Editors::Superuser);
    }

    #[test]
    fn every_group_has_attributes_and_labels_are_unique() {
        for g in Group::ALL {
            assert!(in_group(g).count() > 0, "{g:?} is empty");
        }
        let labels: HashSet<_> = ATTRIBUTES.iter().map(|a| a.label).collect();
        assert_eq!(labels.len(), ATTRIBUTES.len());
    }
}
