//! Fastly's Events API (`GET /events`, `GET /events/{id}`): the query parameters, the
//! listing (visibility, filters, sort, pages, links), and the events recorded by writes.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use axum::http::StatusCode;

use crate::errors::ApiError;
use crate::rules;
use crate::store::{Contact, Customer, Event, Principal, Store};

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;

/// The exact-match filters, in the order links carry them: (parameter, attribute).
const FILTERS: &[&str] = &[
    "customer_id",
    "event_type",
    "user_id",
    "service_id",
    "token_id",
];

/// `filter[created_at][op]` bounds, in the order links carry them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    Gt,
    Gte,
    Lt,
    Lte,
}

impl Bound {
    const ALL: [Bound; 4] = [Bound::Gt, Bound::Gte, Bound::Lt, Bound::Lte];

    fn op(self) -> &'static str {
        match self {
            Bound::Gt => "gt",
            Bound::Gte => "gte",
            Bound::Lt => "lt",
            Bound::Lte => "lte",
        }
    }

    fn admits(self, t: DateTime<Utc>, bound: DateTime<Utc>) -> bool {
        match self {
            Bound::Gt => t > bound,
            Bound::Gte => t >= bound,
            Bound::Lt => t < bound,
            Bound::Lte => t <= bound,
        }
    }
}

/// A parsed `GET /events` query.
#[derive(Clone, Debug, PartialEq)]
pub struct EventQuery {
    /// Exact-match filters: (attribute, value), in [`FILTERS`] order.
    pub filters: Vec<(&'static str, String)>,
    /// Bounds on `created_at`: (bound, instant, the value as sent).
    pub created_at: Vec<(Bound, DateTime<Utc>, String)>,
    /// `sort=-created_at`: newest first.
    pub descending: bool,
    /// The `sort` value as sent, if any (carried into links).
    pub sort: Option<String>,
    pub page_number: u64,
    pub page_size: u64,
}

impl EventQuery {
    pub fn filter(&self, attribute: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(a, _)| *a == attribute)
            .map(|(_, v)| v.as_str())
    }

    /// The query of a link to page `number`: the filters and sort of this query, then
    /// `page[number]` and `page[size]`.
    pub fn link_query(&self, number: u64) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (attr, v) in &self.filters {
            parts.push(format!("filter[{attr}]={}", encode(v)));
        }
        for (b, _, raw) in &self.created_at {
            parts.push(format!("filter[created_at][{}]={}", b.op(), encode(raw)));
        }
        if let Some(s) = &self.sort {
            parts.push(format!("sort={}", encode(s)));
        }
        parts.push(format!("page[number]={number}"));
        parts.push(format!("page[size]={}", self.page_size));
        parts.join("&")
    }
}

/// Percent-encode a query value: everything but unreserved characters and `:`.
fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `filter[created_at][…]` value: RFC 3339 with any offset (fractions allowed), or a
/// bare `YYYY-MM-DD` meaning 00:00 UTC that day.
pub fn parse_instant(v: &str) -> Option<DateTime<Utc>> {
    read_instant(v).ok()
}

/// Why a time is unreadable, when [`read_instant`] can say more than "not RFC 3339".
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unreadable {
    /// Not the shape of an RFC 3339 date-time or a date, or no such day or time.
    Shape,
    /// The year is not four digits from 1000 (never read as 19xx, never below 1000).
    Year,
    /// The offset is not `Z` or `±HH:MM` within ±23:59 (ASCII sign, two-digit hours 00–23,
    /// minutes 00–59).
    Offset,
}

/// An RFC 3339 offset at the end of `v` (`Z`/`z`, or `±HH:MM` with HH 00–23, MM 00–59),
/// in seconds east of UTC.
fn offset_secs(v: &[u8]) -> Result<i32, Unreadable> {
    if matches!(v.last(), Some(b'Z' | b'z')) {
        return Ok(0);
    }
    let tail = match v.len().checked_sub(6) {
        Some(i) => &v[i..],
        None => return Err(Unreadable::Offset),
    };
    let digit = |i: usize| tail[i].is_ascii_digit().then(|| i32::from(tail[i] - b'0'));
    let sign = match tail[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return Err(Unreadable::Offset),
    };
    let (Some(h1), Some(h2), b':', Some(m1), Some(m2)) =
        (digit(1), digit(2), tail[3], digit(4), digit(5))
    else {
        return Err(Unreadable::Offset);
    };
    let (hours, minutes) = (h1 * 10 + h2, m1 * 10 + m2);
    if hours > 23 || minutes > 59 {
        return Err(Unreadable::Offset);
    }
    Ok(sign * (hours * 3600 + minutes * 60))
}

