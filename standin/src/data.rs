//! Deterministic demo data. Ids and tokens are fixed: the console's tests depend on them.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::store::{mkid, Contact, Customer, Event, Store, Token, User};

pub const ACME: &str = "7XbRfLq2Zk9mWcT4pN1sVe";
pub const GLOBEX: &str = "3GxTq8LmZp2RkW7vNc5bYh";
pub const INITECH: &str = "9InTcH4dEl3tEdQw2ZxCvB";
pub const SUPPORT: &str = "5SuPpOrT7fAsTlYhQ8mN2k";

pub const ACME_OWNER: &str = "acmeOwner0000000000001";
pub const ACME_SUPER: &str = "acmeSuper0000000000002";
pub const ACME_ENGINEER: &str = "acmeEngineer0000000003";
pub const ACME_BILLING: &str = "acmeBilling00000000004";
pub const ACME_USER: &str = "acmeUser00000000000005";
/// Acme engineer without 2FA: the security contact.
pub const ACME_NOMFA_ENGINEER: &str = "acmeEngineer0000000008";
/// Acme user without 2FA: holder of `acme-nomfa-token`.
pub const ACME_NOMFA_USER: &str = "acmeUser00000000000009";
pub const GLOBEX_OWNER: &str = "globexOwner00000000001";
pub const GHOST_USER: &str = "ghostUser0000000000099";
pub const INITECH_OWNER: &str = "initechOwner0000000001";
pub const SUPPORT_STAFF: &str = "supportStaff0000000001";

pub const GLOBEX_USER_COUNT: u64 = 10_000;

#[allow(clippy::too_many_arguments)]
fn user(
    id: &str,
    name: &str,
    login: &str,
    role: &str,
    customer_id: &str,
    tfa: Option<bool>,
    created_at: &str,
    last_active_at: Option<&str>,
) -> User {
    User {
        id: id.into(),
        login: login.into(),
        name: name.into(),
        role: role.into(),
        customer_id: customer_id.into(),
        locked: Some(false),
        require_new_password: Some(false),
        two_factor_auth_enabled: tfa,
        limit_services: false,
        created_at: Some(created_at.into()),
        updated_at: Some(created_at.into()),
        deleted_at: None,
        last_active_at: last_active_at.map(Into::into),
    }
}

#[allow(clippy::too_many_arguments)]
fn contact(
    id: &str,
    customer_id: &str,
    contact_type: &str,
    user_id: Option<&str>,
    name: Option<&str>,
    email: Option<&str>,
    phone: Option<&str>,
    created_at: &str,
) -> Contact {
    Contact {
        id: id.into(),
        user_id: user_id.map(Into::into),
        contact_type: contact_type.into(),
        name: name.map(Into::into),
        email: email.map(Into::into),
        phone: phone.map(Into::into),
        customer_id: customer_id.into(),
        created_at: Some(created_at.into()),
        updated_at: Some(created_at.into()),
        deleted_at: None,
    }
}

fn token(store: &mut Store, token: &str, user_id: &str, scope: &str) {
    store.tokens.insert(
        token.into(),
        Token {
            name: token.into(),
            user_id: user_id.into(),
            scope: scope.into(),
        },
    );
}

pub fn seed() -> Store {
    let mut s = Store::default();
    seed_acme(&mut s);
    seed_globex(&mut s);
    seed_initech(&mut s);
    seed_support(&mut s);

    token(&mut s, "acme-owner-token", ACME_OWNER, "global");
    token(&mut s, "acme-superuser-token", ACME_SUPER, "global");
    token(&mut s, "acme-engineer-token", ACME_ENGINEER, "global");
    token(&mut s, "acme-billing-token", ACME_BILLING, "global");
    token(&mut s, "acme-user-token", ACME_USER, "global");
    token(&mut s, "acme-readonly-token", ACME_SUPER, "global:read");
    token(&mut s, "acme-nomfa-token", ACME_NOMFA_USER, "global");
    token(&mut s, "globex-owner-token", GLOBEX_OWNER, "global");
    token(&mut s, "initech-owner-token", INITECH_OWNER, "global");
    token(&mut s, "support-token", SUPPORT_STAFF, "global");
    s.support_staff.insert(SUPPORT_STAFF.into());
    seed_events(&mut s, Utc::now());
    // The test controls' clock starts now: revision 1 of every customer at 0 ms.
    s.epoch = crate::store::Epoch::default();
    s.start_history();
    s
}

