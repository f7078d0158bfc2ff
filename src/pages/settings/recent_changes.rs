use leptos::prelude::*;

use crate::browser::load::Load;
use crate::browser::session::Session;
use crate::components::event_row::EventRow;
use crate::components::load_error::InlineLoadError;
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
#[component]
pub fn RecentChanges(
    customer_id: String,
    directory: Directory,
    #[prop(into)] refresh: Signal<u32>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let query = latest_query(&customer_id, LOOK_BACK);
    let events = Load::new(move || {
        let (query, _) = (query.clone(), refresh.get());
        session.call(move |api| async move { api.events(&query).await })
    });
    let list = move || match events.get() {
        None => {
            let loading = view! {
                <p class="muted" aria-busy="true">
                    "Loading recent changes…"
                </p>
            };
            loading.into_any()
        }
        Some(Err(error)) => {
            let failed = view! {
                <InlineLoadError
                    what="Could not load recent changes."
                    error=error
                    on_retry=Callback::new(move |_| events.refetch())
                />
            };
            failed.into_any()
        }
        Some(Ok(page)) => {
            let changes: Vec<_> = page
                .events
                .into_iter()
                .filter(|e| e.event_type.as_deref().is_some_and(is_account_change))
                .take(SHOWN)
                .collect();
            if changes.is_empty() {
                let none =
                    view! { <p class="muted">"No account changes among the latest events."</p> };
                return none.into_any();
            }
            let rows = changes
                .into_iter()
                .map(|event| view! { <EventRow event=event directory=directory compact=true /> })
                .collect_view();
            let list = view! { <ol class="events compact">{rows}</ol> };
            list.into_any()
        }
    };
    view! {
        <section
            class="card recent-changes"
            aria-labelledby="recent-changes-title"
            data-testid="recent-changes"
        >
            <h2 id="recent-changes-title">"Recent changes"</h2>
            {list}
            <a href=activity_href(&customer_id)>"See all activity"</a>
        </section>
    }
}
