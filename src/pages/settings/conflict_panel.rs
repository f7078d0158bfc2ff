//! Someone else changed the customer while it was being edited: what moved, and the two ways on.

use leptos::prelude::*;

use crate::browser::dom::{el, El};
use crate::domain::changes::{Draft, ServerChange};

/// What moved on the server (`moved`), with the user's edit of each (from `draft`), and
/// the two ways on: save over theirs, or take theirs.
pub fn conflict_panel(
    moved: Vec<ServerChange>,
    draft: RwSignal<Draft>,
    on_overwrite: Callback<()>,
    on_take_theirs: Callback<()>,
) -> El {
    let head = [
        "Attribute",
        "When you loaded it",
        "Now on the server",
        "Your edit",
    ];
    let rows = moved
        .into_iter()
        .map(|c| {
            let mine = draft.with_untracked(|d| d.get(c.name).cloned());
            let edit = if c.also_edited {
                mine.unwrap_or_default()
            } else {
                "—".to_string()
            };
            el("tr")
                .attr("data-conflict", c.name)
                .child(el("th").attr("scope", "row").text(c.label))
                .child(el("td").text(&c.was))
                .child(el("td").text(&c.now))
                .child(el("td").text(&edit))
        })
        .collect();
    let button = |class: &str, on_click: Callback<()>, label: &str| {
        el("button")
            .attr("type", "button")
            .class(class)
            .on("click", move |_| on_click.run(()))
            .text(label)
    };
    el("section")
        .class("card conflict")
        .attr("role", "alert")
        .attr("aria-labelledby", "conflict-title")
        .child(
            el("h2")
                .id("conflict-title")
                .text("Someone else changed this customer while you were editing"),
        )
        .child(el("p").text(
            "Nothing was saved. Your edits are still in the form. Here is what changed on the server:",
        ))
        .child(
            el("table")
                .class("conflict-table")
                .child(
                    el("thead").child(
                        el("tr").children(
                            head.iter()
                                .map(|h| el("th").attr("scope", "col").text(h))
                                .collect(),
                        ),
                    ),
                )
                .child(el("tbody").children(rows)),
        )
        .child(
            el("div")
                .class("actions")
                .child(button(
                    "button primary",
                    on_overwrite,
                    "Save my changes over theirs",
                ))
                .child(button(
                    "button",
                    on_take_theirs,
                    "Discard my changes and load theirs",
                )),
        )
}