fn seed_acme(s: &mut Store) {
    s.customers.insert(
        ACME.into(),
        Customer {
            id: ACME.into(),
            name: "Acme Widgets Ltd".into(),
            owner_id: ACME_OWNER.into(),
            phone_number: "+44 20 7946 0958".into(),
            postal_address: Some(
                "Acme Widgets Ltd\n12 Foundry Lane\nManchester M4 5JD\nUnited Kingdom".into(),
            ),
            billing_contact_id: None,
            legal_contact_id: Some(ACME_BILLING.into()),
            security_contact_id: Some(ACME_NOMFA_ENGINEER.into()),
            technical_contact_id: Some(ACME_ENGINEER.into()),
            billing_network_type: "public".into(),
            billing_ref: Some("PO-2026-0042".into()),
            pricing_plan: "Enterprise".into(),
            pricing_plan_id: "ppEnterprise2021aB3xYz".into(),
            ip_whitelist: "0.0.0.0/0".into(),
            force_2fa: false,
            force_sso: false,
            has_account_panel: true,
            has_improved_events: true,
            has_openstack_logging: false,
            has_pci: false,
            can_configure_wordpress: None,
            can_reset_passwords: true,
            can_upload_vcl: true,
            has_improved_ssl_config: true,
            has_pci_passwords: false,
            created_at: Some("2019-03-18T09:12:44Z".into()),
            updated_at: Some("2026-02-11T16:42:07Z".into()),
            deleted_at: None,
        },
    );
    let c = ACME;
    let mut users = vec![
        user(
            ACME_OWNER,
            "Ada Okafor",
            "ada@acme.example",
            "superuser",
            c,
            Some(true),
            "2019-03-18T09:12:44Z",
            Some("2026-04-02T08:15:00Z"),
        ),
        user(
            ACME_SUPER,
            "Ravi Shah",
            "ravi.shah@acme.example",
            "superuser",
            c,
            Some(true),
            "2019-05-02T11:03:10Z",
            Some("2026-04-01T17:40:12Z"),
        ),
        user(
            ACME_ENGINEER,
            "Elena Petrova",
            "elena.petrova@acme.example",
            "engineer",
            c,
            Some(true),
            "2020-01-14T10:20:00Z",
            Some("2026-04-02T07:55:31Z"),
        ),
        user(
            ACME_BILLING,
            "Bill Moreno",
            "bill.moreno@acme.example",
            "billing",
            c,
            Some(true),
            "2020-06-30T14:45:09Z",
            Some("2026-03-28T12:00:45Z"),
        ),
        user(
            ACME_USER,
            "Uma Lindqvist",
            "uma.lindqvist@acme.example",
            "user",
            c,
            Some(true),
            "2021-02-08T08:30:00Z",
            Some("2026-03-30T09:10:10Z"),
        ),
        user(
            "acmeTlsView00000000006",
            "Tomás Herrera",
            "tomas.herrera@acme.example",
            "tls_viewer",
            c,
            Some(true),
            "2021-09-21T13:00:00Z",
            Some("2026-03-11T15:22:03Z"),
        ),
        user(
            "acmeTlsAdmin0000000007",
            "Priya Natarajan",
            "priya.natarajan@acme.example",
            "tls_admin",
            c,
            Some(true),
            "2022-01-10T09:00:00Z",
            Some("2026-03-25T10:01:59Z"),
        ),
        user(
            ACME_NOMFA_ENGINEER,
            "Kenji Watanabe",
            "kenji.watanabe@acme.example",
            "engineer",
            c,
            Some(false),
            "2022-04-04T16:18:27Z",
            Some("2026-03-31T19:47:20Z"),
        ),
        user(
            ACME_NOMFA_USER,
            "Noah Fischer",
            "noah.fischer@acme.example",
            "user",
            c,
            Some(false),
            "2022-11-15T12:12:12Z",
            Some("2026-02-27T08:05:00Z"),
        ),
        user(
            "acmeUser00000000000010",
            "Chloé Dubois",
            "chloe.dubois@acme.example",
            "user",
            c,
            None,
            "2023-03-01T10:00:00Z",
            None,
        ),
        user(
            "acmeEngineer0000000011",
            "Marcus Bell",
            "marcus.bell@acme.example",
            "engineer",
            c,
            Some(true),
            "2023-06-19T09:45:00Z",
            Some("2025-11-03T14:30:00Z"),
        ),
        user(
            "acmeUser00000000000012",
            "Fatima Zahra",
            "fatima.zahra@acme.example",
            "user",
            c,
            Some(true),
            "2023-08-07T11:11:11Z",
            Some("2025-12-19T16:00:00Z"),
        ),
        user(
            "acmeBilling00000000013",
            "Hannah Kim",
            "hannah.kim@acme.example",
            "billing",
            c,
            Some(true),
            "2024-02-12T10:30:00Z",
            Some("2026-03-20T11:25:00Z"),
        ),
        user(
            "acmeEngineer0000000014",
            "Diego Álvarez",
            "diego.alvarez@acme.example",
            "engineer",
            c,
            Some(true),
            "2024-10-01T08:00:00Z",
            Some("2026-04-01T06:59:59Z"),
        ),
        user(
            "acmeUser00000000000015",
            "Olivia Brown",
            "olivia.brown@acme.example",
            "user",
            c,
            Some(true),
            "2025-12-01T09:00:00Z",
            None,
        ),
    ];
    // Chloé: a "real answer" user with nulls.
    users[9].locked = None;
    users[9].require_new_password = None;
    // Marcus is locked.
    users[10].locked = Some(true);
    // Fatima left: deleted.
    users[11].deleted_at = Some("2026-01-09T17:00:00Z".into());
    users[11].updated_at = Some("2026-01-09T17:00:00Z".into());
    // Diego may only see some services.
    users[13].limit_services = true;
    // Olivia has not set her password yet.
    users[14].require_new_password = Some(true);
    for u in users {
        s.add_user(u);
    }
    s.contacts.insert(
        ACME.into(),
        vec![
            contact(
                "acmeContact00000000001",
                c,
                "primary",
                None,
                Some("Ada Okafor"),
                Some("ada@acme.example"),
                Some("+44 20 7946 0958"),
                "2019-03-18T09:20:00Z",
            ),
            contact(
                "acmeContact00000000002",
                c,
                "billing",
                None,
                Some("Acme Accounts Payable"),
                Some("ap@acme.example"),
                None,
                "2019-03-18T09:21:00Z",
            ),
            contact(
                "acmeContact00000000003",
                c,
                "technical",
                Some(ACME_ENGINEER),
                None,
                None,
                Some("+44 20 7946 0101"),
                "2020-01-15T10:00:00Z",
            ),
            contact(
                "acmeContact00000000004",
                c,
                "security",
                None,
                Some("Acme Security Operations"),
                Some("soc@acme.example"),
                Some("+44 20 7946 0999"),
                "2021-05-05T12:00:00Z",
            ),
            contact(
                "acmeContact00000000005",
                c,
                "emergency",
                None,
                Some("Acme Ops On-Call"),
                Some("oncall@acme.example"),
                Some("+44 7700 900123"),
                "2022-07-07T07:07:07Z",
            ),
        ],
    );
}

const FIRST: &[&str] = &[
    "James", "Mary", "Wei", "Aisha", "Carlos", "Sofia", "Liam", "Yuki", "Omar", "Ingrid", "Mateo",
    "Zara", "Lucas", "Mei", "Arjun", "Nora", "Ethan", "Leila", "Hugo", "Amara", "Felix", "Chen",
    "Maya", "Tariq", "Elsa", "Diego", "Hana", "Ivan", "Lena", "Kwame", "Rosa", "Sven", "Anya",
    "Jonas", "Priya", "Malik", "Clara", "Tomas", "Nia", "Oscar", "Greta", "Raj",
];
const LAST: &[&str] = &[
    "Smith",
    "Garcia",
    "Chen",
    "Okafor",
    "Novak",
    "Silva",
    "Kowalski",
    "Tanaka",
    "Haddad",
    "Larsen",
    "Rossi",
    "Mensah",
    "Dubois",
    "Ivanova",
    "Patel",
    "Johansson",
    "Murphy",
    "Nakamura",
    "Schmidt",
    "Costa",
    "Fischer",
    "Ali",
    "Moreau",
    "Kim",
    "Andersen",
    "Lopez",
    "Nguyen",
    "Brennan",
    "Sato",
    "Weber",
    "Hughes",
    "Reyes",
    "Olsen",
    "Baptiste",
    "Kaur",
    "Morris",
    "Petrov",
    "Yilmaz",
    "Adeyemi",
    "Lindgren",
    "Park",
    "Walsh",
    "Herrera",
    "Volkov",
    "Mwangi",
    "Duarte",
    "Berg",
    "Cohen",
    "Ito",
    "Quinn",
];

