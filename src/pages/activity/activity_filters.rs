use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::ActivityData;
use crate::browser::effect::memo;
use crate::components::user_picker::UserPicker;
use crate::domain::activity::{ActivityFilter, Day, ACCOUNT_EVENT_TYPES};
use crate::pages::customer_frame::name_in;

/// "Event type", "From", "To" and "User": each change goes to the address (so the link
/// can be shared), which the list follows. The form itself stays put: focus stays where
/// the user is.
#[component]
pub fn ActivityFilters(data: ActivityData) -> impl IntoView {
    let ActivityData {
        customer_id,
        filter,
        directory,
        ..
    } = data;
    let navigate = use_navigate();
    let current = move || filter.with(|(f, _)| f.clone());
    let filtered = memo(move || !filter.with(|(f, _)| f.is_empty()));
    // A filter changed: the address takes it in place of the current entry (Back leaves the
    // page rather than stepping through every filter tried), the page stays where it is
    // scrolled to, and the list follows.
    let go = Callback::new(move |href: String| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&href, options)
    });
    let apply = move |change: &dyn Fn(&mut ActivityFilter)| {
        let mut next = filter.with_untracked(|(f, _)| f.clone());
        change(&mut next);
        go.run(next.href(&customer_id.get_untracked()));
    };
    // "From" (`end` false) or "To": the day it holds, and the other end of the range.
    let date_input = move |end: bool| {
        let (id, label) = match end {
            false => ("activity-from", "From"),
            true => ("activity-to", "To"),
        };
        let day = move |which_end: bool| {
            let f = current();
            if which_end {
                f.to
            } else {
                f.from
            }
        };
        let text = move |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
        // A date input reports every edit; years below 1970 are half-typed ("202" of 2026).
        let on_change = move |ev| {
            let typed = event_target_value(&ev);
            let chosen = Day::parse(&typed).filter(|d| d.year >= 1970);
            if typed.is_empty() || chosen.is_some() {
                apply(&|f| *(if end { &mut f.to } else { &mut f.from }) = chosen);
            }
        };
        view! {
            <div class="filter">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="date"
                    prop:value=move || text(day(end))
                    min=move || if end { text(day(false)) } else { String::new() }
                    max=move || if end { String::new() } else { text(day(true)) }
                    on:change=on_change
                />
            </div>
        }
    };
    let unknown_type = move || {
        current()
            .event_type
            .filter(|t| !ACCOUNT_EVENT_TYPES.iter().any(|(k, _)| k == t))
    };
    let chosen_user = move || {
        current()
            .user
            .map(|id| name_in(directory, &id).unwrap_or(id))
    };
    view! {
        <form
            class="card activity-filters"
            role="search"
            aria-label="Filter activity"
            on:submit=|ev| ev.prevent_default()
        >
            <div class="filter">
                <label for="activity-type">"Event type"</label>
                <select
                    id="activity-type"
                    prop:value=move || current().event_type.unwrap_or_default()
                    on:change=move |ev| {
                        let t = event_target_value(&ev);
                        apply(&|f| f.event_type = Some(t.clone()).filter(|t| !t.is_empty()));
                    }
                >
                    <option value="">"All"</option>
                    {ACCOUNT_EVENT_TYPES
                        .iter()
                        .map(|(t, name)| view! { <option value=*t>{*name}</option> })
                        .collect_view()}
                    {move || {
                        unknown_type()
                            .map(|t| {
                                let text = t.clone();
                                view! { <option value=t>{text}</option> }
                            })
                    }}
                </select>
            </div>
            {date_input(false)}
            {date_input(true)}
            <div class="filter user-filter">
                {move || match chosen_user() {
                    Some(name) => {
                        view! {
                            <span class="filter-label">"User"</span>
                            <span class="chosen-user" data-testid="activity-user">
                                {name}
                            </span>
                            <button
                                type="button"
                                class="button secondary small"
                                on:click=move |_| apply(&|f| f.user = None)
                            >
                                "Any user"
                            </button>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <label for="activity-user">"User"</label>
                            <UserPicker
                                label="User"
                                role=None
                                directory=directory
                                on_select=Callback::new(move |id: String| {
                                    apply(&|f| f.user = Some(id.clone()))
                                })
                                input_id="activity-user".to_string()
                            />
                        }
                            .into_any()
                    }
                }}
            </div>
            {move || {
                (filtered.get())
                    .then(|| {
                        view! {
                            <a
                                class="button secondary small clear-filters"
                                href=move || ActivityFilter::default().href(&customer_id.get())
                            >
                                "Clear filters"
                            </a>
                        }
                    })
            }}
        </form>
        {move || {
            filter
                .with(|(_, problems)| problems.clone())
                .into_iter()
                .map(|p| {
                    view! {
                        <p class="alert" role="alert">
                            {p}
                        </p>
                    }
                })
                .collect_view()
        }}
    }
}
