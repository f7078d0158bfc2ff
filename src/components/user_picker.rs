//! A type-ahead user picker for thousands of users: an ARIA combobox whose
//! listbox renders only the rows in view.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::browser::dom::{el, El};
use crate::browser::effect::{effect, memo};
use crate::domain::attributes::Attribute;
use crate::domain::contact_roles::{warnings, Warning};
use crate::domain::user_search::UserDirectory;
use crate::model::User;

/// The users of a customer once loaded (shared by every picker and table of a page).
pub type Directory = Signal<Option<Arc<UserDirectory>>>;

const ROW_HEIGHT: f64 = 52.0;
const VISIBLE_ROWS: usize = 6;
const OVERSCAN: usize = 3;

/// Sets one style property (`height`, `top`) through the CSS object model: never a
/// `style="…"` attribute, which the page's Content-Security-Policy (style-src 'self', no
/// 'unsafe-inline') would refuse.
fn set_style(element: &Element, name: &str, value: &str) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.style().set_property(name, value);
    }
}

fn px(n: usize) -> String {
    format!("{n}px")
}

/// A type-ahead user picker. `label` is the accessible name, e.g. "Billing contact";
/// `role` the contact role being chosen (for its warnings), `None` for a company contact;
/// `on_select` gets the chosen user's id; `input_id` is a DOM id for the input.
pub fn user_picker(
    label: &'static str,
    role: Option<&'static Attribute>,
    directory: Directory,
    on_select: Callback<String>,
    input_id: String,
) -> El {
    let list_id = format!("{input_id}-list");
    let (query, set_query) = signal(String::new());
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(0usize);
    let (scroll_top, set_scroll_top) = signal(0.0f64);
    let list = el("div");
    let list_node = list.element();

    let results: Memo<Vec<usize>> = memo(move || {
        let q = query.get();
        directory.with(|d| d.as_ref().map(|d| d.index.search(&q)).unwrap_or_default())
    });
    let count = memo(move || results.with(Vec::len));

    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-opt-{i}")
    };
    let scroll_into_view = {
        let list = list_node.clone();
        move |i: usize| {
            let top = i as f64 * ROW_HEIGHT;
            let view_top = list.scroll_top() as f64;
            let view_height = list.client_height() as f64;
            if top < view_top {
                list.set_scroll_top(top as i32);
            } else if top + ROW_HEIGHT > view_top + view_height {
                list.set_scroll_top((top + ROW_HEIGHT - view_height) as i32);
            }
        }
    };
    let choose = Callback::new(move |i: usize| {
        let id = results
            .with_untracked(|r| r.get(i).copied())
            .and_then(|pos| {
                directory.with_untracked(|d| {
                    d.as_ref()
                        .and_then(|d| d.users.get(pos).map(|u| u.id.clone()))
                })
            });
        if let Some(id) = id {
            on_select.run(id);
            set_open.set(false);
            set_query.set(String::new());
        }
    });
    let move_active = move |delta: isize| {
        let n = count.get_untracked();
        if n == 0 {
            return;
        }
        let next = (active.get_untracked() as isize + delta).clamp(0, n as isize - 1) as usize;
        set_active.set(next);
        let scroll_into_view = scroll_into_view.clone();
        request_animation_frame(move || scroll_into_view(next));
    };
    let on_keydown = move |ev: web_sys::Event| {
        let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key()) else {
            return;
        };
        match key.as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if open.get_untracked() {
                    move_active(1)
                } else {
                    set_open.set(true)
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if open.get_untracked() {
                    move_active(-1)
                } else {
                    set_open.set(true)
                }
            }
            "PageDown" if open.get_untracked() => {
                ev.prevent_default();
                move_active(VISIBLE_ROWS as isize)
            }
            "PageUp" if open.get_untracked() => {
                ev.prevent_default();
                move_active(-(VISIBLE_ROWS as isize))
            }
            "Enter" if open.get_untracked() => {
                ev.prevent_default();
                choose.run(active.get_untracked());
            }
            "Escape" => {
                if open.get_untracked() {
                    ev.prevent_default();
                    ev.stop_propagation();
                    set_open.set(false);
                } else if !query.get_untracked().is_empty() {
                    ev.prevent_default();
                    set_query.set(String::new());
                }
            }
            _ => {}
        }
    };

    // Only the rows in view (plus a few) exist in the DOM. Sizes and positions are set as
    // style properties (`set_style`), never as a `style="…"` attribute.
    let window: Memo<Range<usize>> = memo(move || {
        let n = count.get();
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let last = (first + VISIBLE_ROWS + 2 * OVERSCAN).min(n);
        first.min(last)..last
    });

    let active_descendant = {
        let option_id = option_id.clone();
        move || (open.get() && count.get() > 0).then(|| option_id(active.get()))
    };

    let input = el("input")
        .attr("type", "text")
        .id(&input_id)
        .attr("role", "combobox")
        .attr("aria-label", label)
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .attr("aria-autocomplete", "list")
        .attr("aria-haspopup", "listbox")
        .attr("aria-controls", &list_id)
        .dyn_attr("aria-expanded", move || Some(open.get().to_string()))
        .dyn_attr("aria-activedescendant", active_descendant)
        .attr("placeholder", "Search users by name or email")
        .dyn_prop("value", move || JsValue::from_str(&query.get()))
        .on("input", {
            let list = list_node.clone();
            move |ev| {
                set_query.set(event_target_value(&ev));
                set_active.set(0);
                set_open.set(true);
                set_scroll_top.set(0.0);
                list.set_scroll_top(0);
            }
        })
        .on("keydown", on_keydown)
        .on("focus", move |_| set_open.set(true))
        .on("blur", move |_| set_open.set(false));

    let count_text = move || match directory.with(Option::is_some) {
        false => "Loading users…".to_string(),
        true => match count.get() {
            0 => "No user matches.".to_string(),
            1 => "1 user".to_string(),
            n => format!("{n} users"),
        },
    };

    // The window's rows are rebuilt when the window, the results or the users change (they
    // were keyed by position and user before); the active row follows `active` in place.
    let spacer = el("div").class("picker-spacer");
    let spacer_node = spacer.element();
    let spacer = spacer.dyn_child(move || {
        let range = window.get();
        results.with(|r| {
            directory.with(|d| {
                let Some(d) = d.as_ref() else {
                    return Vec::new();
                };
                range
                    .filter_map(|i| {
                        let user = d.users.get(*r.get(i)?)?;
                        Some(option_row(
                            i,
                            user,
                            role,
                            &option_id(i),
                            active,
                            count,
                            choose,
                        ))
                    })
                    .collect::<Vec<El>>()
            })
        })
    });
    {
        let list = list_node.clone();
        effect(move || {
            let rows = count.get().clamp(1, VISIBLE_ROWS);
            set_style(&list, "height", &px(ROW_HEIGHT as usize * rows));
        });
        effect(move || {
            set_style(
                &spacer_node,
                "height",
                &px(count.get() * ROW_HEIGHT as usize),
            )
        });
    }

    let list = list
        .class("picker-list")
        .attr("role", "listbox")
        .id(&list_id)
        .attr("aria-label", &format!("{label}: users"))
        .on("scroll", move |_| {
            set_scroll_top.set(list_node.scroll_top() as f64)
        })
        .on("mousedown", move |ev| ev.prevent_default())
        .child(spacer);

    el("div").class("picker").child(input).child(
        el("div")
            .class("picker-popup")
            .dyn_class("open", move || open.get())
            .child(
                el("p")
                    .class("picker-count muted")
                    .attr("aria-live", "polite")
                    .dyn_text(count_text),
            )
            .child(list),
    )
}

