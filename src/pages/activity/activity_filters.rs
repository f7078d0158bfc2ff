use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::ActivityData;
use crate::browser::dom::{dynamic, el, frag, Dom, El};
use crate::browser::effect::memo;
use crate::browser::router::navigate;
use crate::components::user_picker::user_picker;
use crate::domain::activity::{ActivityFilter, Day, ACCOUNT_EVENT_TYPES};
use crate::pages::customer_frame::name_in;

/// "Event type", "From", "To" and "User": each change goes to the address (so the link
/// can be shared), which the list follows. The form itself stays put: focus stays where
/// the user is.
pub fn activity_filters(data: ActivityData) -> Dom {
    let ActivityData {
        customer_id,
        filter,
        directory,
        ..
    } = data;
    let filtered = memo(move || !filter.with(|(f, _)| f.is_empty()));
    let apply = move |change: &dyn Fn(&mut ActivityFilter)| {
        let mut next = filter.with_untracked(|(f, _)| f.clone());
        change(&mut next);
        navigate(&next.href(&customer_id.get_untracked()));
    };
    // "From" (`end` false) or "To": the day it holds, and the other end of the range.
    let date_input = move |end: bool| -> El {
        let (id, label) = match end {
            false => ("activity-from", "From"),
            true => ("activity-to", "To"),
        };
        let day =
            move |which_end: bool| filter.with(|(f, _)| if which_end { f.to } else { f.from });
        let text = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
        // A date input reports every edit; years below 1970 are half-typed ("202" of 2026).
        let on_change = move |ev: web_sys::Event| {
            let typed = event_target_value(&ev);
            let chosen = Day::parse(&typed).filter(|d| d.year >= 1970);
            if typed.is_empty() || chosen.is_some() {
                apply(&|f| *(if end { &mut f.to } else { &mut f.from }) = chosen);
            }
        };
        el("div")
            .class("filter")
            .child(el("label").attr("for", id).text(label))
            .child(
                el("input")
                    .id(id)
                    .attr("type", "date")
                    .dyn_prop("value", move || JsValue::from_str(&text(day(end))))
                    .dyn_attr("min", move || {
                        Some(if end { text(day(false)) } else { String::new() })
                    })
                    .dyn_attr("max", move || {
                        Some(if end { String::new() } else { text(day(true)) })
                    })
                    .on("change", on_change),
            )
    };
    let unknown_type = move || {
        filter.with(|(f, _)| {
            f.event_type
                .clone()
                .filter(|t| !ACCOUNT_EVENT_TYPES.iter().any(|(k, _)| k == t))
        })
    };
    let type_select = el("select")
        .id("activity-type")
        .child(el("option").attr("value", "").text("All"))
        .children(
            ACCOUNT_EVENT_TYPES
                .iter()
                .map(|(t, name)| el("option").attr("value", t).text(name))
                .collect(),
        )
        .dyn_child(move || unknown_type().map(|t| el("option").attr("value", &t).text(&t)))
        // After the options: the value must name one of them.
        .dyn_prop("value", move || {
            filter.with(|(f, _)| JsValue::from_str(f.event_type.as_deref().unwrap_or_default()))
        })
        .on("change", move |ev| {
            let t = event_target_value(&ev);
            apply(&|f| f.event_type = Some(t.clone()).filter(|t| !t.is_empty()));
        });
    // Which of the two shows is decided by whether a user is chosen: the picker (and its
    // input, maybe focused) is not rebuilt when another filter changes.
    let user_chosen = memo(move || filter.with(|(f, _)| f.user.is_some()));
    let chosen_user = move || {
        filter
            .with(|(f, _)| f.user.clone())
            .map(|id| name_in(directory, &id).unwrap_or(id))
            .unwrap_or_default()
    };
    let user_filter = el("div").class("filter user-filter").dyn_child(move || {
        if user_chosen.get() {
            frag(vec![
                el("span").class("filter-label").text("User").into(),
                el("span")
                    .class("chosen-user")
                    .attr("data-testid", "activity-user")
                    .dyn_text(chosen_user)
                    .into(),
                el("button")
                    .attr("type", "button")
                    .class("button secondary small")
                    .on("click", move |_| apply(&|f| f.user = None))
                    .text("Any user")
                    .into(),
            ])
        } else {
            frag(vec![
                el("label").attr("for", "activity-user").text("User").into(),
                user_picker(
                    "User",
                    None,
                    directory,
                    Callback::new(move |id: String| apply(&|f| f.user = Some(id.clone()))),
                    "activity-user".to_string(),
                )
                .into(),
            ])
        }
    });
    let form = el("form")
        .class("card activity-filters")
        .attr("role", "search")
        .attr("aria-label", "Filter activity")
        .on("submit", |ev| ev.prevent_default())
        .child(
            el("div")
                .class("filter")
                .child(el("label").attr("for", "activity-type").text("Event type"))
                .child(type_select),
        )
        .child(date_input(false))
        .child(date_input(true))
        .child(user_filter)
        .dyn_child(move || {
            filtered.get().then(|| {
                el("a")
                    .class("button secondary small clear-filters")
                    .dyn_attr("href", move || {
                        Some(ActivityFilter::default().href(&customer_id.get()))
                    })
                    .text("Clear filters")
            })
        });
    // Rebuilt only when they change: an alert is not said again when another filter changes.
    let problems = memo(move || filter.with(|(_, problems)| problems.clone()));
    frag(vec![
        form.into(),
        dynamic(move || {
            problems.with(|problems| {
                problems
                    .iter()
                    .map(|p| el("p").class("alert").attr("role", "alert").text(p))
                    .collect::<Vec<El>>()
            })
        }),
    ])
}