fn day_stamp(base: NaiveDate, days: i64, secs: u32) -> String {
    let d = base + Duration::days(days);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        d.format("%Y-%m-%d"),
        (secs / 3600) % 24,
        (secs / 60) % 60,
        secs % 60
    )
}

fn seed_globex(s: &mut Store) {
    s.customers.insert(
        GLOBEX.into(),
        Customer {
            id: GLOBEX.into(),
            name: "Globex Streaming Inc".into(),
            owner_id: GLOBEX_OWNER.into(),
            phone_number: "+1 415 555 0142".into(),
            postal_address: Some(
                "Globex Streaming Inc\n500 Market Street, Suite 1200\nSan Francisco, CA 94105\nUSA"
                    .into(),
            ),
            billing_contact_id: Some(mkid("globexUser", 5)),
            legal_contact_id: Some(GHOST_USER.into()),
            security_contact_id: Some(mkid("globexUser", 12)),
            technical_contact_id: Some(mkid("globexUser", 10)),
            billing_network_type: "private".into(),
            billing_ref: Some("GLX-MSA-2023-117".into()),
            pricing_plan: "Enterprise Plus".into(),
            pricing_plan_id: "ppEntPlus2023Qw7RtY9u".into(),
            ip_whitelist: "192.168.0.0/24,10.0.*.*,203.0.113.7".into(),
            force_2fa: true,
            force_sso: false,
            has_account_panel: true,
            has_improved_events: true,
            has_openstack_logging: true,
            has_pci: true,
            can_configure_wordpress: Some(false),
            can_reset_passwords: true,
            can_upload_vcl: true,
            has_improved_ssl_config: true,
            has_pci_passwords: true,
            created_at: Some("2016-08-22T15:30:00Z".into()),
            updated_at: Some("2026-03-30T21:04:51Z".into()),
            deleted_at: None,
        },
    );
    s.add_user(user(
        GLOBEX_OWNER,
        "Grace Hopkins",
        "grace.hopkins@globex.example",
        "superuser",
        GLOBEX,
        Some(true),
        "2016-08-22T15:30:00Z",
        Some("2026-04-02T09:00:00Z"),
    ));
    let base = NaiveDate::from_ymd_opt(2016, 9, 1).unwrap();
    let recent = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    for i in 2..=GLOBEX_USER_COUNT {
        let first = FIRST[((i * 7) % FIRST.len() as u64) as usize];
        let last = LAST[((i * 13 + i / FIRST.len() as u64) % LAST.len() as u64) as usize];
        let role = match i % 100 {
            0..=1 => "superuser",
            2..=6 => "billing",
            7..=36 => "engineer",
            37..=41 => "tls_viewer",
            42..=44 => "tls_admin",
            _ => "user",
        };
        let tfa = if i % 10 == 7 {
            if i % 20 == 7 {
                None
            } else {
                Some(false)
            }
        } else {
            Some(true)
        };
        let created = day_stamp(base, ((i * 37) % 3400) as i64, ((i * 7919) % 86400) as u32);
        let active = day_stamp(
            recent,
            ((i * 11) % 180) as i64,
            ((i * 104729) % 86400) as u32,
        );
        let id = mkid("globexUser", i);
        let login = format!(
            "{}.{}{}@globex.example",
            first.to_lowercase(),
            last.to_lowercase(),
            i
        );
        let name = format!("{first} {last}");
        let mut u = user(
            &id,
            &name,
            &login,
            role,
            GLOBEX,
            tfa,
            &created,
            Some(&active),
        );
        if i % 11 == 5 {
            u.last_active_at = None;
        }
        if i % 9 == 4 {
            u.locked = None;
            u.require_new_password = None;
        }
        if i % 1250 == 3 {
            u.locked = Some(true);
        }
        if role == "engineer" && i % 3 == 0 {
            u.limit_services = true;
        }
        s.add_user(u);
    }
    s.contacts.insert(
        GLOBEX.into(),
        vec![
            contact(
                "globexContact000000001",
                GLOBEX,
                "primary",
                Some(GLOBEX_OWNER),
                None,
                None,
                Some("+1 415 555 0142"),
                "2016-08-22T15:40:00Z",
            ),
            contact(
                "globexContact000000002",
                GLOBEX,
                "billing",
                None,
                Some("Globex Finance"),
                Some("finance@globex.example"),
                None,
                "2016-08-22T15:41:00Z",
            ),
            contact(
                "globexContact000000003",
                GLOBEX,
                "security",
                None,
                Some("Globex PSIRT"),
                Some("psirt@globex.example"),
                Some("+1 415 555 0199"),
                "2018-02-02T10:00:00Z",
            ),
            contact(
                "globexContact000000004",
                GLOBEX,
                "general compliance",
                None,
                Some("Globex Compliance"),
                Some("compliance@globex.example"),
                None,
                "2021-11-11T11:11:11Z",
            ),
        ],
    );
}