/// [`parse_instant`], saying why a value is unreadable. The checks are made here, not left
/// to chrono's leniency: a four-digit year from 1000 (`0999-…`, `99-…`, `+2026-…` refused),
/// and an offset within ±23:59 (`+24:00`, `-99:00`, `+5:00`, `+0100`, `−01:00` refused).
pub fn read_instant(v: &str) -> Result<DateTime<Utc>, Unreadable> {
    let b = v.as_bytes();
    let year_digits = b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    if !year_digits {
        // `99-01-01`, `999-…`, `+2026-…`, `12026-…`: a year that is not four digits.
        let looks_dated = matches!(b.first(), Some(b'0'..=b'9' | b'+' | b'-'));
        return Err(if looks_dated && b.contains(&b'-') {
            Unreadable::Year
        } else {
            Unreadable::Shape
        });
    }
    if b[0] == b'0' {
        return Err(Unreadable::Year);
    }
    if b.len() == 10 {
        let date_shape = b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !date_shape {
            return Err(Unreadable::Shape);
        }
        return NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
            .ok_or(Unreadable::Shape);
    }
    // A date-time must end in an offset: read it first, so that one beyond ±23:59 is
    // named as such whatever chrono would do with it.
    if b.len() < 20 {
        return Err(Unreadable::Shape);
    }
    offset_secs(b)?;
    DateTime::parse_from_rfc3339(v)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Unreadable::Shape)
}

fn bad(detail: String) -> ApiError {
    ApiError::JsonApi(StatusCode::BAD_REQUEST, "Bad Request".into(), detail)
}

/// Parse the raw query string of `GET /events` (percent-decoded, `+` as space; brackets
/// may come as `%5B`/`%5D`). Unknown parameters are ignored; of a repeated parameter the
/// last counts. A recognised parameter with an empty or bad value is a 400 naming it.
pub fn parse_query(raw: Option<&str>) -> Result<EventQuery, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| bad(format!("The query string could not be read: {e}")))?;
    let get = |name: &str| -> Result<Option<&str>, ApiError> {
        match pairs.iter().rev().find(|(k, _)| k == name) {
            None => Ok(None),
            Some((_, v)) if v.is_empty() => Err(bad(format!("{name}: must not be empty"))),
            Some((_, v)) => Ok(Some(v.as_str())),
        }
    };
    let mut filters = Vec::new();
    for attr in FILTERS {
        if let Some(v) = get(&format!("filter[{attr}]"))? {
            filters.push((*attr, v.to_string()));
        }
    }
    let mut created_at = Vec::new();
    for b in Bound::ALL {
        let name = format!("filter[created_at][{}]", b.op());
        if let Some(v) = get(&name)? {
            let t = read_instant(v).map_err(|why| {
                let hint = match why {
                    Unreadable::Year => ": the year must be four digits from 1000",
                    Unreadable::Offset if v.contains(' ') => {
                        ": a '+' in a query string must be sent as %2B"
                    }
                    Unreadable::Offset => ": the offset must be Z or ±HH:MM from -23:59 to +23:59",
                    Unreadable::Shape if v.contains(' ') => {
                        " (a '+' in a query string must be sent as %2B)"
                    }
                    Unreadable::Shape => "",
                };
                bad(format!(
                    "{name}: '{v}' is not an RFC 3339 date-time (2026-11-01T00:00:00Z) \
                     or a date (2026-11-01){hint}"
                ))
            })?;
            created_at.push((b, t, v.to_string()));
        }
    }
    let sort = get("sort")?;
    let descending = match sort {
        None | Some("created_at") => false,
        Some("-created_at") => true,
        Some(other) => {
            return Err(bad(format!(
                "sort: '{other}' is not supported (use created_at or -created_at)"
            )))
        }
    };
    let page_number = match get("page[number]")? {
        None => 1,
        Some(v) => v.parse::<u64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            bad(format!(
                "page[number]: '{v}' is not a whole number of at least 1"
            ))
        })?,
    };
    let page_size = match get("page[size]")? {
        None => DEFAULT_PAGE_SIZE,
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
            .ok_or_else(|| {
                bad(format!(
                    "page[size]: '{v}' is not a whole number from 1 to {MAX_PAGE_SIZE}"
                ))
            })?,
    };
    Ok(EventQuery {
        filters,
        created_at,
        descending,
        sort: sort.map(str::to_string),
        page_number,
        page_size,
    })
}