/// One option of the window: row `i` of the results.
fn option_row(
    i: usize,
    user: &User,
    role: Option<&'static Attribute>,
    option_id: &str,
    active: ReadSignal<usize>,
    count: Memo<usize>,
    choose: Callback<usize>,
) -> El {
    let row = el("div")
        .attr("role", "option")
        .id(option_id)
        .class("picker-option")
        .dyn_class("active", move || active.get() == i)
        .dyn_attr("aria-selected", move || {
            Some((active.get() == i).to_string())
        })
        .dyn_attr("aria-setsize", move || Some(count.get().to_string()))
        .attr("aria-posinset", &(i + 1).to_string())
        .attr("data-user-id", &user.id)
        .on("click", move |_| choose.run(i));
    let node = row.element();
    set_style(&node, "top", &px(i * ROW_HEIGHT as usize));
    set_style(&node, "height", &px(ROW_HEIGHT as usize));
    row.child(el("span").class("picker-name").text(user.display_name()))
        .child(el("span").class("picker-login muted").text(&user.login))
        .child(
            el("span")
                .class("picker-badges")
                .child(el("span").class("badge role").text(user.role.label()))
                .children(
                    warnings(role, Some(user))
                        .into_iter()
                        .map(|w| el("span").class("badge warn").text(warning_badge(w)))
                        .collect(),
                ),
        )
}

pub fn warning_badge(w: Warning) -> &'static str {
    match w {
        Warning::Dangling => "Unknown user",
        Warning::Deleted => "Deleted",
        Warning::Locked => "Locked",
        Warning::No2fa => "No 2FA",
    }
}