fn seed_initech(s: &mut Store) {
    s.customers.insert(
        INITECH.into(),
        Customer {
            id: INITECH.into(),
            name: "Initech (closed)".into(),
            owner_id: INITECH_OWNER.into(),
            phone_number: "+1 512 555 0199".into(),
            postal_address: Some("Initech\n4120 Freidrich Lane\nAustin, TX 78744\nUSA".into()),
            billing_contact_id: None,
            legal_contact_id: None,
            security_contact_id: None,
            technical_contact_id: Some("initechEngineer0000002".into()),
            billing_network_type: "public".into(),
            billing_ref: None,
            pricing_plan: "Developer".into(),
            pricing_plan_id: "ppDeveloper2018Lm4Nb2".into(),
            ip_whitelist: "0.0.0.0/0".into(),
            force_2fa: false,
            force_sso: false,
            has_account_panel: false,
            has_improved_events: false,
            has_openstack_logging: false,
            has_pci: false,
            can_configure_wordpress: None,
            can_reset_passwords: false,
            can_upload_vcl: false,
            has_improved_ssl_config: false,
            has_pci_passwords: false,
            created_at: Some("2018-05-01T09:00:00Z".into()),
            updated_at: Some("2026-03-14T10:00:00Z".into()),
            deleted_at: Some("2026-03-14T10:00:00Z".into()),
        },
    );
    let c = INITECH;
    for u in [
        user(
            INITECH_OWNER,
            "Peter Gibbons",
            "peter.gibbons@initech.example",
            "superuser",
            c,
            Some(true),
            "2018-05-01T09:00:00Z",
            Some("2026-03-14T09:58:00Z"),
        ),
        user(
            "initechEngineer0000002",
            "Michael Bolton",
            "michael.bolton@initech.example",
            "engineer",
            c,
            Some(false),
            "2018-05-02T09:00:00Z",
            Some("2026-02-20T13:00:00Z"),
        ),
        user(
            "initechEngineer0000003",
            "Samir Nagheenanajar",
            "samir.n@initech.example",
            "engineer",
            c,
            None,
            "2018-05-02T09:05:00Z",
            None,
        ),
        user(
            "initechUser00000000004",
            "Milton Waddams",
            "milton.waddams@initech.example",
            "user",
            c,
            Some(false),
            "2018-05-03T09:00:00Z",
            Some("2025-07-04T12:00:00Z"),
        ),
    ] {
        s.add_user(u);
    }
    s.contacts.insert(
        INITECH.into(),
        vec![contact(
            "initechContact00000001",
            c,
            "primary",
            Some(INITECH_OWNER),
            None,
            None,
            Some("+1 512 555 0199"),
            "2018-05-01T09:10:00Z",
        )],
    );
}

fn seed_support(s: &mut Store) {
    s.customers.insert(
        SUPPORT.into(),
        Customer {
            id: SUPPORT.into(),
            name: "Console Support".into(),
            owner_id: SUPPORT_STAFF.into(),
            phone_number: "+1 555 0100".into(),
            postal_address: None,
            billing_contact_id: None,
            legal_contact_id: None,
            security_contact_id: None,
            technical_contact_id: None,
            billing_network_type: "public".into(),
            billing_ref: None,
            pricing_plan: "Internal".into(),
            pricing_plan_id: "ppInternal0000Zz9Yy8X".into(),
            ip_whitelist: "0.0.0.0/0".into(),
            force_2fa: true,
            force_sso: false,
            has_account_panel: true,
            has_improved_events: true,
            has_openstack_logging: false,
            has_pci: false,
            can_configure_wordpress: Some(false),
            can_reset_passwords: true,
            can_upload_vcl: false,
            has_improved_ssl_config: false,
            has_pci_passwords: false,
            created_at: Some("2015-01-05T08:00:00Z".into()),
            updated_at: Some("2025-09-09T09:09:09Z".into()),
            deleted_at: None,
        },
    );
    s.add_user(user(
        SUPPORT_STAFF,
        "Sam Rivera",
        "sam.rivera@support.example",
        "superuser",
        SUPPORT,
        Some(true),
        "2015-01-05T08:00:00Z",
        Some("2026-04-02T10:00:00Z"),
    ));
    s.contacts.insert(SUPPORT.into(), Vec::new());
}

// ---- event history ----

/// Fastly staff who act on customers' accounts in the history (`admin: true`); they are
/// users of no customer of the stand-in.
pub const FASTLY_STAFF: &[&str] = &["fastlyStaff00000000001", "fastlyStaff00000000002"];
/// The address Fastly staff act from in the history (or none).
const STAFF_IP: &str = "199.27.72.14";

const ACME_TLS_VIEWER: &str = "acmeTlsView00000000006";
const ACME_TLS_ADMIN: &str = "acmeTlsAdmin0000000007";
const ACME_LOCKED_ENGINEER: &str = "acmeEngineer0000000011";
const ACME_BILLING_2: &str = "acmeBilling00000000013";
const ACME_LIMITED_ENGINEER: &str = "acmeEngineer0000000014";

/// Acme users active in the last months (repeated: more active), acting in the history.
const ACME_ACTORS: &[&str] = &[
    ACME_OWNER,
    ACME_OWNER,
    ACME_SUPER,
    ACME_SUPER,
    ACME_ENGINEER,
    ACME_ENGINEER,
    ACME_ENGINEER,
    ACME_BILLING,
    ACME_USER,
    ACME_TLS_VIEWER,
    ACME_TLS_ADMIN,
    ACME_NOMFA_ENGINEER,
    ACME_NOMFA_USER,
    ACME_BILLING_2,
    ACME_LIMITED_ENGINEER,
    ACME_LIMITED_ENGINEER,
];
const ACME_SERVICES: &[(&str, &str)] = &[
    ("acmeSvcWww000000000001", "www.acme.example"),
    ("acmeSvcApi000000000002", "api.acme.example"),
    ("acmeSvcStatic000000003", "static.acme.example"),
];
/// Created in the history (`service.create`), some months ago.
pub const ACME_STAGING_SERVICE: &str = "acmeSvcStaging00000004";

const GLOBEX_ACTORS: &[&str] = &[
    GLOBEX_OWNER,
    GLOBEX_OWNER,
    "globexUser000000000005",
    "globexUser000000000010",
    "globexUser000000000012",
    "globexUser000000000017",
    "globexUser000000000021",
    // Superusers.
    "globexUser000000000100",
    "globexUser000000000201",
];
const GLOBEX_SERVICES: &[(&str, &str)] = &[
    ("globexSvcVideo00000001", "video.globex.example"),
    ("globexSvcCdn0000000002", "cdn.globex.example"),
];

/// Random events of Acme's history (besides its story and invoices), over ~6 months.
const ACME_RANDOM_EVENTS: usize = 278;
const GLOBEX_RANDOM_EVENTS: usize = 30;

/// Event types of the everyday history of users, by weight.
const EVERYDAY: &[(&str, u64)] = &[
    ("user.login", 30),
    ("user.logout", 10),
    ("user.login_failure", 7),
    ("version.activate", 12),
    ("customer.update", 5),
    ("user.update", 5),
    ("user.password_update", 4),
    ("token.create", 5),
    ("token.destroy", 3),
    ("invitation.sent", 3),
    ("invitation.accept", 2),
    ("user.create", 2),
    ("user.lock", 1),
    ("user.unlock", 1),
];
/// What Fastly staff do on an account.
const STAFF_WORK: &[&str] = &[
    "customer.update",
    "customer_feature.create",
    "user.unlock",
    "user.update",
    "version.activate",
];