fn matches(e: &Event, q: &EventQuery, at: Option<DateTime<Utc>>) -> bool {
    let attr_ok = q.filters.iter().all(|(attr, v)| {
        let have = match *attr {
            "customer_id" => Some(&e.customer_id),
            "event_type" => Some(&e.event_type),
            "user_id" => e.user_id.as_ref(),
            "service_id" => e.service_id.as_ref(),
            _ => e.token_id.as_ref(),
        };
        have == Some(v)
    });
    attr_ok
        && q.created_at
            .iter()
            .all(|(b, bound, _)| at.is_some_and(|t| b.admits(t, *bound)))
}

/// The body of `GET /events` for `p`. `base` is the absolute URL of the endpoint
/// (`http://host/api/events`), for the links.
///
/// For callers that passed [`rules::check_audit_log`] (superusers, support staff).
/// Visibility as for the customer itself: support staff see every company's events; any
/// other caller sees their own company's only, and naming another company in
/// `filter[customer_id]` is the 403 of `GET /customer/{id}`.
pub fn list(s: &Store, p: &Principal, q: &EventQuery, base: &str) -> Result<Value, ApiError> {
    let scope = match q.filter("customer_id") {
        Some(id) => {
            rules::check_foreign(p, id, false)?;
            Some(id)
        }
        None if p.support => None,
        None => Some(p.customer_id.as_str()),
    };
    let mut found: Vec<(Option<DateTime<Utc>>, &Event)> = s
        .events
        .iter()
        .filter(|e| scope.is_none_or(|c| e.customer_id == c))
        .map(|e| (e.instant(), e))
        .filter(|(at, e)| matches(e, q, *at))
        .collect();
    // Oldest first, ties by id; `-created_at` is the exact reverse.
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    if q.descending {
        found.reverse();
    }
    let total = found.len() as u64;
    let size = q.page_size;
    let total_pages = total.div_ceil(size).max(1);
    let start = (q.page_number - 1).saturating_mul(size);
    let data: Vec<Value> = found
        .iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(size as usize)
        .map(|(_, e)| e.to_json())
        .collect();
    let link = |n: u64| Value::String(format!("{base}?{}", q.link_query(n)));
    let mut links = serde_json::Map::new();
    links.insert("first".into(), link(1));
    if q.page_number > 1 {
        links.insert("prev".into(), link(q.page_number - 1));
    }
    if q.page_number < total_pages {
        links.insert("next".into(), link(q.page_number + 1));
    }
    links.insert("last".into(), link(total_pages));
    Ok(json!({
        "data": data,
        "links": links,
        "meta": {
            "current_page": q.page_number,
            "per_page": size,
            "record_count": total,
            "total_pages": total_pages,
        },
    }))
}

/// One event, if `p` (who passed [`rules::check_audit_log`]) may see it; otherwise
/// (unknown, or another company's) the same 404.
pub fn get<'s>(s: &'s Store, p: &Principal, id: &str) -> Result<&'s Event, ApiError> {
    s.events
        .iter()
        .find(|e| e.id == id && rules::can_read(p, &e.customer_id))
        .ok_or_else(|| {
            ApiError::JsonApi(
                StatusCode::NOT_FOUND,
                "Not Found".into(),
                format!("Couldn't find Event '{id}'"),
            )
        })
}

// ---- events recorded by writes ----

fn user_name(s: &Store, id: &str) -> String {
    s.users
        .get(id)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The writable attributes whose value differs, in [`rules::WRITABLE`] order.
pub fn changed_attributes(before: &Customer, after: &Customer) -> Vec<&'static str> {
    let (b, a) = (before.to_json(true), after.to_json(true));
    rules::WRITABLE
        .iter()
        .copied()
        .filter(|k| b.get(*k) != a.get(*k))
        .collect()
}

/// After an accepted `PUT /customer/{id}`: `customer.update` listing what changed, plus
/// `two_factor_auth.enable|disable` when `force_2fa` flipped and `billing.contact_update`
/// when the billing contact changed. Nothing when nothing changed.
pub fn record_customer_update(s: &mut Store, p: &Principal, before: &Customer, after: &Customer) {
    let changed = changed_attributes(before, after);
    if changed.is_empty() {
        return;
    }
    let c = after.id.as_str();
    s.record_event(
        c,
        p,
        "customer.update",
        format!("Customer settings updated: {}", changed.join(", ")),
        json!({ "changed": changed }),
    );
    if before.force_2fa != after.force_2fa {
        let (kind, what) = if after.force_2fa {
            ("two_factor_auth.enable", "now")
        } else {
            ("two_factor_auth.disable", "no longer")
        };
        s.record_event(
            c,
            p,
            kind,
            format!("Two-factor authentication is {what} required for every user"),
            json!({ "force_2fa": after.force_2fa }),
        );
    }
    if before.billing_contact_id != after.billing_contact_id {
        let name = |id: &Option<String>| match id {
            Some(id) => user_name(s, id),
            None => "the account owner".to_string(),
        };
        let description = format!(
            "Billing contact changed from {} to {}",
            name(&before.billing_contact_id),
            name(&after.billing_contact_id)
        );
        s.record_event(
            c,
            p,
            "billing.contact_update",
            description,
            json!({ "billing_contact_id": {
                "from": before.billing_contact_id,
                "to": after.billing_contact_id,
            }}),
        );
    }
}

