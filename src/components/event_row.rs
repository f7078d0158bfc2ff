//! One audit event: what happened, its type, who did it, when and from where; its
//! metadata (any shape) as key/value pairs behind "Details".

use leptos::prelude::*;

use crate::components::time::TimeText;
use crate::components::user_picker::Directory;
use crate::domain::activity::{event_type_name, metadata_pairs, who};
use crate::model::Event;
use crate::pages::customer_frame::name_in;

#[component]
pub fn EventRow(
    event: Event,
    /// The customer's users, for names.
    directory: Directory,
    /// The short form of "Recent changes": no IP, no details.
    #[prop(default = false)]
    compact: bool,
) -> impl IntoView {
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
    let by = move || who(&event, |id| name_in(directory, id));
    view! {
        <li class="event" data-event=id>
            <p class="event-description">{description}</p>
            <p class="event-facts muted">
                <span class="event-type">
                    {(type_name != raw_type).then(|| format!("{type_name} "))}
                    <code>{if raw_type.is_empty() { "no type".into() } else { raw_type }}</code>
                </span>
                " · by "
                <span class="event-who">{by}</span>
                " · "
                {match when {
                    Some(t) => view! { <TimeText time=t /> }.into_any(),
                    None => view! { <span class="unreadable">"time unknown"</span> }.into_any(),
                }}
                {ip
                    .map(|ip| {
                        view! {
                            " · IP "
                            <code class="event-ip">{ip}</code>
                        }
                    })}
            </p>
            {(!pairs.is_empty())
                .then(|| {
                    view! {
                        <details class="event-details">
                            <summary>"Details"</summary>
                            <dl>
                                {pairs
                                    .into_iter()
                                    .map(|(k, v)| {
                                        view! {
                                            <dt>{k}</dt>
                                            <dd>{v}</dd>
                                        }
                                    })
                                    .collect_view()}
                            </dl>
                        </details>
                    }
                })}
        </li>
    }
}