/// Features Fastly staff enable (`customer_feature.create`).
const FEATURES: &[&str] = &[
    "websockets",
    "http3",
    "image_optimizer",
    "fanout",
    "origin_inspector",
    "log_explorer",
    "edge_rate_limiting",
    "domain_inspector",
    "bot_management",
    "compute",
];

/// What `customer.update` events of the history changed.
const USER_CHANGES: &[&[&str]] = &[
    &["phone_number"],
    &["postal_address"],
    &["technical_contact_id"],
    &["ip_whitelist"],
    &["security_contact_id", "phone_number"],
    &["billing_ref"],
    &["has_openstack_logging"],
];
const STAFF_CHANGES: &[&[&str]] = &[
    &["can_upload_vcl"],
    &["has_improved_ssl_config"],
    &["pricing_plan_id"],
];

/// A small deterministic generator (Knuth's MMIX LCG): the history is the same on every
/// start, only shifted to end at the seed time.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn weighted(&mut self, xs: &[(&'static str, u64)]) -> &'static str {
        let total: u64 = xs.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total);
        for (x, w) in xs {
            if r < *w {
                return x;
            }
            r -= w;
        }
        xs[0].0
    }
}

/// An event of the history before it gets its id and time.
struct Draft {
    /// Seconds before the seed time.
    ago: i64,
    customer_id: &'static str,
    user_id: Option<String>,
    admin: bool,
    event_type: &'static str,
    description: String,
    ip: Option<String>,
    metadata: Value,
    service_id: Option<String>,
    token_id: Option<String>,
}

impl Draft {
    fn new(
        ago: i64,
        customer_id: &'static str,
        user_id: Option<&str>,
        event_type: &'static str,
        description: String,
        metadata: Value,
    ) -> Draft {
        Draft {
            ago,
            customer_id,
            user_id: user_id.map(Into::into),
            admin: user_id.is_some_and(|u| FASTLY_STAFF.contains(&u)),
            event_type,
            description,
            ip: None,
            metadata,
            service_id: None,
            token_id: None,
        }
    }
    fn ip(mut self, ip: Option<String>) -> Draft {
        self.ip = ip;
        self
    }
    fn service(mut self, id: &str) -> Draft {
        self.service_id = Some(id.into());
        self
    }
}

const HOME_IPS: &[&str] = &[
    "73.93.140.51",
    "81.2.69.160",
    "86.14.201.7",
    "92.40.188.23",
    "145.40.72.9",
    "2.24.118.66",
    "109.144.20.5",
    "82.132.210.44",
];

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// The history of one customer, generated with its own generator.
struct History<'a> {
    s: &'a Store,
    rng: Lcg,
    customer: &'static str,
    domain: &'static str,
    actors: &'static [&'static str],
    services: &'static [(&'static str, &'static str)],
    /// The next (walking back in time: the last) version of each service.
    versions: Vec<u64>,
    token_prefix: &'static str,
    tokens: u64,
    invitations: u64,
    new_users: u64,
    features: usize,
}

