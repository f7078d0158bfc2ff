use leptos::prelude::*;

use crate::browser::dom::{el, El};
use crate::browser::load::Load;
use crate::browser::session::Session;
use crate::components::event_row::event_row;
use crate::components::load_error::inline_load_error;
use crate::components::user_picker::Directory;
use crate::domain::activity::{activity_href, is_account_change, latest_query};

/// How many of the latest events "Recent changes" looks through for account changes.
const LOOK_BACK: u32 = 50;
/// How many it shows.
const SHOWN: usize = 5;

/// The last account changes (settings, pricing, billing contact, 2FA, users), linking to
/// the activity page. Mounted once the settings are on screen and the users have answered,
/// so it never delays them; if the events cannot be loaded it says so, and the page works
/// on. `refresh` changes after each save: the new event shows without a reload.
pub fn recent_changes(customer_id: String, directory: Directory, refresh: Signal<u32>) -> El {
    let session = expect_context::<Session>();
    let query = latest_query(&customer_id, LOOK_BACK);
    let events = Load::new(move || {
        let (query, _) = (query.clone(), refresh.get());
        session.call(move |api| async move { api.events(&query).await })
    });
    let list = move || match events.get() {
        None => el("p")
            .class("muted")
            .attr("aria-busy", "true")
            .text("Loading recent changes…"),
        Some(Err(error)) => inline_load_error(
            "Could not load recent changes.",
            error,
            Callback::new(move |_| events.refetch()),
        ),
        Some(Ok(page)) => {
            let changes: Vec<El> = page
                .events
                .into_iter()
                .filter(|e| e.event_type.as_deref().is_some_and(is_account_change))
                .take(SHOWN)
                .map(|event| event_row(event, directory, true))
                .collect();
            if changes.is_empty() {
                return el("p")
                    .class("muted")
                    .text("No account changes among the latest events.");
            }
            el("ol").class("events compact").children(changes)
        }
    };
    el("section")
        .class("card recent-changes")
        .attr("aria-labelledby", "recent-changes-title")
        .attr("data-testid", "recent-changes")
        .child(el("h2").id("recent-changes-title").text("Recent changes"))
        .dyn_child(list)
        .child(
            el("a")
                .attr("href", &activity_href(&customer_id))
                .text("See all activity"),
        )
}
