//! Account activity: names of event types, who did something, an event's metadata as
//! key/value pairs, and the activity filters — as they stand in the page's address
//! (`?type=…&from=…&to=…&user=…`, so a link can be pasted) and as the Events API asks
//! for them (`filter[…]`).

use serde_json::Value;

use crate::domain::links::{customer_href, query_value};
use crate::model::event::Event;

/// Events asked for per page on the activity page (Fastly's default).
pub const PAGE_SIZE: u32 = 20;

/// The documented event types that concern an account, with a name for people
/// (`../shared/fastly-api.md` § Events). Any other type is shown as its raw string.
pub const ACCOUNT_EVENT_TYPES: [(&str, &str); 27] = [
    ("customer.create", "Account created"),
    ("customer.update", "Account settings changed"),
    ("customer.pricing", "Pricing plan changed"),
    ("customer_feature.create", "Feature enabled"),
    ("customer_feature.delete", "Feature disabled"),
    ("billing.contact_update", "Billing contact changed"),
    ("invoice.payment", "Invoice paid"),
    ("invoice.failed_payment", "Invoice payment failed"),
    ("user.create", "User created"),
    ("user.update", "User changed"),
    ("user.destroy", "User deleted"),
    ("user.lock", "User locked"),
    ("user.unlock", "User unlocked"),
    ("user.login", "Signed in"),
    ("user.login_failure", "Sign-in failed"),
    ("user.logout", "Signed out"),
    ("user.password_update", "Password changed"),
    (
        "two_factor_auth.enable",
        "Two-factor authentication turned on",
    ),
    (
        "two_factor_auth.disable",
        "Two-factor authentication turned off",
    ),
    ("token.create", "API token created"),
    ("token.destroy", "API token deleted"),
    ("invitation.sent", "Invitation sent"),
    ("invitation.accept", "Invitation accepted"),
    ("api_key.create", "API key created"),
    ("service.create", "Service created"),
    ("service.delete", "Service deleted"),
    ("version.activate", "Service version activated"),
];

/// A readable name for a known event type; the raw string for any other.
pub fn event_type_name(event_type: &str) -> &str {
    ACCOUNT_EVENT_TYPES
        .iter()
        .find(|(t, _)| *t == event_type)
        .map_or(event_type, |(_, name)| name)
}

/// Shown in "Recent changes" on the settings page: changes to the account and its users.
pub fn is_account_change(event_type: &str) -> bool {
    matches!(
        event_type,
        "customer.update" | "customer.pricing" | "billing.contact_update"
    ) || event_type.starts_with("two_factor_auth.")
        || event_type.starts_with("user.")
}

/// Who did it: "Fastly" for Fastly staff, a user's name (`name_of`, from the customer's
/// users), else the raw user id.
pub fn who(event: &Event, name_of: impl Fn(&str) -> Option<String>) -> String {
    match (&event.user_id, event.admin) {
        (_, true) => "Fastly".into(),
        (Some(id), false) => name_of(id).unwrap_or_else(|| id.clone()),
        (None, false) => "Unknown".into(),
    }
}

/// The most pairs shown for one event's metadata.
const MAX_PAIRS: usize = 200;

/// An event's metadata, any JSON shape, as `key → value` lines: nested keys joined by
/// dots, list items by index, lists of plain values joined by commas.
pub fn metadata_pairs(metadata: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    match metadata {
        Value::Object(_) => flatten("", metadata, &mut pairs),
        Value::Null => {}
        other => flatten("value", other, &mut pairs),
    }
    pairs.truncate(MAX_PAIRS);
    pairs
}

fn flatten(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let child = |name: &str| {
        if key.is_empty() {
            name.to_string()
        } else {
            format!("{key}.{name}")
        }
    };
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (name, v) in map {
                flatten(&child(name), v, out);
            }
        }
        Value::Array(items) if items.iter().any(|v| v.is_object() || v.is_array()) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&format!("{key}[{i}]"), v, out);
            }
        }
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().map(plain).collect();
            out.push((key.to_string(), texts.join(", ")));
        }
        Value::Object(_) if key.is_empty() => {}
        other => out.push((key.to_string(), plain(other))),
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        Value::Object(m) if m.is_empty() => "{}".into(),
        other => other.to_string(),
    }
}

