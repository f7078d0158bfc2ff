use crate::browser::dom::{el, El};
use crate::domain::timefmt;
use crate::model::iso8601;
use crate::model::Timestamp;

/// A time as "local date-time (3 days ago)", with the exact ISO 8601 text on hover and focus.
pub fn time_text(time: Timestamp) -> El {
    match time.parsed {
        Some(t) => {
            let exact = iso8601::exact(t);
            el("time")
                .attr("datetime", &exact)
                .attr("title", &exact)
                .attr("tabindex", "0")
                .class("time")
                .attr("data-exact", &exact)
                .text(&timefmt::local(t))
                .child(
                    el("span")
                        .class("muted")
                        .text(" (")
                        .text(&timefmt::relative(timefmt::now(), t))
                        .text(")"),
                )
        }
        None => el("span")
            .class("unreadable")
            .text("Unreadable date: ")
            .child(el("code").text(&time.raw)),
    }
}
