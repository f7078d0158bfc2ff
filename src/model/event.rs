//! Audit events (`GET /events`, JSON:API): one page of them, read leniently. An event
//! with missing or odd attributes is kept with what it has; an entry that is not an event
//! (no id) is skipped and counted; only an answer that is not a JSON:API list at all is an
//! error.

use serde::Deserialize;
use serde_json::Value;

use super::field::{self, Field, SkipBad};
use super::Timestamp;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "Resource")]
pub struct Event {
    pub id: String,
    /// `customer.update`, … or any other string; `None` when missing.
    pub event_type: Option<String>,
    pub description: Option<String>,
    pub user_id: Option<String>,
    /// Done by Fastly staff.
    pub admin: bool,
    pub created_at: Option<Timestamp>,
    /// As sent: may hold two addresses ("73.93.140.51, 10.0.0.1").
    pub ip: Option<String>,
    /// Free-form: any JSON value (usually an object).
    pub metadata: Value,
}

/// One page of events and where the next one is.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(from = "Answer")]
pub struct EventPage {
    pub events: Vec<Event>,
    /// The query (`page[number]=2&…`, without `?`) of `links.next`, when there is a next page.
    pub next: Option<String>,
    /// `meta.record_count`, when the answer says.
    pub total: Option<u64>,
    /// Entries of `data` that were not events (no id) and are left out.
    pub skipped: usize,
}

/// A JSON:API resource: `{"id", "type", "attributes": {…}}`. Attributes that are not an
/// object read as none.
#[derive(Deserialize)]
struct Resource {
    #[serde(deserialize_with = "field::id")]
    id: String,
    #[serde(default, deserialize_with = "field::object_or_default")]
    attributes: Attributes,
}

#[derive(Default, Deserialize)]
struct Attributes {
    #[serde(default)]
    event_type: Field<String>,
    #[serde(default)]
    description: Field<String>,
    #[serde(default)]
    user_id: Field<String>,
    #[serde(default)]
    admin: Field<bool>,
    #[serde(default)]
    created_at: Field<Timestamp>,
    #[serde(default)]
    ip: Field<String>,
    #[serde(default)]
    metadata: Value,
}