/// A calendar day (`2026-11-01`), as a date input gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// `YYYY-MM-DD` of a real day; anything else is `None`.
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return None;
        }
        let day = Day {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        chrono::NaiveDate::from_ymd_opt(day.year, day.month, day.day).map(|_| day)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What the activity list is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub event_type: Option<String>,
    /// From the start of this day (local time)…
    pub from: Option<Day>,
    /// …to the end of this one.
    pub to: Option<Day>,
    pub user: Option<String>,
}

impl ActivityFilter {
    /// The filter in a page address's query (`?type=…`), and what in it could not be used.
    pub fn from_query(search: &str) -> (ActivityFilter, Vec<String>) {
        Self::from_params(|name| query_value(search, name))
    }

    /// The filter in the address's query values (`get`: a decoded value by name, as
    /// leptos_router's `use_query_map` reads them), and what in it could not be used (said
    /// to the user; the rest still applies).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> (ActivityFilter, Vec<String>) {
        let mut problems = Vec::new();
        let value = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let mut day = |name: &str, label: &str| {
            let text = value(name)?;
            let day = Day::parse(&text);
            if day.is_none() {
                problems.push(format!(
                    "The {label} date in the address, “{text}”, is not a date (YYYY-MM-DD): it is ignored."
                ));
            }
            day
        };
        let (from, to) = (day("from", "“From”"), day("to", "“To”"));
        let filter = ActivityFilter {
            event_type: value("type"),
            from,
            to,
            user: value("user"),
        };
        (filter, problems)
    }

    /// Why this filter cannot be asked for, if it cannot.
    pub fn problem(&self) -> Option<String> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from > to => Some(format!(
                "“From” ({from}) is after “To” ({to}): choose a range that ends after it starts."
            )),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == ActivityFilter::default()
    }

    /// The activity page's address for this filter.
    pub fn href(&self, customer_id: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        let from = self.from.map(|d| d.to_string());
        let to = self.to.map(|d| d.to_string());
        for (name, value) in [
            ("type", &self.event_type),
            ("from", &from),
            ("to", &to),
            ("user", &self.user),
        ] {
            if let Some(value) = value {
                query.append_pair(name, value);
            }
        }
        let query = query.finish();
        let path = activity_href(customer_id);
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    }

    /// The Events API query (without `?`) for the first page of this filter, newest first.
    /// `instant(day, end)` is the UTC time (ISO 8601) at which a local day starts, or
    /// (`end`) its last millisecond.
    pub fn api_query(
        &self,
        customer_id: &str,
        page_size: u32,
        instant: impl Fn(Day, bool) -> String,
    ) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("filter[customer_id]", customer_id);
        if let Some(t) = &self.event_type {
            query.append_pair("filter[event_type]", t);
        }
        if let Some(u) = &self.user {
            query.append_pair("filter[user_id]", u);
        }
        if let Some(d) = self.from {
            query.append_pair("filter[created_at][gte]", &instant(d, false));
        }
        if let Some(d) = self.to {
            query.append_pair("filter[created_at][lte]", &instant(d, true));
        }
        query.append_pair("sort", "-created_at");
        query.append_pair("page[size]", &page_size.to_string());
        query.finish()
    }
}

