use leptos::prelude::*;

use crate::browser::dom::{dynamic, el, frag, text, Dom, El};

use crate::browser::draft_store::RestoredEdit;
use crate::domain::changes::Draft;

/// Unsaved edits restored onto a newer copy of the customer: for each, what it
/// was, what the server has now and the user's edit, to keep or drop. Saving
/// waits until every one is decided.
pub fn draft_review(
    review: RwSignal<Vec<RestoredEdit>>,
    draft: RwSignal<Draft>,
    status: RwSignal<Option<String>>,
) -> Dom {
    let decide = move |name: &'static str, keep: bool| {
        let Some(edit) =
            review.with_untracked(|r| r.iter().find(|e| e.attribute.name == name).cloned())
        else {
            return;
        };
        let text = if keep {
            edit.mine_text
        } else {
            edit.server_text
        };
        draft.update(|d| {
            d.insert(name.to_string(), text);
        });
        review.update(|r| r.retain(|e| e.attribute.name != name));
        if review.with_untracked(Vec::is_empty) {
            status.set(Some(
                "Your restored edits are reviewed. Save when ready.".into(),
            ));
        }
    };
    let head = [
        "Attribute",
        "When you edited",
        "Now on the server",
        "Your edit",
        "Decide",
    ];
    dynamic(move || {
        (!review.with(Vec::is_empty)).then(|| {
            el("section")
                .class("card draft-review")
                .attr("role", "alert")
                .attr("aria-labelledby", "draft-review-title")
                .attr("data-testid", "draft-review")
                .child(
                    el("h2")
                        .id("draft-review-title")
                        .text("This customer changed since you made these edits"),
                )
                .child(el("p").text("Your unsaved edits from earlier in this tab were made on an older copy. For each one, keep your edit or use what the server has now. Nothing can be saved until you have decided."))
                .child(
                    el("table")
                        .class("conflict-table")
                        .child(el("thead").child(el("tr").children(
                            head.iter().map(|h| el("th").attr("scope", "col").text(h)).collect(),
                        )))
                        .child(el("tbody").children(
                            review.get().into_iter().map(|edit| review_row(edit, decide)).collect(),
                        )),
                )
        })
    })
}

fn review_row(edit: RestoredEdit, decide: impl Fn(&'static str, bool) + Copy + 'static) -> El {
    let name = edit.attribute.name;
    let label = edit.attribute.label;
    let row = el("tr").attr("data-review", name);
    let row = if edit.moved { row.class("moved") } else { row };
    let button = |class: &str, aria: String, keep: bool, text: &str| {
        el("button")
            .attr("type", "button")
            .class(class)
            .attr("aria-label", &aria)
            .on("click", move |_| decide(name, keep))
            .text(text)
    };
    row.child(
        el("th")
            .attr("scope", "row")
            .text(label)
            .child(edit.moved.then(|| {
                frag(vec![
                    text(" "),
                    el("span")
                        .class("badge warn")
                        .text("Changed on the server")
                        .into(),
                ])
            })),
    )
    .child(el("td").text(&edit.was))
    .child(el("td").text(&edit.now))
    .child(el("td").text(&edit.mine))
    .child(
        el("td")
            .class("actions")
            .child(button(
                "button primary small",
                format!("Keep my edit of {label}"),
                true,
                "Keep my edit",
            ))
            .child(button(
                "button small",
                format!("Use the server's {label}"),
                false,
                "Use the server's",
            )),
    )
}