impl History<'_> {
    fn name(&self, id: &str) -> String {
        self.s
            .users
            .get(id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
    fn login(&self, id: &str) -> String {
        self.s
            .users
            .get(id)
            .map(|u| u.login.clone())
            .unwrap_or_else(|| format!("{id}@{}", self.domain))
    }
    fn company(&self) -> String {
        self.s
            .customers
            .get(self.customer)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }
    /// Where `user` acts from: their home address, sometimes behind a proxy (two
    /// addresses), sometimes unknown.
    fn ip_of(&mut self, user: &str) -> Option<String> {
        let home = HOME_IPS[user.bytes().map(usize::from).sum::<usize>() % HOME_IPS.len()];
        match self.rng.below(20) {
            0 => None,
            1..=3 => Some(format!(
                "{home}, 10.0.{}.{}",
                self.rng.below(8),
                1 + self.rng.below(250)
            )),
            _ => Some(home.to_string()),
        }
    }
    fn role(&self, id: &str) -> &str {
        self.s.users.get(id).map(|u| u.role.as_str()).unwrap_or("")
    }
    /// Who does an everyday `event_type`: account management by superusers, services
    /// by engineers and superusers, the rest by anyone.
    fn actor_for(&mut self, event_type: &str) -> &'static str {
        let allowed: &[&str] = match event_type {
            "customer.update" | "user.update" | "user.create" | "invitation.sent" | "user.lock"
            | "user.unlock" => &["superuser"],
            "version.activate" => &["superuser", "engineer"],
            _ => &[
                "superuser",
                "engineer",
                "billing",
                "user",
                "tls_viewer",
                "tls_admin",
            ],
        };
        loop {
            let a = *self.rng.pick(self.actors);
            if allowed.contains(&self.role(a)) {
                return a;
            }
        }
    }
    fn other_than(&mut self, user: &str) -> &'static str {
        loop {
            let t = *self.rng.pick(self.actors);
            if t != user {
                return t;
            }
        }
    }
    fn new_email(&mut self) -> String {
        let first = self.rng.pick(FIRST).to_lowercase();
        let last = self.rng.pick(LAST).to_lowercase();
        format!("{first}.{last}@{}", self.domain)
    }

    /// One everyday event of `event_type` by `actor` (`admin`: Fastly staff).
    fn event(&mut self, ago: i64, event_type: &'static str, actor: &str, admin: bool) -> Draft {
        let n = self.name(actor);
        let mut user_id = Some(actor.to_string());
        let mut service_id = None;
        let mut token_id = None;
        let (description, metadata) = match event_type {
            "user.login" => {
                let tfa = self
                    .s
                    .users
                    .get(actor)
                    .is_some_and(|u| u.two_factor_auth_enabled == Some(true));
                let meta = if self.rng.one_in(4) {
                    json!({"method": "password", "two_factor": tfa, "remember_me": true})
                } else {
                    json!({"method": "password", "two_factor": tfa})
                };
                (format!("{n} signed in"), meta)
            }
            "user.logout" => {
                if self.rng.one_in(3) {
                    (
                        format!("{n} was signed out after 8 hours idle"),
                        json!({"reason": "session_expired", "idle_minutes": 480}),
                    )
                } else {
                    (format!("{n} signed out"), json!({}))
                }
            }
            "user.login_failure" => match self.rng.below(4) {
                0 => {
                    user_id = None;
                    let who = self.rng.pick(&["admin", "root", "it-support", "test"]);
                    let login = format!("{who}@{}", self.domain);
                    (
                        format!("Sign-in failed for {login}: no such user"),
                        json!({"login": login, "reason": "unknown_login"}),
                    )
                }
                1 => {
                    let login = self.login(actor);
                    (
                        format!("Sign-in failed for {login}: wrong two-factor code"),
                        json!({"login": login, "reason": "bad_2fa_code", "attempt": 1 + self.rng.below(3)}),
                    )
                }
                _ => {
                    let login = self.login(actor);
                    (
                        format!("Sign-in failed for {login}: wrong password"),
                        json!({"login": login, "reason": "bad_password", "attempt": 1 + self.rng.below(3)}),
                    )
                }
            },
            "version.activate" => {
                let i = self.rng.below(self.services.len() as u64) as usize;
                let (sid, sname) = self.services[i];
                let v = self.versions[i];
                self.versions[i] = v.saturating_sub(1).max(1);
                service_id = Some(sid.to_string());
                (
                    format!("Version {v} of {sname} was activated"),
                    json!({"version_number": v, "service_id": sid, "number": v}),
                )
            }
            "customer.update" => {
                let changed = *self
                    .rng
                    .pick(if admin { STAFF_CHANGES } else { USER_CHANGES });
                (
                    format!("Customer settings updated: {}", changed.join(", ")),
                    json!({"changed": changed}),
                )
            }
            "user.update" => {
                let t = self.other_than(actor);
                let tn = self.name(t);
                if admin {
                    (
                        format!("{tn} must set a new password at the next sign-in"),
                        json!({"user_id": t, "changed": {"require_new_password": {"from": false, "to": true}}}),
                    )
                } else if self.rng.one_in(4) {
                    (
                        format!("{tn} can now use selected services only"),
                        json!({"user_id": t, "changed": {"limit_services": {"from": false, "to": true}}}),
                    )
                } else {
                    // To the role they have now, from another.
                    let to = self.role(t).to_string();
                    let from = *self.rng.pick(&["user", "engineer", "billing"]);
                    let from = if from == to { "tls_viewer" } else { from };
                    (
                        format!("{tn}'s role changed from {from} to {to}"),
                        json!({"user_id": t, "changed": {"role": {"from": from, "to": to}}}),
                    )
                }
            }
            "user.password_update" => {
                if self.role(actor) == "superuser" && self.rng.one_in(3) {
                    let t = self.other_than(actor);
                    let tn = self.name(t);
                    (
                        format!("{n} sent {tn} a password reset"),
                        json!({"user_id": t, "forced": true}),
                    )
                } else {
                    (
                        format!("{n} changed their password"),
                        json!({"user_id": actor}),
                    )
                }
            }
            "token.create" | "token.destroy" => {
                self.tokens += 1;
                let id = mkid(self.token_prefix, self.tokens);
                let tname = *self.rng.pick(&[
                    "ci-deploy",
                    "terraform",
                    "purge-bot",
                    "grafana-readonly",
                    "laptop",
                    "release-pipeline",
                ]);
                token_id = Some(id.clone());
                if event_type == "token.create" {
                    let scope =
                        *self
                            .rng
                            .pick(&["global", "global:read", "purge_select", "purge_all"]);
                    let services: Vec<&str> = if self.rng.one_in(2) {
                        vec![self.rng.pick(self.services).0]
                    } else {
                        vec![]
                    };
                    let expires = if self.rng.one_in(2) {
                        Value::Null
                    } else {
                        json!(format!("20{}-12-31T23:59:59Z", 27 + self.rng.below(3)))
                    };
                    (
                        format!("{n} created API token \"{tname}\" ({scope})"),
                        json!({"token_id": id, "name": tname, "scope": scope, "services": services, "expires_at": expires}),
                    )
                } else {
                    (
                        format!("{n} revoked API token \"{tname}\""),
                        json!({"token_id": id, "name": tname}),
                    )
                }
            }
            "invitation.sent" => {
                self.invitations += 1;
                let email = self.new_email();
                let role = *self
                    .rng
                    .pick(&["user", "engineer", "billing", "tls_viewer"]);
                (
                    format!("{n} invited {email} as {role}"),
                    json!({"invitation_id": mkid("invitation", self.invitations), "email": email, "role": role}),
                )
            }
            "invitation.accept" => {
                self.invitations += 1;
                let company = self.company();
                (
                    format!("{n} accepted the invitation to join {company}"),
                    json!({"invitation_id": mkid("invitation", self.invitations), "email": self.login(actor)}),
                )
            }
            "user.create" => {
                self.new_users += 1;
                let email = self.new_email();
                let role = *self.rng.pick(&["user", "engineer"]);
                (
                    format!("{n} added user {email} ({role})"),
                    json!({"user_id": mkid("newUser", self.new_users), "login": email, "role": role}),
                )
            }
            "user.lock" => {
                let t = self.other_than(actor);
                (
                    format!("{} was locked by {n}", self.name(t)),
                    json!({"user_id": t, "reason": "manual"}),
                )
            }
            "user.unlock" => {
                let t = self.other_than(actor);
                (
                    format!("{} was unlocked", self.name(t)),
                    json!({"user_id": t}),
                )
            }
            "customer_feature.create" => {
                // Walking back in time: the last feature enabled first; none twice.
                let f = FEATURES[self.features % FEATURES.len()];
                self.features += 1;
                (
                    format!("Feature {f} enabled for the account"),
                    json!({"feature": f, "ticket_number": 40_000 + self.rng.below(9_000)}),
                )
            }
            other => (other.to_string(), json!({})),
        };
        let ip = match (&user_id, admin) {
            (_, true) => (!self.rng.one_in(3)).then(|| STAFF_IP.to_string()),
            (None, _) => Some(format!("185.220.101.{}", 1 + self.rng.below(250))),
            (Some(u), false) => {
                let u = u.clone();
                self.ip_of(&u)
            }
        };
        Draft {
            ago,
            customer_id: self.customer,
            user_id,
            admin,
            event_type,
            description,
            ip,
            metadata,
            service_id,
            token_id,
        }
    }

    /// `count` everyday events, the newest `first_ago` seconds ago, then every
    /// `min_gap..=max_gap` seconds back; about 1 in 12 by Fastly staff.
    fn everyday(&mut self, count: usize, first_ago: i64, min_gap: i64, max_gap: i64) -> Vec<Draft> {
        let mut out = Vec::with_capacity(count);
        let mut ago = first_ago;
        for _ in 0..count {
            let d = if self.rng.one_in(12) {
                let staff = *self.rng.pick(FASTLY_STAFF);
                let ty = *self.rng.pick(STAFF_WORK);
                self.event(ago, ty, staff, true)
            } else {
                let ty = self.rng.weighted(EVERYDAY);
                let actor = self.actor_for(ty);
                self.event(ago, ty, actor, false)
            };
            out.push(d);
            ago += self.rng.range(min_gap, max_gap);
        }
        out
    }
}