impl From<Resource> for Event {
    fn from(Resource { id, attributes: a }: Resource) -> Event {
        // Text trimmed; blank is none.
        let text = |f: Field<String>| {
            f.into_value()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Event {
            id,
            event_type: text(a.event_type),
            description: text(a.description),
            user_id: text(a.user_id),
            admin: a.admin.into_value().unwrap_or(false),
            created_at: a
                .created_at
                .into_value()
                .filter(|t| !t.raw.trim().is_empty()),
            ip: text(a.ip),
            metadata: a.metadata,
        }
    }
}

/// A JSON:API list: `{"data": [...], "links": {"next": …}, "meta": {…}}`; `links` and
/// `meta` may be missing or odd (read as they are, by the rules of [`Field`]).
#[derive(Deserialize)]
struct Answer {
    data: SkipBad<Event>,
    #[serde(default)]
    links: Value,
    #[serde(default)]
    meta: Value,
}

impl From<Answer> for EventPage {
    fn from(answer: Answer) -> EventPage {
        EventPage {
            events: answer.data.items,
            next: Field::<String>::of(answer.links.get("next"))
                .value()
                .and_then(|link| query_of(link)),
            total: Field::<u64>::of(answer.meta.get("record_count")).into_value(),
            skipped: answer.data.skipped,
        }
    }
}

/// The query of a link (`https://api.fastly.com/events?page[number]=2` → `page[number]=2`).
/// Only the query is kept: the next page is asked of our own API base, never of a host an
/// answer names (the token goes with every request).
fn query_of(link: &str) -> Option<String> {
    let query = link.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    (!query.is_empty()).then(|| query.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn page(text: &str) -> Result<EventPage, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// go-fastly's recorded answer (fastly-api.md), as sent.
    const RECORDED: &str = r#"{"data":[{"id":"5ua9a8p7hThd5G9K1PmrRf","type":"event","attributes":{"customer_id":"76eo17QE8I25lqXy9uJqbd",
 "description":"Version 52 was created","event_type":"version.create","ip":"73.93.140.51, 73.93.140.51",
 "metadata":{"version_number":52,"service_id":"7i6HN3TK9wS159v2gPAZ8A","number":52},
 "service_id":"7i6HN3TK9wS159v2gPAZ8A","user_id":"48R7uE14gWaqdDSjVMLzKO","created_at":"2019-05-11T17:53:06Z","admin":false}}],
 "links":{"next":"https://api.fastly.com/events?page[number]=2&page[size]=1","last":"https://api.fastly.com/events?page[number]=9330&page[size]=1"}}"#;

    #[test]
    fn reads_a_recorded_real_answer() {
        let page = page(RECORDED).unwrap();
        assert_eq!(page.next.as_deref(), Some("page[number]=2&page[size]=1"));
        assert_eq!((page.total, page.skipped), (None, 0));
        let e = &page.events[0];
        assert_eq!(e.id, "5ua9a8p7hThd5G9K1PmrRf");
        assert_eq!(e.event_type.as_deref(), Some("version.create"));
        assert_eq!(e.description.as_deref(), Some("Version 52 was created"));
        assert_eq!(e.ip.as_deref(), Some("73.93.140.51, 73.93.140.51"));
        assert_eq!(e.user_id.as_deref(), Some("48R7uE14gWaqdDSjVMLzKO"));
        assert!(!e.admin);
        assert_eq!(e.created_at.as_ref().unwrap().raw, "2019-05-11T17:53:06Z");
        assert!(e.created_at.as_ref().unwrap().parsed.is_some());
        assert_eq!(e.metadata["number"], json!(52));
    }

    #[test]
    fn odd_events_keep_what_they_have() {
        let page = page(
            r#"{"data": [
            {"id": "a"},
            {"id": "b", "attributes": {"created_at": "yesterday", "admin": "1", "ip": null,
              "event_type": 7, "metadata": [1, 2], "description": "  "}},
            {"attributes": {"description": "no id"}},
            "not an event",
            {"id": "c", "attributes": "not an object"},
            {"id": "d", "type": "event", "attributes": {"admin": "perhaps", "created_at": " ",
              "user_id": {"id": "u"}, "event_type": " user.login "}}
        ], "meta": {"record_count": 3}, "links": {"next": null}}"#,
        )
        .unwrap();
        let ids: Vec<&str> = page.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
        assert_eq!(page.skipped, 2);
        assert_eq!(page.next, None);
        assert_eq!(page.total, Some(3));
        let a = &page.events[0];
        assert_eq!((a.event_type.clone(), a.created_at.clone()), (None, None));
        assert_eq!(a.metadata, Value::Null);
        let b = &page.events[1];
        assert!(b.admin);
        assert_eq!(b.event_type.as_deref(), Some("7"));
        assert_eq!(b.description, None);
        let when = b.created_at.as_ref().unwrap();
        assert_eq!((when.raw.as_str(), when.parsed), ("yesterday", None));
        assert_eq!(b.metadata, json!([1, 2]));
        let d = &page.events[3];
        assert!(!d.admin);
        assert_eq!((d.created_at.clone(), d.user_id.clone()), (None, None));
        assert_eq!(d.event_type.as_deref(), Some("user.login"));
    }

    #[test]
    fn odd_links_and_meta_are_none() {
        let page = page(r#"{"data": [], "links": "x", "meta": {"record_count": "3"}}"#).unwrap();
        assert_eq!((page.next, page.total), (None, None));
        let page = page_with_next(json!({"next": 5}));
        assert_eq!(page.next, None);
        let page = page_with_next(json!({"next": "/events"}));
        assert_eq!(page.next, None);
    }

    fn page_with_next(links: Value) -> EventPage {
        page(&json!({"data": [], "links": links, "meta": null}).to_string()).unwrap()
    }

    #[test]
    fn an_empty_list_is_a_page() {
        let page = page(r#"{"data": []}"#).unwrap();
        assert!(page.events.is_empty());
        assert_eq!(page.next, None);
    }

    #[test]
    fn anything_else_is_an_error() {
        assert!(page("[]").is_err());
        assert!(page(r#"{"data": {"id": "x"}}"#).is_err());
        assert!(page(r#"{"errors": []}"#).is_err());
        assert!(page(r#"{"data": null}"#).is_err());
    }

    #[test]
    fn next_links_keep_only_their_query() {
        assert_eq!(
            query_of("https://evil.example/x?a=1#f").as_deref(),
            Some("a=1")
        );
        assert_eq!(query_of("/events"), None);
        assert_eq!(query_of("https://x/events?"), None);
    }
}
