use leptos::prelude::*;

use crate::api::ApiError;
use crate::browser::dom::{el, El};

/// "Try again": asks once more.
fn try_again(class: &str, on_retry: Callback<()>) -> El {
    el("button")
        .attr("type", "button")
        .class(class)
        .on("click", move |_| on_retry.run(()))
        .text("Try again")
}

/// A load that failed: what and why, in an alert, with "Try again" that asks
/// once more (the page shows itself when the answer comes), and a way home.
pub fn load_error(
    title: &str,
    error: ApiError,
    on_retry: Callback<()>,
    explanation: Option<String>,
) -> El {
    el("section")
        .class("card")
        .attr("role", "alert")
        .attr("data-testid", "load-error")
        .child(el("h1").text(title))
        .child(explanation.map(|e| el("p").text(&e)))
        .child(el("p").class("muted").text(&error.describe()))
        .child(
            el("div")
                .class("actions")
                .child(try_again("button primary", on_retry))
                .child(
                    el("a")
                        .class("button")
                        .attr("href", "/")
                        .text("Go to your account"),
                ),
        )
}

/// A part of a page that failed to load: one line in an alert and "Try again".
pub fn inline_load_error(what: &str, error: ApiError, on_retry: Callback<()>) -> El {
    el("div")
        .class("alert inline-load-error")
        .attr("role", "alert")
        .child(el("p").text(what).text(" ").text(&error.describe()))
        .child(try_again("button secondary small", on_retry))
}