/// What happened to Acme besides the everyday: pricing, features, company-wide 2FA on and
/// off, a lockout, the billing contact, the staging service, monthly invoices.
fn acme_story(h: &mut History, now: DateTime<Utc>) -> Vec<Draft> {
    let staff = FASTLY_STAFF[0];
    let mut v = vec![
        Draft::new(
            171 * DAY + 5 * HOUR,
            ACME,
            Some(staff),
            "customer.pricing",
            "Pricing plan changed from Professional to Enterprise".into(),
            json!({"pricing_plan": {"from": "Professional", "to": "Enterprise"}, "pricing_plan_id": "ppEnterprise2021aB3xYz"}),
        )
        .ip(Some(STAFF_IP.into())),
        Draft::new(
            170 * DAY + 2 * HOUR,
            ACME,
            Some(staff),
            "customer_feature.create",
            "Feature improved_events enabled for the account".into(),
            json!({"feature": "improved_events", "ticket_number": 41_873}),
        ),
        Draft::new(
            120 * DAY + 3 * HOUR,
            ACME,
            Some(ACME_ENGINEER),
            "service.create",
            "Service staging.acme.example was created".into(),
            json!({"service_id": ACME_STAGING_SERVICE, "name": "staging.acme.example", "type": "vcl", "comment": ""}),
        )
        .service(ACME_STAGING_SERVICE)
        .ip(Some("145.40.72.9".into())),
        Draft::new(
            95 * DAY + 9 * HOUR,
            ACME,
            Some(ACME_OWNER),
            "two_factor_auth.enable",
            "Two-factor authentication is now required for every user".into(),
            json!({"force_2fa": true}),
        )
        .ip(Some("73.93.140.51".into())),
        Draft::new(
            95 * DAY + 7 * HOUR,
            ACME,
            Some(ACME_OWNER),
            "two_factor_auth.disable",
            "Two-factor authentication is no longer required for every user".into(),
            json!({"force_2fa": false}),
        )
        .ip(Some("73.93.140.51, 10.0.0.1".into())),
        Draft::new(
            60 * DAY + 4 * HOUR,
            ACME,
            Some(ACME_OWNER),
            "billing.contact_update",
            "Billing contact changed from Bill Moreno to the account owner".into(),
            json!({"billing_contact_id": {"from": ACME_BILLING, "to": null}}),
        )
        .ip(Some("73.93.140.51".into())),
        Draft::new(
            30 * DAY + 6 * HOUR,
            ACME,
            Some(ACME_SUPER),
            "user.update",
            "Diego Álvarez can now use selected services only".into(),
            json!({"user_id": ACME_LIMITED_ENGINEER, "changed": {"limit_services": {"from": false, "to": true}}}),
        )
        .ip(Some("81.2.69.160".into())),
    ];
    for (i, days) in [120, 100, 61].into_iter().enumerate() {
        let n = i + 1;
        v.push(
            Draft::new(
                days * DAY + HOUR,
                ACME,
                Some(ACME_ENGINEER),
                "version.activate",
                format!("Version {n} of staging.acme.example was activated"),
                json!({"version_number": n, "service_id": ACME_STAGING_SERVICE, "number": n}),
            )
            .service(ACME_STAGING_SERVICE)
            .ip(Some("145.40.72.9".into())),
        );
    }
    // Marcus Bell: five failed sign-ins, then locked by the system (he still is).
    let marcus_ip = "86.14.201.7, 10.0.3.12";
    for attempt in 1..=5i64 {
        v.push(
            Draft::new(
                88 * DAY + 2 * HOUR - attempt * 40,
                ACME,
                Some(ACME_LOCKED_ENGINEER),
                "user.login_failure",
                "Sign-in failed for marcus.bell@acme.example: wrong password".into(),
                json!({"login": "marcus.bell@acme.example", "reason": "bad_password", "attempt": attempt}),
            )
            .ip(Some(marcus_ip.into())),
        );
    }
    v.push(
        Draft::new(
            88 * DAY + 2 * HOUR - 5 * 40 - 1,
            ACME,
            None,
            "user.lock",
            "Marcus Bell was locked after 5 failed sign-in attempts".into(),
            json!({"user_id": ACME_LOCKED_ENGINEER, "reason": "too_many_login_failures", "failed_attempts": 5}),
        )
        .ip(Some(marcus_ip.into())),
    );
    // Invoices, paid on the 3rd day of each of the last six months (by the system).
    for m in 0..6i64 {
        let ago = (m * 30 + 3) * DAY + 6 * HOUR;
        let month = (now - Duration::seconds(ago)).format("%Y-%m").to_string();
        let bandwidth = 9_000 + h.rng.below(3_000) as i64;
        let requests = 1_500 + h.rng.below(800) as i64;
        let cents = h.rng.below(100) as i64;
        let total = (bandwidth + requests) as f64 + cents as f64 / 100.0;
        v.push(Draft::new(
            ago,
            ACME,
            None,
            "invoice.payment",
            format!("Invoice INV-{month} paid: {}", dollars(total)),
            json!({
                "invoice_id": format!("INV-{month}"),
                "amount": total,
                "currency": "USD",
                "paid": true,
                "lines": [
                    {"item": "bandwidth", "amount": bandwidth},
                    {"item": "requests", "amount": requests as f64 + cents as f64 / 100.0},
                ],
            }),
        ));
    }
    v
}

/// `12840.5` as `$12,840.50`.
fn dollars(amount: f64) -> String {
    let cents = (amount * 100.0).round() as u64;
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("${grouped}.{:02}", cents % 100)
}

