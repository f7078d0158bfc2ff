//! One audit event: what happened, its type, who did it, when and from where; its
//! metadata (any shape) as key/value pairs behind "Details".

use crate::browser::dom::{el, El};
use crate::components::time::time_text;
use crate::components::user_picker::Directory;
use crate::domain::activity::{event_type_name, metadata_pairs, who};
use crate::model::Event;
use crate::pages::customer_frame::name_in;

/// One event as a list item. `directory`: the customer's users, for names. `compact`: the
/// short form of "Recent changes" (no IP, no details).
pub fn event_row(event: Event, directory: Directory, compact: bool) -> El {
    let raw_type = event.event_type.clone().unwrap_or_default();
    let type_name = event_type_name(&raw_type).to_string();
    let description = event
        .description
        .clone()
        .unwrap_or_else(|| match raw_type.as_str() {
            "" => "An event without a description".into(),
            _ => type_name.clone(),
        });
    let pairs = if compact {
        Vec::new()
    } else {
        metadata_pairs(&event.metadata)
    };
    let ip = event.ip.clone().filter(|_| !compact);
    let when = event.created_at.clone();
    let id = event.id.clone();
    let mut kind = el("span").class("event-type");
    if type_name != raw_type {
        kind = kind.text(&format!("{type_name} "));
    }
    let kind = kind.child(el("code").text(if raw_type.is_empty() {
        "no type"
    } else {
        &raw_type
    }));
    let mut facts = el("p")
        .class("event-facts muted")
        .child(kind)
        .text(" · by ")
        .child(
            el("span")
                .class("event-who")
                .dyn_text(move || who(&event, |id| name_in(directory, id))),
        )
        .text(" · ")
        .child(match when {
            Some(t) => time_text(t),
            None => el("span").class("unreadable").text("time unknown"),
        });
    if let Some(ip) = ip {
        facts = facts
            .text(" · IP ")
            .child(el("code").class("event-ip").text(&ip));
    }
    let details = (!pairs.is_empty()).then(|| {
        let mut list = el("dl");
        for (k, v) in pairs {
            list = list.child(el("dt").text(&k)).child(el("dd").text(&v));
        }
        el("details")
            .class("event-details")
            .child(el("summary").text("Details"))
            .child(list)
    });
    el("li")
        .class("event")
        .attr("data-event", &id)
        .child(el("p").class("event-description").text(&description))
        .child(facts)
        .child(details)
}
