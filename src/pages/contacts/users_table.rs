//! Every user with the contact roles they hold: sortable, filterable, paged.

use crate::domain::words::lowercase;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::dom::{el, frag, text, El};
use crate::browser::effect::memo;
use crate::components::user_picker::Directory;
use crate::domain::contact_roles::roles_held;
use crate::model::{Customer, User};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortKey {
    Name,
    Login,
    Role,
    Contacts,
}

pub const PAGE_SIZE: usize = 50;

/// The reverse view: every user with the contact roles they hold; sortable, filterable, paged.
pub fn users_table(customer: Customer, directory: Directory) -> El {
    let (filter, set_filter) = signal(String::new());
    let (sort, set_sort) = signal((SortKey::Name, true));
    let (page, set_page) = signal(0usize);
    let customer = Arc::new(customer);
    let rows: Memo<Vec<usize>> = {
        let customer = customer.clone();
        memo(move || {
            directory.with(|d| {
                let Some(d) = d else { return Vec::new() };
                let mut hits = d.index.search(&filter.get());
                let (key, ascending) = sort.get();
                let held = |i: usize| roles_held(&customer, &d.users[i].id).len();
                match key {
                    SortKey::Name => {
                        hits.sort_by_cached_key(|&i| lowercase(d.users[i].display_name()))
                    }
                    SortKey::Login => hits.sort_by_cached_key(|&i| lowercase(&d.users[i].login)),
                    SortKey::Role => {
                        hits.sort_by_cached_key(|&i| d.users[i].role.label().to_string())
                    }
                    SortKey::Contacts => hits.sort_by_cached_key(|&i| std::cmp::Reverse(held(i))),
                }
                if !ascending {
                    hits.reverse();
                }
                hits
            })
        })
    };
    let total = memo(move || rows.with(Vec::len));
    let pages = memo(move || total.get().div_ceil(PAGE_SIZE).max(1));
    let header = move |key: SortKey, label: &'static str| {
        let aria_sort = move || {
            Some(
                match sort.get() {
                    (k, true) if k == key => "ascending",
                    (k, false) if k == key => "descending",
                    _ => "none",
                }
                .to_string(),
            )
        };
        el("th")
            .attr("scope", "col")
            .dyn_attr("aria-sort", aria_sort)
            .child(
                el("button")
                    .attr("type", "button")
                    .class("sort")
                    .on("click", move |_| {
                        set_sort.update(|(k, asc)| {
                            if *k == key {
                                *asc = !*asc
                            } else {
                                *k = key;
                                *asc = true;
                            }
                        });
                        set_page.set(0);
                    })
                    .text(label)
                    .child(el("span").attr("aria-hidden", "true").dyn_text(move || {
                        match sort.get() {
                            (k, true) if k == key => " ▲",
                            (k, false) if k == key => " ▼",
                            _ => "",
                        }
                        .to_string()
                    })),
            )
    };
    let count_text = move || {
        if directory.with(Option::is_none) {
            "Loading users…".to_string()
        } else {
            let (n, p) = (total.get(), page.get());
            if n == 0 {
                "No user matches.".to_string()
            } else {
                format!(
                    "Showing {}–{} of {n}",
                    p * PAGE_SIZE + 1,
                    ((p + 1) * PAGE_SIZE).min(n),
                )
            }
        }
    };
    let body = move || {
        let p = page.get();
        directory.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            rows.with(|r| {
                r.iter()
                    .skip(p * PAGE_SIZE)
                    .take(PAGE_SIZE)
                    .map(|&i| user_row(&customer, &d.users[i]))
                    .collect::<Vec<El>>()
            })
        })
    };
    el("section")
        .class("card")
        .attr("aria-labelledby", "users-title")
        .child(
            el("h2")
                .id("users-title")
                .text("Users and their contact roles"),
        )
        .child(
            el("div")
                .class("table-tools")
                .child(el("label").attr("for", "users-filter").text("Filter users"))
                .child(
                    el("input")
                        .id("users-filter")
                        .attr("type", "search")
                        .attr("placeholder", "Name or email")
                        .dyn_prop("value", move || JsValue::from_str(&filter.get()))
                        .on("input", move |ev| {
                            set_filter.set(event_target_value(&ev));
                            set_page.set(0);
                        }),
                )
                .child(
                    el("p")
                        .class("muted")
                        .attr("aria-live", "polite")
                        .attr("data-testid", "users-count")
                        .dyn_text(count_text),
                ),
        )
        .child(
            el("div").class("table-scroll").child(
                el("table")
                    .class("users-table")
                    .child(
                        el("thead").child(
                            el("tr")
                                .child(header(SortKey::Name, "Name"))
                                .child(header(SortKey::Login, "Login"))
                                .child(header(SortKey::Role, "Role"))
                                .child(header(SortKey::Contacts, "Contact roles"))
                                .child(el("th").attr("scope", "col").text("Status")),
                        ),
                    )
                    .child(el("tbody").dyn_child(body)),
            ),
        )
        .child(
            el("nav")
                .class("pager")
                .attr("aria-label", "Users pages")
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("button secondary small")
                        .dyn_flag("disabled", move || page.get() == 0)
                        .on("click", move |_| {
                            set_page.update(|p| *p = p.saturating_sub(1))
                        })
                        .text("Previous page"),
                )
                .child(
                    el("span")
                        .dyn_text(move || format!("Page {} of {}", page.get() + 1, pages.get())),
                )
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("button secondary small")
                        .dyn_flag("disabled", move || page.get() + 1 >= pages.get())
                        .on("click", move |_| set_page.update(|p| *p += 1))
                        .text("Next page"),
                ),
        )
}

/// One user of the table: name, login, role, the contact roles held, and status badges.
fn user_row(customer: &Customer, u: &User) -> El {
    let badge_then_space = |class: &str, label: &str| {
        frag(vec![el("span").class(class).text(label).into(), text(" ")])
    };
    let held = roles_held(customer, &u.id);
    let mut roles = el("td");
    for h in held {
        roles = roles.child(badge_then_space("badge role", h));
    }
    let mut status = el("td");
    if u.is_locked() {
        status = status.child(badge_then_space("badge warn", "Locked"));
    }
    if u.is_deleted() {
        status = status.child(badge_then_space("badge warn", "Deleted"));
    }
    if !u.has_2fa() {
        status = status.child(el("span").class("badge").text("No 2FA"));
    }
    el("tr")
        .attr("data-user", &u.id)
        .child(el("th").attr("scope", "row").text(u.display_name()))
        .child(el("td").text(&u.login))
        .child(el("td").text(u.role.label()))
        .child(roles)
        .child(status)
}
