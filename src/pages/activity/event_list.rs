use leptos::prelude::*;

use crate::components::skeleton::Skeleton;

use super::ActivityData;
use crate::api::ApiError;
use crate::browser::effect::{effect, memo};
use crate::browser::session::Session;
use crate::components::event_row::EventRow;
use crate::components::load_error::{InlineLoadError, LoadError};
use crate::domain::activity::next_page_query;
use crate::model::Event;

/// The query of the page after one asked with `first`, from its answer's `links.next`.
fn next_of(first: Option<&String>, link: Option<String>) -> Option<String> {
    next_page_query(first?, &link?)
}

/// The events of the first page, then each page "Load more" fetched (`links.next`). An
/// event already listed (the list moved while paging) is not listed twice.
#[component]
pub fn EventList(data: ActivityData) -> impl IntoView {
    let session = expect_context::<Session>();
    let ActivityData {
        first,
        query,
        directory,
        filter,
        ..
    } = data;
    // The events of the pages after the first, in order; each row is built once (keyed by
    // its id), so "Load more" leaves the rows already listed (and an open "Details") alone.
    let more = RwSignal::new(Vec::<Event>::new());
    // The query of the next page: its place from the last answer's `links.next`, its filters
    // and order from the first page's query (a real `links.next` may carry only the page).
    let next = RwSignal::new(None::<String>);
    let more_error = RwSignal::new(None::<ApiError>);
    let loading_more = RwSignal::new(false);
    let more_pages = memo(move || next.with(Option::is_some));
    let list_end = NodeRef::<leptos::html::P>::new();
    // A new first page (other filters, or asked again): the pages after it start over.
    effect(move || {
        let page_next = first
            .get()
            .and_then(Result::ok)
            .and_then(|(asked, p)| next_of(asked.as_ref(), p.next));
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
            if query.try_get_untracked().as_ref() != Some(&asked_for) {
                return;
            }
            loading_more.set(false);
            match got {
                Ok(page) => {
                    let upcoming = next_of(asked_for.as_ref(), page.next);
                    // The last page: "Load more" goes away, so focus moves to the end of the
                    // list instead of falling back to the top of the document.
                    if upcoming.is_none() {
                        request_animation_frame(move || {
                            if let Some(end) = list_end.get_untracked() {
                                let _ = end.focus();
                            }
                        });
                    }
                    let mut listed = Vec::new();
                    if let Some(Ok((_, first))) = untrack(|| first.get()) {
                        listed.extend(first.events.into_iter().map(|e| e.id));
                    }
                    more.with_untracked(|m| listed.extend(m.iter().map(|e| e.id.clone())));
                    let fresh: Vec<Event> = page
                        .events
                        .into_iter()
                        .filter(|e| !listed.contains(&e.id))
                        .collect();
                    more.update(|m| m.extend(fresh));
                    next.set(upcoming);
                }
                Err(e) => more_error.set(Some(e)),
            }
        });
    };
    let rows = move |events: Vec<Event>| {
        events
            .into_iter()
            .map(|event| view! { <EventRow event=event directory=directory /> })
            .collect_view()
    };
    move || {
        if let Some(problem) = filter.with(|(f, _)| f.problem()) {
            return view! {
                <p class="alert" role="alert" data-testid="activity-filter-problem">
                    {problem}
                </p>
            }
            .into_any();
        }
        match first.get() {
            None => {
                view! { <Skeleton label="Loading activity" parts=&["block", "block"] /> }.into_any()
            }
            Some(Err(error)) => view! {
                <LoadError
                    title="Could not load the activity"
                    error=error
                    on_retry=Callback::new(move |_| first.refetch())
                />
            }
            .into_any(),
            Some(Ok((_, page))) if page.events.is_empty() => {
                let filtered = !filter.with(|(f, _)| f.is_empty());
                view! {
                    <p class="card empty" data-testid="no-events">
                        {if filtered { "No events match these filters." } else { "No events yet." }}
                    </p>
                }
                .into_any()
            }
            Some(Ok((asked, page))) => {
                let total = page.total.map(|n| format!("{n} events"));
                view! {
                    <section
                        class="card events-card"
                        aria-label="Events"
                        aria-busy=move || query.with(|q| q != &asked).to_string()
                    >
                        {total.map(|t| view! { <p class="muted events-total">{t}</p> })}
                        <ol class="events" data-testid="events">
                            {rows(page.events)}
                            <For
                                each=move || more.get()
                                key=|event| event.id.clone()
                                children=move |event| {
                                    view! { <EventRow event=event directory=directory /> }
                                }
                            />
                        </ol>
                        <p role="status" class="muted">
                            {move || loading_more.get().then_some("Loading more events…")}
                        </p>
                        <p
                            class="muted events-end"
                            tabindex="-1"
                            data-testid="events-end"
                            node_ref=list_end
                        >
                            {move || (!more_pages.get()).then_some("End of the list.")}
                        </p>
                        {move || {
                            more_error
                                .get()
                                .map(|e| {
                                    view! {
                                        <InlineLoadError
                                            what="Could not load more events."
                                            error=e
                                            on_retry=Callback::new(move |_| fetch_more())
                                        />
                                    }
                                })
                        }}
                        {move || {
                            (more_pages.get())
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="button secondary load-more"
                                            aria-busy=move || loading_more.get().to_string()
                                            on:click=move |_| fetch_more()
                                        >
                                            "Load more"
                                        </button>
                                    }
                                })
                        }}
                    </section>
                }
                .into_any()
            }
        }
    }
}
