//! A type-ahead user picker for thousands of users: an ARIA combobox whose
//! listbox renders only the rows in view.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::effect::memo;
use crate::domain::attributes::Attribute;
use crate::domain::contact_roles::{warnings, Warning};
use crate::domain::user_search::UserDirectory;

/// The users of a customer once loaded (shared by every picker and table of a page).
pub type Directory = Signal<Option<Arc<UserDirectory>>>;

const ROW_HEIGHT: f64 = 52.0;
const VISIBLE_ROWS: usize = 6;
const OVERSCAN: usize = 3;

#[component]
pub fn UserPicker(
    /// The accessible name, e.g. "Billing contact".
    label: &'static str,
    /// The contact role being chosen (for its warnings); `None` for a company contact.
    role: Option<&'static Attribute>,
    #[prop(into)] directory: Directory,
    #[prop(into)] on_select: Callback<String>,
    /// A DOM id for the input.
    input_id: String,
) -> impl IntoView {
    let list_id = format!("{input_id}-list");
    let (query, set_query) = signal(String::new());
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(0usize);
    let (scroll_top, set_scroll_top) = signal(0.0f64);
    let list_ref = NodeRef::<leptos::html::Div>::new();

    let results: Memo<Vec<usize>> = memo(move || {
        let q = query.get();
        directory.with(|d| d.as_ref().map(|d| d.index.search(&q)).unwrap_or_default())
    });
    let count = memo(move || results.with(Vec::len));

    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-opt-{i}")
    };
    let scroll_into_view = move |i: usize| {
        if let Some(list) = list_ref.get_untracked() {
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
    let choose = move |i: usize| {
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
    };
    let move_active = move |delta: isize| {
        let n = count.get_untracked();
        if n == 0 {
            return;
        }
        let next = (active.get_untracked() as isize + delta).clamp(0, n as isize - 1) as usize;
        set_active.set(next);
        request_animation_frame(move || scroll_into_view(next));
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
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
            choose(active.get_untracked());
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
    };

    // Only the rows in view (plus a few) exist in the DOM. Sizes and positions are set as
    // style properties (`style:height=`), never as a `style="…"` attribute, which the page's
    // Content-Security-Policy (style-src 'self', no 'unsafe-inline') would refuse.
    let window = move || {
        let n = count.get();
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let last = (first + VISIBLE_ROWS + 2 * OVERSCAN).min(n);
        first.min(last)..last
    };

    let active_descendant = {
        let option_id = option_id.clone();
        move || (open.get() && count.get() > 0).then(|| option_id(active.get()))
    };

    view! {
        <div class="picker">
            <input
                type="text"
                id=input_id
                role="combobox"
                aria-label=label
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-haspopup="listbox"
                aria-controls=list_id.clone()
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=active_descendant
                placeholder="Search users by name or email"
                prop:value=query
                on:input=move |ev| {
                    set_query.set(event_target_value(&ev));
                    set_active.set(0);
                    set_open.set(true);
                    set_scroll_top.set(0.0);
                    if let Some(list) = list_ref.get_untracked() {
                        list.set_scroll_top(0);
                    }
                }
                on:keydown=on_keydown
                on:focus=move |_| set_open.set(true)
                on:blur=move |_| set_open.set(false)
            />
            <div class="picker-popup" class:open=open>
                <p class="picker-count muted" aria-live="polite">
                    {move || match directory.with(Option::is_some) {
                        false => "Loading users…".to_string(),
                        true => {
                            match count.get() {
                                0 => "No user matches.".to_string(),
                                1 => "1 user".to_string(),
                                n => format!("{n} users"),
                            }
                        }
                    }}
                </p>
                <div
                    class="picker-list"
                    role="listbox"
                    id=list_id
                    aria-label=format!("{label}: users")
                    node_ref=list_ref
                    style:height=move || {
                        format!("{}px", ROW_HEIGHT as usize * count.get().clamp(1, VISIBLE_ROWS))
                    }
                    on:scroll=move |_| {
                        if let Some(list) = list_ref.get_untracked() {
                            set_scroll_top.set(list.scroll_top() as f64)
                        }
                    }
                    on:mousedown=move |ev| ev.prevent_default()
                >
                    <div
                        class="picker-spacer"
                        style:height=move || format!("{}px", count.get() * ROW_HEIGHT as usize)
                    >
                        <For
                            each=window
                            key=move |i| (*i, results.with(|r| r.get(*i).copied()))
                            let:i
                        >
                            {
                                let user = move || {
                                    results
                                        .with(|r| r.get(i).copied())
                                        .and_then(|pos| {
                                            directory
                                                .with(|d| {
                                                    d.as_ref().and_then(|d| d.users.get(pos).cloned())
                                                })
                                        })
                                };
                                let option_id = option_id(i);
                                move || {
                                    user()
                                        .map(|u| {
                                            let warns = warnings(role, Some(&u));
                                            view! {
                                                <div
                                                    role="option"
                                                    id=option_id.clone()
                                                    class="picker-option"
                                                    class:active=move || active.get() == i
                                                    aria-selected=move || (active.get() == i).to_string()
                                                    aria-setsize=move || count.get().to_string()
                                                    aria-posinset=(i + 1).to_string()
                                                    data-user-id=u.id.clone()
                                                    style:top=format!("{}px", i * ROW_HEIGHT as usize)
                                                    style:height=format!("{}px", ROW_HEIGHT as usize)
                                                    on:click=move |_| choose(i)
                                                >
                                                    <span class="picker-name">
                                                        {u.display_name().to_string()}
                                                    </span>
                                                    <span class="picker-login muted">{u.login.clone()}</span>
                                                    <span class="picker-badges">
                                                        <span class="badge role">{u.role.label().to_string()}</span>
                                                        {warns
                                                            .into_iter()
                                                            .map(|w| {
                                                                view! { <span class="badge warn">{warning_badge(w)}</span> }
                                                            })
                                                            .collect_view()}
                                                    </span>
                                                </div>
                                            }
                                        })
                                }
                            }
                        </For>
                    </div>
                </div>
            </div>
        </div>
    }
}

pub fn warning_badge(w: Warning) -> &'static str {
    match w {
        Warning::Dangling => "Unknown user",
        Warning::Deleted => "Deleted",
        Warning::Locked => "Locked",
        Warning::No2fa => "No 2FA",
    }
}
