//! Audit events (`GET /events`, JSON:API): one page of them, read leniently. An event
//! with missing or odd attributes is kept with what it has; only an answer that is not a
//! JSON:API list at all is an error.

use serde_json::{Map, Value};

use super::lenient::{self, Field, Timestamp};
use super::ModelError;

#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// The query (`page[number]=2&…`, without `?`) of `links.next`, when there is a next page.
    pub next: Option<String>,
    /// `meta.record_count`, when the answer says.
    pub total: Option<u64>,
}

impl Event {
    /// One JSON:API resource (`{"id", "type", "attributes": {…}}`); `None` without an id.
    pub fn from_json(raw: &Value) -> Option<Event> {
        let o = raw.as_object()?;
        let id = lenient::text(o, "id")
            .value()
            .cloned()
            .filter(|s| !s.is_empty())?;
        let empty = Map::new();
        let a = o
            .get("attributes")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let text = |key: &str| {
            lenient::text(a, key)
                .value()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Some(Event {
            id,
            event_type: text("event_type"),
            description: text("description"),
            user_id: text("user_id"),
            admin: lenient::flag_or_none(a, "admin").unwrap_or(false),
            created_at: match lenient::time(a, "created_at") {
                Field::Value(t) if !t.raw.trim().is_empty() => Some(t),
                _ => None,
            },
            ip: text("ip"),
            metadata: a.get("metadata").cloned().unwrap_or(Value::Null),
        })
    }
}

impl EventPage {
    /// A JSON:API list: `{"data": [...], "links": {"next": …}, "meta": {…}}`.
    pub fn from_json(raw: &Value) -> Result<EventPage, ModelError> {
        let o = raw
            .as_object()
            .ok_or(ModelError::NotAnObject("event list"))?;
        let data = o
            .get("data")
            .and_then(Value::as_array)
            .ok_or(ModelError::NotAnArray("events"))?;
        let next = o
            .get("links")
            .and_then(|l| l.get("next"))
            .and_then(Value::as_str)
            .and_then(query_of);
        let total = o
            .get("meta")
            .and_then(|m| m.get("record_count"))
            .and_then(Value::as_u64);
        Ok(EventPage {
            events: data.iter().filter_map(Event::from_json).collect(),
            next,
            total,
        })
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

    #[test]
    fn reads_a_recorded_real_answer() {
        let raw = json!({"data":[{"id":"5ua9a8p7hThd5G9K1PmrRf","type":"event","attributes":{"customer_id":"76eo17QE8I25lqXy9uJqbd",
         "description":"Version 52 was created","event_type":"version.create","ip":"73.93.140.51, 73.93.140.51",
         "metadata":{"version_number":52,"service_id":"7i6HN3TK9wS159v2gPAZ8A","number":52},
         "service_id":"7i6HN3TK9wS159v2gPAZ8A","user_id":"48R7uE14gWaqdDSjVMLzKO","created_at":"2019-05-11T17:53:06Z","admin":false}}],
         "links":{"next":"https://api.fastly.com/events?page[number]=2&page[size]=1","last":"https://api.fastly.com/events?page[number]=9330&page[size]=1"}});
        let page = EventPage::from_json(&raw).unwrap();
        assert_eq!(page.next.as_deref(), Some("page[number]=2&page[size]=1"));
        assert_eq!(page.total, None);
        let e = &page.events[0];
        assert_eq!(e.id, "5ua9a8p7hThd5G9K1PmrRf");
        assert_eq!(e.event_type.as_deref(), Some("version.create"));
        assert_eq!(e.ip.as_deref(), Some("73.93.140.51, 73.93.140.51"));
        assert_eq!(e.user_id.as_deref(), Some("48R7uE14gWaqdDSjVMLzKO"));
        assert!(!e.admin);
        assert_eq!(e.created_at.as_ref().unwrap().raw, "2019-05-11T17:53:06Z");
        assert!(e.created_at.as_ref().unwrap().parsed.is_some());
        assert_eq!(e.metadata["number"], json!(52));
    }

    #[test]
    fn odd_events_keep_what_they_have() {
        let raw = json!({"data": [
            {"id": "a"},
            {"id": "b", "attributes": {"created_at": "yesterday", "admin": "1", "ip": null,
              "event_type": 7, "metadata": [1, 2], "description": "  "}},
            {"attributes": {"description": "no id"}},
            "not an event",
            {"id": "c", "attributes": "not an object"}
        ], "meta": {"record_count": 3}, "links": {"next": null}});
        let page = EventPage::from_json(&raw).unwrap();
        let ids: Vec<&str> = page.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
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
    }

    #[test]
    fn an_empty_list_is_a_page() {
        let page = EventPage::from_json(&json!({"data": []})).unwrap();
        assert!(page.events.is_empty());
        assert_eq!(page.next, None);
    }

    #[test]
    fn anything_else_is_an_error() {
        assert!(EventPage::from_json(&json!([])).is_err());
        assert!(EventPage::from_json(&json!({"data": {"id": "x"}})).is_err());
        assert!(EventPage::from_json(&json!({"errors": []})).is_err());
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