/// The Events API query of the page after the one asked with `first` (the first page's
/// query): its place (`page[number]`, `page[size]`, any `page[…]`) from `link`, the query of
/// the answer's `links.next`, and everything else — the filters, `sort` — from `first`. A
/// recorded real `links.next` carries only `page[number]` and `page[size]`: asked as it is,
/// the next page would come in the API's default order (oldest first) and unfiltered.
/// `None` when the link names no page (asking it would repeat the first page).
pub fn next_page_query(first: &str, link: &str) -> Option<String> {
    let is_paging = |key: &str| key.starts_with("page[");
    let paging: Vec<(String, String)> = form_urlencoded::parse(link.as_bytes())
        .into_owned()
        .filter(|(k, _)| is_paging(k))
        .collect();
    if paging.is_empty() {
        return None;
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(first.as_bytes()) {
        if !is_paging(&k) {
            query.append_pair(&k, &v);
        }
    }
    // The first page's size when the link does not say.
    if !paging.iter().any(|(k, _)| k == "page[size]") {
        for (k, v) in form_urlencoded::parse(first.as_bytes()) {
            if k == "page[size]" {
                query.append_pair(&k, &v);
            }
        }
    }
    for (k, v) in &paging {
        query.append_pair(k, v);
    }
    Some(query.finish())
}

/// `/customers/{id}/activity`: the customer's events.
pub fn activity_href(customer_id: &str) -> String {
    format!("{}/activity", customer_href(customer_id))
}

/// The Events API query of a customer's latest events (for "Recent changes").
pub fn latest_query(customer_id: &str, page_size: u32) -> String {
    ActivityFilter::default().api_query(customer_id, page_size, |_, _| String::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(user_id: Option<&str>, admin: bool) -> Event {
        Event {
            id: "e".into(),
            event_type: None,
            description: None,
            user_id: user_id.map(String::from),
            admin,
            created_at: None,
            ip: None,
            metadata: Value::Null,
        }
    }

    #[test]
    fn known_types_have_names_others_stay_raw() {
        assert_eq!(
            event_type_name("customer.update"),
            "Account settings changed"
        );
        assert_eq!(
            event_type_name("two_factor_auth.disable"),
            "Two-factor authentication turned off"
        );
        assert_eq!(event_type_name("acl.create"), "acl.create");
        assert_eq!(event_type_name(""), "");
    }

    #[test]
    fn account_changes() {
        for t in [
            "customer.update",
            "customer.pricing",
            "billing.contact_update",
            "two_factor_auth.enable",
            "user.login",
        ] {
            assert!(is_account_change(t), "{t}");
        }
        for t in [
            "customer.create",
            "service.create",
            "version.activate",
            "token.create",
            "users.x",
            "",
        ] {
            assert!(!is_account_change(t), "{t}");
        }
    }

    #[test]
    fn who_did_it() {
        let names = |id: &str| (id == "u1").then(|| "Ada Lovelace".to_string());
        assert_eq!(who(&event(Some("u1"), false), names), "Ada Lovelace");
        assert_eq!(who(&event(Some("zz"), false), names), "zz");
        assert_eq!(who(&event(Some("u1"), true), names), "Fastly");
        assert_eq!(who(&event(None, true), names), "Fastly");
        assert_eq!(who(&event(None, false), names), "Unknown");
    }

    #[test]
    fn metadata_of_any_shape() {
        let pairs = metadata_pairs(&json!({
            "version_number": 52, "service_id": "7i6H", "flag": true, "gone": null,
            "changed": ["name", "phone_number"],
            "role": {"from": "user", "to": "engineer"},
            "items": [{"id": 1}, {"id": 2, "tags": []}],
            "empty": {}
        }));
        let got: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("changed", "name, phone_number"),
                ("empty", "{}"),
                ("flag", "true"),
                ("gone", "none"),
                ("items[0].id", "1"),
                ("items[1].id", "2"),
                ("items[1].tags", ""),
                ("role.from", "user"),
                ("role.to", "engineer"),
                ("service_id", "7i6H"),
                ("version_number", "52"),
            ]
        );
        assert!(metadata_pairs(&json!({})).is_empty());
        assert!(metadata_pairs(&Value::Null).is_empty());
        assert_eq!(
            metadata_pairs(&json!("text")),
            [("value".to_string(), "text".to_string())]
        );
        assert_eq!(
            metadata_pairs(&json!([1, 2])),
            [("value".to_string(), "1, 2".to_string())]
        );
        let many = Value::Array((0..500).map(|i| json!({ "i": i })).collect());
        assert_eq!(metadata_pairs(&many).len(), 200);
    }

    #[test]
    fn days() {
        assert_eq!(
            Day::parse("2026-11-01"),
            Some(Day {
                year: 2026,
                month: 11,
                day: 1
            })
        );
        assert_eq!(Day::parse("2026-11-01").unwrap().to_string(), "2026-11-01");
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-11-01",
            "2026-1-1",
            "yesterday",
            "",
            "2026-11-01T00",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn filters_round_trip_through_the_address() {
        let filter = ActivityFilter {
            event_type: Some("user.login".into()),
            from: Day::parse("2026-11-01"),
            to: Day::parse("2026-11-20"),
            user: Some("a b".into()),
        };
        let href = filter.href("7XbR");
        assert_eq!(
            href,
            "/customers/7XbR/activity?type=user.login&from=2026-11-01&to=2026-11-20&user=a+b"
        );
        let search = &href[href.find('?').unwrap()..];
        assert_eq!(ActivityFilter::from_query(search), (filter, vec![]));
        assert_eq!(
            ActivityFilter::default().href("7XbR"),
            "/customers/7XbR/activity"
        );
        assert!(ActivityFilter::from_query("").0.is_empty());
        assert!(ActivityFilter::from_query("?type=&user=").0.is_empty());
    }

    #[test]
    fn bad_dates_are_named_and_ignored() {
        let (filter, problems) = ActivityFilter::from_query("?from=soon&to=2026-11-20&type=x");
        assert_eq!(filter.from, None);
        assert_eq!(filter.to, Day::parse("2026-11-20"));
        assert_eq!(filter.event_type.as_deref(), Some("x"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("“soon”"), "{}", problems[0]);
        let (backwards, _) = ActivityFilter::from_query("?from=2026-11-20&to=2026-11-01");
        assert!(backwards.problem().unwrap().contains("after"));
        let (same_day, _) = ActivityFilter::from_query("?from=2026-11-20&to=2026-11-20");
        assert_eq!(same_day.problem(), None);
    }

    fn pairs(query: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn the_next_page_keeps_the_filters_and_the_order_of_the_first() {
        let filter = ActivityFilter {
            event_type: Some("user.login".into()),
            from: Day::parse("2026-11-01"),
            to: None,
            user: Some("u 1".into()),
        };
        let first = filter.api_query("7XbR", 20, |d, _| format!("{d}T00"));
        // A recorded real links.next: page[number] and page[size] only.
        let next = next_page_query(&first, "page[number]=2&page[size]=20").unwrap();
        assert_eq!(
            pairs(&next),
            [
                pair("filter[customer_id]", "7XbR"),
                pair("filter[event_type]", "user.login"),
                pair("filter[user_id]", "u 1"),
                pair("filter[created_at][gte]", "2026-11-01T00"),
                pair("sort", "-created_at"),
                pair("page[number]", "2"),
                pair("page[size]", "20"),
            ]
        );
    }

    #[test]
    fn the_place_comes_from_the_link_the_rest_from_the_first_query() {
        let first = latest_query("7XbR", 20);
        // A link that says otherwise about the filters and the order is not followed there,
        // only in its page (brackets encoded or not).
        let next = next_page_query(
            &first,
            "filter%5Bcustomer_id%5D=other&sort=created_at&page%5Bnumber%5D=3&page%5Bsize%5D=5",
        )
        .unwrap();
        assert_eq!(
            pairs(&next),
            [
                pair("filter[customer_id]", "7XbR"),
                pair("sort", "-created_at"),
                pair("page[number]", "3"),
                pair("page[size]", "5"),
            ]
        );
        // Without page[size] in the link, the first page's size goes on.
        let next = next_page_query(&first, "page[number]=2").unwrap();
        assert_eq!(
            pairs(&next),
            [
                pair("filter[customer_id]", "7XbR"),
                pair("sort", "-created_at"),
                pair("page[size]", "20"),
                pair("page[number]", "2"),
            ]
        );
        // A link that names no page leads nowhere new.
        assert_eq!(next_page_query(&first, "sort=-created_at"), None);
        assert_eq!(next_page_query(&first, ""), None);
    }

    #[test]
    fn a_full_link_from_the_stand_in_asks_the_same_as_before() {
        let first = latest_query("7XbR", 20);
        let link =
            "filter%5Bcustomer_id%5D=7XbR&sort=-created_at&page%5Bnumber%5D=2&page%5Bsize%5D=20";
        let next = next_page_query(&first, link).unwrap();
        let mut got = pairs(&next);
        let mut want = pairs(link);
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn api_queries() {
        let instant = |d: Day, end: bool| format!("{d}{}", if end { "T23" } else { "T00" });
        assert_eq!(
            ActivityFilter::default().api_query("7XbR", 20, instant),
            "filter%5Bcustomer_id%5D=7XbR&sort=-created_at&page%5Bsize%5D=20"
        );
        let filter = ActivityFilter {
            event_type: Some("user.login".into()),
            from: Day::parse("2026-11-01"),
            to: Day::parse("2026-11-20"),
            user: Some("u&1".into()),
        };
        assert_eq!(
            filter.api_query("a/b", 20, instant),
            "filter%5Bcustomer_id%5D=a%2Fb&filter%5Bevent_type%5D=user.login&filter%5Buser_id%5D=u%261\
             &filter%5Bcreated_at%5D%5Bgte%5D=2026-11-01T00&filter%5Bcreated_at%5D%5Blte%5D=2026-11-20T23\
             &sort=-created_at&page%5Bsize%5D=20"
        );
        assert_eq!(
            latest_query("x", 50),
            "filter%5Bcustomer_id%5D=x&sort=-created_at&page%5Bsize%5D=50"
        );
    }
}
