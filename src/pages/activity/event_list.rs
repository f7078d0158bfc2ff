use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::ActivityData;
use crate::api::ApiError;
use crate::browser::dom::{dynamic, el, frag, Dom, El};
use crate::browser::effect::{effect, memo};
use crate::browser::session::Session;
use crate::components::event_row::event_row;
use crate::components::load_error::{inline_load_error, load_error};
use crate::components::skeleton::skeleton;
use crate::components::user_picker::Directory;
use crate::model::Event;

fn rows(events: Vec<Event>, directory: Directory) -> Vec<El> {
    events
        .into_iter()
        .map(|event| event_row(event, directory, false))
        .collect()
}

/// The rows of the `i`th page "Load more" fetched, then the place of the page after it.
/// Each page is built once, when it comes: the rows already listed stay as they are (an
/// open "Details" stays open, focus stays where it is).
fn more_rows(more: RwSignal<Vec<Vec<Event>>>, directory: Directory, i: usize) -> Dom {
    let here = memo(move || more.with(|m| m.len() > i));
    dynamic(move || {
        if !here.get() {
            return Dom::none();
        }
        let events = more.with_untracked(|m| m.get(i).cloned().unwrap_or_default());
        frag(vec![
            rows(events, directory).into(),
            more_rows(more, directory, i + 1),
        ])
    })
}

/// The events of the first page, then each page "Load more" fetched (`links.next`). An
/// event already listed (the list moved while paging) is not listed twice.
pub fn event_list(data: ActivityData) -> Dom {
    let session = expect_context::<Session>();
    let ActivityData {
        first,
        query,
        directory,
        filter,
        ..
    } = data;
    let more = RwSignal::new(Vec::<Vec<Event>>::new());
    let next = RwSignal::new(None::<String>);
    let more_error = RwSignal::new(None::<ApiError>);
    let loading_more = RwSignal::new(false);
    let more_pages = memo(move || next.with(Option::is_some));
    // The "End of the list." paragraph on screen.
    let list_end = StoredValue::new_local(None::<Element>);
    // A new first page (other filters, or asked again): the pages after it start over.
    effect(move || {
        let page_next = first.get().and_then(Result::ok).and_then(|(_, p)| p.next);
        more.set(Vec::new());
        more_error.set(None);
        loading_more.set(false);
        next.set(page_next);
    });
    let fetch_more = move || {
        let Some(q) = next
            .get_untracked()
            .filter(|_| !loading_more.get_untracked())
        else {
            return;
        };
        let asked_for = query.get_untracked();
        more_error.set(None);
        loading_more.set(true);
        leptos::task::spawn_local(async move {
            let got = session
                .call(move |api| async move { api.events(&q).await })
                .await;
            // Dropped when the filters changed meanwhile (or the page is gone).
            if query.try_get_untracked() != Some(asked_for) {
                return;
            }
            loading_more.set(false);
            match got {
                Ok(page) => {
                    // The last page: "Load more" goes away, so focus moves to the end of the
                    // list instead of falling back to the top of the document.
                    if page.next.is_none() {
                        request_animation_frame(move || {
                            let end = list_end.try_get_value().flatten();
                            if let Some(end) = end
                                .as_ref()
                                .and_then(|e| e.dyn_ref::<web_sys::HtmlElement>())
                            {
                                let _ = end.focus();
                            }
                        });
                    }
                    let mut listed = Vec::new();
                    if let Some(Ok((_, first))) = untrack(|| first.get()) {
                        listed.extend(first.events.into_iter().map(|e| e.id));
                    }
                    more.with_untracked(|m| {
                        listed.extend(m.iter().flatten().map(|e| e.id.clone()))
                    });
                    let fresh: Vec<Event> = page
                        .events
                        .into_iter()
                        .filter(|e| !listed.contains(&e.id))
                        .collect();
                    more.update(|m| m.push(fresh));
                    next.set(page.next);
                }
                Err(e) => more_error.set(Some(e)),
            }
        });
    };
    let retry_more = Callback::new(move |_| fetch_more());
    // The list is rebuilt when its first page comes, not when the filters change meanwhile.
    let problem = memo(move || filter.with(|(f, _)| f.problem()));
    dynamic(move || {
        if let Some(problem) = problem.get() {
            return el("p")
                .class("alert")
                .attr("role", "alert")
                .attr("data-testid", "activity-filter-problem")
                .text(&problem);
        }
        match first.get() {
            None => skeleton("Loading activity", &["block", "block"]),
            Some(Err(error)) => load_error(
                "Could not load the activity",
                error,
                Callback::new(move |_| first.refetch()),
                None,
            ),
            Some(Ok((_, page))) if page.events.is_empty() => {
                let filtered = !filter.with(|(f, _)| f.is_empty());
                el("p")
                    .class("card empty")
                    .attr("data-testid", "no-events")
                    .text(if filtered {
                        "No events match these filters."
                    } else {
                        "No events yet."
                    })
            }
            Some(Ok((asked, page))) => {
                let total = page.total.map(|n| {
                    el("p")
                        .class("muted events-total")
                        .text(&format!("{n} events"))
                });
                let end = el("p")
                    .class("muted events-end")
                    .attr("tabindex", "-1")
                    .attr("data-testid", "events-end")
                    .dyn_text(move || {
                        if more_pages.get() {
                            ""
                        } else {
                            "End of the list."
                        }
                        .to_string()
                    });
                list_end.set_value(Some(end.element()));
                el("section")
                    .class("card events-card")
                    .attr("aria-label", "Events")
                    .dyn_attr("aria-busy", move || {
                        Some(query.with(|q| *q != asked).to_string())
                    })
                    .child(total)
                    .child(
                        el("ol")
                            .class("events")
                            .attr("data-testid", "events")
                            .children(rows(page.events, directory))
                            .child(more_rows(more, directory, 0)),
                    )
                    .child(
                        el("p")
                            .attr("role", "status")
                            .class("muted")
                            .dyn_text(move || {
                                if loading_more.get() {
                                    "Loading more events…"
                                } else {
                                    ""
                                }
                                .to_string()
                            }),
                    )
                    .child(end)
                    .dyn_child(move || {
                        more_error.get().map(|e| {
                            inline_load_error("Could not load more events.", e, retry_more)
                        })
                    })
                    .dyn_child(move || {
                        more_pages.get().then(|| {
                            el("button")
                                .attr("type", "button")
                                .class("button secondary load-more")
                                .dyn_attr("aria-busy", move || Some(loading_more.get().to_string()))
                                .on("click", move |_| fetch_more())
                                .text("Load more")
                        })
                    })
            }
        }
    })
}
