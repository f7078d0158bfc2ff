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

/// What a `null` value means, to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenNull {
    /// "Not set" ("Not assigned" for a user).
    NotSet,
    /// Fastly falls back to the account owner (the billing contact).
    Owner,
}

/// Whether a change asks first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    Never,
    /// Turning a switch on asks first (with these words); turning it off does not.
    OnEnable(SwitchConfirmation),
    /// Saving any change asks first, naming the old and the new value.
    OnChange,
}

/// The words of the question before a switch is turned on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwitchConfirmation {
    pub title: &'static str,
    pub confirm_label: &'static str,
    /// What happens, for the dialog's text.
    pub consequence: &'static str,
    /// The dialog lists the users without 2FA, who will be logged out.
    pub lists_users_without_2fa: bool,
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
    /// What `null` reads as.
    pub when_null: WhenNull,
    /// Whether a change asks first.
    pub confirm: Confirm,
    /// One of the five contact roles (a user of the customer holds it).
    pub contact_role: bool,
    /// Warn when the user holding it has no two-factor authentication.
    pub warn_without_2fa: bool,
    /// The browser's autofill hint for its text input.
    pub autocomplete: &'static str,
    /// Its value gets a "Copy" button where shown as text.
    pub copyable: bool,
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
            when_null: WhenNull::NotSet,
            confirm: Confirm::Never,
            contact_role: false,
            warn_without_2fa: false,
            autocomplete: "off",
            copyable: false,
        }
    };
}

/// Contact roles: user references assigned on the contacts page.
macro_rules! contact {
    ($name:literal, $label:literal, nullable: $nullable:literal, required: $required:literal, $help:literal) => {
        Attribute {
            contact_role: true,
            ..attr!($name, $label, Contacts, Kind::UserRef, OwnerOrSuperuser, nullable: $nullable, required: $required, $help)
        }
    };
}

/// The attribute that names the account owner.
pub const OWNER_ID: &str = "owner_id";

/// All 28 Customer attributes, in display order within their groups.
pub const ATTRIBUTES: &[Attribute] = &[
    // Company profile
    Attribute {
        autocomplete: "organization",
        ..attr!("name", "Company name", Profile, Kind::Text, OwnerOrSuperuser, nullable: false, required: true,
            "The name of the customer, generally the company name.")
    },
    Attribute {
        autocomplete: "tel",
        ..attr!("phone_number", "Phone number", Profile, Kind::Phone, OwnerOrSuperuser, nullable: false, required: true,
            "The phone number associated with the account.")
    },
    attr!("postal_address", "Postal address", Profile, Kind::Multiline, OwnerOrSuperuser, nullable: true, required: false,
        "The postal address associated with the account."),
    // Security
    Attribute {
        confirm: Confirm::OnEnable(SwitchConfirmation {
            title: "Require two-factor authentication?",
            confirm_label: "Require 2FA",
            consequence: "Every user without two-factor authentication will be logged out when you save.",
            lists_users_without_2fa: true,
        }),
        ..attr!("force_2fa", "Require two-factor authentication", Security, Kind::Bool, Superuser, nullable: false, required: false,
            "Whether 2FA is forced on the account. Enabling it logs out every user who has not set up 2FA.")
    },
    Attribute {
        confirm: Confirm::OnEnable(SwitchConfirmation {
            title: "Require single sign-on?",
            confirm_label: "Require SSO",
            consequence: "Every user of this customer will have to sign in with single sign-on. This takes effect when you save.",
            lists_users_without_2fa: false,
        }),
        ..attr!("force_sso", "Require single sign-on", Security, Kind::Bool, Superuser, nullable: false, required: false,
            "Whether SSO is forced on the customer account.")
    },
    attr!("ip_whitelist", "Login IP allowlist", Security, Kind::IpAllowlist, OwnerOrSuperuser, nullable: false, required: false,
        "The range of IP addresses authorized to access the customer account: IPv4 addresses, CIDR ranges or wildcards."),
    // Billing
    attr!("pricing_plan", "Pricing plan", Billing, Kind::Text, OwnerOrSuperuser, nullable: false, required: false,
        "The pricing plan this customer is under."),
    Attribute {
        copyable: true,
        ..attr!("pricing_plan_id", "Pricing plan ID", Billing, Kind::Text, OwnerOrSuperuser, nullable: false, required: false,
            "The alphanumeric string identifying the pricing plan.")
    },
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
    Attribute {
        confirm: Confirm::OnChange,
        ..contact!("owner_id", "Account owner", nullable: false, required: true,
            "The user who owns the account.")
    },
    Attribute {
        when_null: WhenNull::Owner,
        ..contact!("billing_contact_id", "Billing contact", nullable: true, required: false,
            "The primary billing contact. The account owner when none is set.")
    },
    contact!("legal_contact_id", "Legal contact", nullable: true, required: false,
        "The account's legal contact."),
    Attribute {
        warn_without_2fa: true,
        ..contact!("security_contact_id", "Security contact", nullable: true, required: false,
            "The account's security contact.")
    },
    contact!("technical_contact_id", "Technical contact", nullable: true, required: false,
        "The account's technical contact."),
    // Record
    Attribute {
        copyable: true,
        ..attr!("id", "Customer ID", Record, Kind::Id, Nobody, nullable: false, required: false,
            "Alphanumeric string identifying the customer.")
    },
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

/// The attribute of `name`, when the table has it and it asks before any change.
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
            "id",
            "can_configure_wordpress",
            "can_reset_passwords",
            "can_upload_vcl",
            "has_improved_ssl_config",
            "has_pci_passwords",
            "created_at",
            "updated_at",
            "deleted_at",
        ] {
            assert!(
                attribute(name).unwrap().read_only(),
                "{name} must be read-only"
            );
        }
    }

    #[test]
    fn company_wide_2fa_and_sso_are_superuser_only() {
        assert_eq!(attribute("force_2fa").unwrap().editors, Editors::Superuser);
        assert_eq!(attribute("force_sso").unwrap().editors, Editors::Superuser);
    }

    #[test]
    fn special_rules_live_in_the_table() {
        let on_enable: Vec<_> = ATTRIBUTES
            .iter()
            .filter(|a| matches!(a.confirm, Confirm::OnEnable(_)))
            .map(|a| a.name)
            .collect();
        assert_eq!(on_enable, ["force_2fa", "force_sso"]);
        let confirms_change =
            |n: &str| attribute(n).is_some_and(|a| a.confirm == Confirm::OnChange);
        assert!(confirms_change(OWNER_ID) && !confirms_change("legal_contact_id"));
        assert_eq!(
            attribute("billing_contact_id").unwrap().when_null,
            WhenNull::Owner
        );
        let roles: Vec<_> = ATTRIBUTES
            .iter()
            .filter(|a| a.contact_role)
            .map(|a| a.name)
            .collect();
        assert_eq!(
            roles,
            [
                "owner_id",
                "billing_contact_id",
                "legal_contact_id",
                "security_contact_id",
                "technical_contact_id"
            ]
        );
        assert!(roles
            .iter()
            .all(|r| attribute(r).unwrap().kind == Kind::UserRef));
        let warn: Vec<_> = ATTRIBUTES
            .iter()
            .filter(|a| a.warn_without_2fa)
            .map(|a| a.name)
            .collect();
        assert_eq!(warn, ["security_contact_id"]);
        assert_eq!(attribute("name").unwrap().autocomplete, "organization");
        let copyable: Vec<_> = ATTRIBUTES
            .iter()
            .filter(|a| a.copyable)
            .map(|a| a.name)
            .collect();
        assert_eq!(copyable, ["pricing_plan_id", "id"]);
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
