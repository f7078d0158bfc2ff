use leptos::prelude::*;

use crate::domain::timefmt;
use crate::model::Timestamp;

/// A time as "local date-time (3 days ago)", with the exact ISO 8601 text on hover and focus.
#[component]
pub fn TimeText(time: Timestamp) -> impl IntoView {
    match time.parsed {
        Some(t) => {
            let exact = timefmt::exact(t);
            view! {
                <time
                    datetime=exact.clone()
                    title=exact.clone()
                    tabindex="0"
                    class="time"
                    data-exact=exact
                >
                    {timefmt::local(t)}
                    <span class="muted">" (" {timefmt::relative(timefmt::now(), t)} ")"</span>
                </time>
            }
            .into_any()
        }
        None => {
            view! { <span class="unreadable">"Unreadable date: " <code>{time.raw}</code></span> }
                .into_any()
        }
    }
}