fn contact_label(s: &Store, contact: &Contact) -> String {
    let name = contact
        .name
        .clone()
        .or_else(|| contact.user_id.as_deref().map(|u| user_name(s, u)))
        .or_else(|| contact.email.clone())
        .unwrap_or_else(|| contact.id.clone());
    format!("{name} ({})", contact.contact_type)
}

/// After a company contact was created (`added == true`) or deleted.
pub fn record_contact_change(s: &mut Store, p: &Principal, contact: &Contact, added: bool) {
    let (verb, change) = if added {
        ("added", "contact.create")
    } else {
        ("removed", "contact.delete")
    };
    let description = format!("Company contact {verb}: {}", contact_label(s, contact));
    s.record_event(
        &contact.customer_id,
        p,
        "customer.update",
        description,
        json!({
            "contact_id": contact.id,
            "contact_type": contact.contact_type,
            "change": change,
        }),
    );
}

/// After the customer was deleted.
pub fn record_customer_deleted(s: &mut Store, p: &Principal, c: &Customer) {
    s.record_event(
        &c.id,
        p,
        "customer.update",
        "Customer deleted".to_string(),
        json!({ "change": "customer.delete", "deleted_at": c.deleted_at }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(raw: &str) -> Result<EventQuery, ApiError> {
        parse_query(Some(raw))
    }

    fn detail(e: ApiError) -> String {
        match e {
            ApiError::JsonApi(StatusCode::BAD_REQUEST, t, d) if t == "Bad Request" => d,
            other => panic!("not a JSON:API 400: {other:?}"),
        }
    }

    #[test]
    fn instants_in_every_accepted_form() {
        let t = |s: &str| parse_instant(s).map(|t| t.to_rfc3339());
        assert_eq!(
            t("2026-11-01T00:00:00Z").as_deref(),
            Some("2026-11-01T00:00:00+00:00")
        );
        assert_eq!(
            t("2026-11-01T00:00:00.000+01:00").as_deref(),
            Some("2026-10-31T23:00:00+00:00")
        );
        assert_eq!(
            t("2026-11-01T10:30:00-05:30").as_deref(),
            Some("2026-11-01T16:00:00+00:00")
        );
        assert_eq!(
            t("2026-11-01").as_deref(),
            Some("2026-11-01T00:00:00+00:00")
        );
        for bad in [
            "",
            "2026-11-01T00:00:00",
            "2026-13-01",
            "2026-02-30",
            "2026-1-01",
            "26-11-01",
            "yesterday",
            "2026-11-01T00:00:00.000 01:00",
            "1764000000",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets_beyond_23_59_are_unreadable() {
        let r = |s: &str| read_instant(s).map(|t| t.to_rfc3339());
        assert_eq!(
            r("2026-11-01T00:00:00+23:59").as_deref(),
            Ok("2026-10-31T00:01:00+00:00")
        );
        assert_eq!(
            r("2026-11-01T00:00:00-23:59").as_deref(),
            Ok("2026-11-01T23:59:00+00:00")
        );
        assert_eq!(
            r("2026-11-01T00:00:00.5-00:00").as_deref(),
            Ok("2026-11-01T00:00:00.500+00:00")
        );
        for bad in [
            "+24:00",
            "-24:00",
            "+24:01",
            "+25:00",
            "-99:00",
            "+99:59",
            "+23:60",
            "-00:99",
            "+2400",
            "+24",
            "+5:00",
            "+05:0",
            "\u{2212}01:00",
            "+\u{ff10}1:00",
        ] {
            for base in ["2026-11-01T00:00:00", "2026-11-01T00:00:00.123"] {
                let v = format!("{base}{bad}");
                assert_eq!(read_instant(&v), Err(Unreadable::Offset), "{v}");
            }
        }
        // Not mistaken for another kind of problem.
        assert_eq!(read_instant("2026-11-01T24:00:00Z"), Err(Unreadable::Shape));
        assert_eq!(read_instant("2026-02-30T00:00:00Z"), Err(Unreadable::Shape));
    }

    #[test]
    fn years_below_1000_are_refused() {
        assert_eq!(
            parse_instant("1000-01-01")
                .map(|t| t.to_rfc3339())
                .as_deref(),
            Some("1000-01-01T00:00:00+00:00")
        );
        assert!(parse_instant("1000-01-01T00:00:00Z").is_some());
        for bad in [
            "0999-01-01",
            "0000-01-01",
            "0999-12-31T23:59:59Z",
            "0001-01-01T00:00:00+01:00",
            "99-01-01",
            "99-01-01T00:00:00Z",
            "999-01-01",
            "+2026-01-01",
            "-0001-01-01",
            "12026-01-01",
        ] {
            assert_eq!(read_instant(bad), Err(Unreadable::Year), "{bad}");
        }
        for shape in ["yesterday", "1764000000", "", "2026-1-01", "2026/11/01"] {
            assert_eq!(read_instant(shape), Err(Unreadable::Shape), "{shape}");
        }
    }

    #[test]
    fn defaults_and_brackets_encoded_or_not() {
        let d = q("").unwrap();
        assert_eq!(
            (d.page_number, d.page_size, d.descending, d.sort),
            (1, 20, false, None)
        );
        assert!(d.filters.is_empty() && d.created_at.is_empty());
        let a = q("filter%5Buser_id%5D=u1&page%5Bsize%5D=5&page%5Bnumber%5D=3&sort=-created_at")
            .unwrap();
        let b = q("filter[user_id]=u1&page[size]=5&page[number]=3&sort=-created_at").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.filter("user_id"), Some("u1"));
        assert_eq!((a.page_number, a.page_size, a.descending), (3, 5, true));
        // Unknown parameters are ignored; the last of a repeated one counts.
        let c = q("include=user&filter[nope]=1&page[size]=7&page[size]=9").unwrap();
        assert_eq!(c.page_size, 9);
        assert!(c.filters.is_empty());
        // `+` in a value is a space; `%2B` a plus.
        let d = q("filter[created_at][gte]=2026-11-01T00:00:00.000%2B01:00").unwrap();
        assert_eq!(
            d.created_at[0].1,
            parse_instant("2026-10-31T23:00:00Z").unwrap()
        );
    }

    #[test]
    fn bad_values_are_400_naming_the_parameter() {
        for (raw, named) in [
            ("page[size]=0", "page[size]: '0'"),
            ("page[size]=101", "page[size]: '101'"),
            ("page[size]=ten", "page[size]: 'ten'"),
            ("page[size]=-1", "page[size]: '-1'"),
            ("page[number]=0", "page[number]: '0'"),
            ("page[number]=1.5", "page[number]: '1.5'"),
            (
                "page[number]=99999999999999999999999",
                "page[number]: '9999",
            ),
            ("sort=name", "sort: 'name'"),
            ("sort=%2Bcreated_at", "sort: '+created_at'"),
            (
                "filter[created_at][gt]=soon",
                "filter[created_at][gt]: 'soon'",
            ),
            (
                "filter[created_at][lte]=2026-02-30",
                "filter[created_at][lte]",
            ),
            ("filter[user_id]=", "filter[user_id]: must not be empty"),
            ("page[size]=", "page[size]: must not be empty"),
        ] {
            let d = detail(q(raw).unwrap_err());
            assert!(d.starts_with(named), "{raw}: {d}");
        }
        let d = detail(q("filter[created_at][gte]=2026-11-01T00:00:00+01:00").unwrap_err());
        assert!(d.contains("%2B"), "{d}");
        assert_eq!(q("page[size]=100").unwrap().page_size, 100);
        assert_eq!(q("page[size]=1").unwrap().page_size, 1);
    }

    #[test]
    fn links_carry_filters_and_sort_in_a_fixed_order() {
        let e = q(
            "sort=-created_at&page[size]=5&filter[created_at][lt]=2026-11-01T00:00:00%2B01:00\
                   &filter[event_type]=user.login&filter[customer_id]=C%20D&x=y",
        )
        .unwrap();
        assert_eq!(
            e.link_query(2),
            "filter[customer_id]=C%20D&filter[event_type]=user.login\
             &filter[created_at][lt]=2026-11-01T00:00:00%2B01:00&sort=-created_at\
             &page[number]=2&page[size]=5"
        );
        // Read back, a link's query is the same query on another page.
        let back = q(&e.link_query(2)).unwrap();
        assert_eq!(
            back,
            EventQuery {
                page_number: 2,
                ..e
            }
        );
    }
}