/// Seed the event history: ~300 events of Acme over the last ~6 months (the newest within
/// the last hour before `now`), ~30 of Globex over the last weeks. Deterministic but for
/// the times, which are relative to `now`; ids ascend with time.
pub fn seed_events(s: &mut Store, now: DateTime<Utc>) {
    let mut acme = History {
        s,
        rng: Lcg(0x5EED_AC3E_0000_0001),
        customer: ACME,
        domain: "acme.example",
        actors: ACME_ACTORS,
        services: ACME_SERVICES,
        versions: vec![214, 87, 31],
        token_prefix: "acmeToken",
        tokens: 0,
        invitations: 0,
        new_users: 0,
        features: 0,
    };
    let first = acme.rng.range(20 * 60, 50 * 60);
    let mut drafts = acme.everyday(ACME_RANDOM_EVENTS, first, 600, 110_000);
    drafts.extend(acme_story(&mut acme, now));
    let mut globex = History {
        s,
        rng: Lcg(0x5EED_6E0B_0000_0002),
        customer: GLOBEX,
        domain: "globex.example",
        actors: GLOBEX_ACTORS,
        services: GLOBEX_SERVICES,
        versions: vec![1_204, 342],
        token_prefix: "globexToken",
        tokens: 0,
        invitations: 100,
        new_users: 100,
        features: 3,
    };
    let first = globex.rng.range(3 * HOUR, 9 * HOUR);
    drafts.extend(globex.everyday(GLOBEX_RANDOM_EVENTS, first, 2 * HOUR, 3 * DAY));
    // Oldest first (stable: equal times keep their order), then ids in that order.
    drafts.sort_by_key(|d| std::cmp::Reverse(d.ago));
    for d in drafts {
        let created_at = (now - Duration::seconds(d.ago))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let id = s.new_event_id();
        s.events.push(Event {
            id,
            customer_id: d.customer_id.to_string(),
            user_id: d.user_id,
            admin: d.admin,
            created_at,
            description: d.description,
            event_type: d.event_type.to_string(),
            ip: d.ip,
            metadata: d.metadata,
            service_id: d.service_id,
            token_id: d.token_id,
        });
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn history(now: DateTime<Utc>) -> Vec<Event> {
        let mut s = seed();
        s.events.clear();
        s.next_event = 0;
        seed_events(&mut s, now);
        s.events
    }

    #[test]
    fn history_is_deterministic_and_relative_to_the_seed_time() {
        let a = history(at("2026-11-27T12:00:00Z"));
        assert_eq!(a, history(at("2026-11-27T12:00:00Z")));
        let b = history(at("2027-03-01T08:30:00Z"));
        assert_eq!(a.len(), b.len());
        let shift = at("2027-03-01T08:30:00Z") - at("2026-11-27T12:00:00Z");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                (&x.id, &x.event_type, &x.user_id, &x.metadata["user_id"]),
                (&y.id, &y.event_type, &y.user_id, &y.metadata["user_id"])
            );
            assert_eq!(x.instant().unwrap() + shift, y.instant().unwrap());
        }
    }

    #[test]
    fn history_of_acme_and_globex() {
        let now = at("2026-11-27T12:00:00Z");
        let events = history(now);
        // Ids ascend with time; every id is 22 characters and unique.
        for w in events.windows(2) {
            assert!(w[0].created_at <= w[1].created_at, "{:?}", (&w[0], &w[1]));
            assert!(w[0].id < w[1].id);
        }
        assert!(events.iter().all(|e| e.id.len() == 22));
        let acme: Vec<&Event> = events.iter().filter(|e| e.customer_id == ACME).collect();
        let globex = events.iter().filter(|e| e.customer_id == GLOBEX).count();
        assert_eq!((acme.len(), globex, events.len()), (300, 30, 330));
        // Spread over ~6 months, the newest within the last day.
        let newest = acme.last().unwrap().instant().unwrap();
        let oldest = acme[0].instant().unwrap();
        assert!(now - newest < Duration::days(1) && newest < now);
        assert!(now - oldest > Duration::days(150) && now - oldest < Duration::days(200));
        let types: HashSet<&str> = acme.iter().map(|e| e.event_type.as_str()).collect();
        for t in [
            "customer.update",
            "customer.pricing",
            "billing.contact_update",
            "user.create",
            "user.update",
            "user.login",
            "user.login_failure",
            "user.logout",
            "user.password_update",
            "user.lock",
            "user.unlock",
            "two_factor_auth.enable",
            "two_factor_auth.disable",
            "token.create",
            "token.destroy",
            "invitation.sent",
            "invitation.accept",
            "invoice.payment",
            "customer_feature.create",
            "service.create",
            "version.activate",
        ] {
            assert!(types.contains(t), "no {t}");
        }
        let s = seed();
        let admin: Vec<&&Event> = acme.iter().filter(|e| e.admin).collect();
        assert!((15..=40).contains(&admin.len()), "{}", admin.len());
        for e in &admin {
            let u = e.user_id.as_deref().unwrap();
            assert!(
                FASTLY_STAFF.contains(&u) && !s.users.contains_key(u),
                "{e:?}"
            );
        }
        for e in acme.iter().filter(|e| !e.admin) {
            if let Some(u) = &e.user_id {
                assert!(s.is_user_of(u, ACME), "{e:?}");
            }
        }
        let nulls = acme.iter().filter(|e| e.user_id.is_none()).count();
        assert!((3..=30).contains(&nulls), "{nulls}");
        assert!(acme.iter().any(|e| e.ip.is_none()));
        assert!(acme
            .iter()
            .any(|e| e.ip.as_deref().is_some_and(|ip| ip.contains(", "))));
        assert!(acme.iter().all(|e| e.metadata.is_object()));
        assert!(acme
            .iter()
            .any(|e| e.metadata.as_object().unwrap().is_empty()));
        let services: Vec<&&Event> = acme.iter().filter(|e| e.service_id.is_some()).collect();
        assert!(services
            .iter()
            .all(|e| matches!(e.event_type.as_str(), "service.create" | "version.activate")));
        assert!(acme
            .iter()
            .filter(|e| e.event_type.starts_with("token."))
            .all(|e| e.token_id.is_some()));
    }

    #[test]
    fn dollars_are_grouped() {
        assert_eq!(dollars(12840.5), "$12,840.50");
        assert_eq!(dollars(999.999), "$1,000.00");
        assert_eq!(dollars(1234567.0), "$1,234,567.00");
        assert_eq!(dollars(5.0), "$5.00");
    }
}
