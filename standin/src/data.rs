//! Deterministic demo data. Ids and tokens are fixed: the console's tests depend on them.

use chrono::{Duration, NaiveDate};

use crate::store::{mkid, Contact, Customer, Store, Token, User};

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
