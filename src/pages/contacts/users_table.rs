//! Every user with the contact roles they hold: sortable, filterable, paged.

use crate::domain::words::lowercase;

use leptos::prelude::*;

use crate::browser::effect::memo;
use crate::components::user_picker::Directory;
use crate::domain::contact_roles::roles_held;
use crate::model::Customer;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortKey {
    Name,
    Login,
    Role,
    Contacts,
}

pub const PAGE_SIZE: usize = 50;

/// The reverse view: every user with the contact roles they hold; sortable, filterable, paged.
#[component]
pub fn UsersTable(
    /// The page's loaded copy: who holds which role (it follows saves in place).
    #[prop(into)]
    customer: Signal<Option<Customer>>,
    directory: Directory,
) -> impl IntoView {
    let (filter, set_filter) = signal(String::new());
    let (sort, set_sort) = signal((SortKey::Name, true));
    let (page, set_page) = signal(0usize);
    let held_by = move |user_id: &str| {
        customer.with(|c| {
            c.as_ref()
                .map(|c| roles_held(c, user_id))
                .unwrap_or_default()
        })
    };
    let rows: Memo<Vec<usize>> = {
        memo(move || {
            directory.with(|d| {
                let Some(d) = d else { return Vec::new() };
                let mut hits = d.index.search(&filter.get());
                let (key, ascending) = sort.get();
                let held = |i: usize| held_by(&d.users[i].id).len();
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
        let aria_sort = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| {
                        set_sort
                            .update(|(k, asc)| {
                                if *k == key {
                                    *asc = !*asc
                                } else {
                                    *k = key;
                                    *asc = true;
                                }
                            });
                        set_page.set(0);
                    }
                >
                    {label}
                    <span aria-hidden="true">
                        {move || match sort.get() {
                            (k, true) if k == key => " ▲",
                            (k, false) if k == key => " ▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <section class="card" aria-labelledby="users-title">
            <h2 id="users-title">"Users and their contact roles"</h2>
            <div class="table-tools">
                <label for="users-filter">"Filter users"</label>
                <input
                    id="users-filter"
                    type="search"
                    placeholder="Name or email"
                    prop:value=filter
                    on:input=move |ev| {
                        set_filter.set(event_target_value(&ev));
                        set_page.set(0);
                    }
                />
                <p class="muted" aria-live="polite" data-testid="users-count">
                    {move || {
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
                    }}
                </p>
            </div>
            <div class="table-scroll">
                <table class="users-table">
                    <thead>
                        <tr>
                            {header(SortKey::Name, "Name")} {header(SortKey::Login, "Login")}
                            {header(SortKey::Role, "Role")}
                            {header(SortKey::Contacts, "Contact roles")}
                            <th scope="col">"Status"</th>
                        </tr>
                    </thead>
                    <tbody>
                        // Keyed rows: a page, a filter or a save rebuilds only rows that change.
                        <For
                            each=move || {
                                let p = page.get();
                                directory
                                    .with(|d| {
                                        let Some(d) = d else { return Vec::new() };
                                        rows.with(|r| {
                                            r.iter()
                                                .skip(p * PAGE_SIZE)
                                                .take(PAGE_SIZE)
                                                .map(|&i| {
                                                    let u = d.users[i].clone();
                                                    let held = held_by(&u.id);
                                                    (u, held)
                                                })
                                                .collect::<Vec<_>>()
                                        })
                                    })
                            }
                            key=|(u, held)| (u.id.clone(), held.clone())
                            children=|(u, held)| {
                                view! {
                                    <tr data-user=u.id.clone()>
                                        <th scope="row">{u.display_name().to_string()}</th>
                                        <td>{u.login.clone()}</td>
                                        <td>{u.role.label().to_string()}</td>
                                        <td>
                                            {held
                                                .into_iter()
                                                .map(|h| {
                                                    view! {
                                                        <span class="badge role">{h}</span>
                                                        " "
                                                    }
                                                })
                                                .collect_view()}
                                        </td>
                                        <td>
                                            {u
                                                .is_locked()
                                                .then(|| {
                                                    view! {
                                                        <span class="badge warn">"Locked"</span>
                                                        " "
                                                    }
                                                })}
                                            {u
                                                .is_deleted()
                                                .then(|| {
                                                    view! {
                                                        <span class="badge warn">"Deleted"</span>
                                                        " "
                                                    }
                                                })}
                                            {(!u.has_2fa())
                                                .then(|| view! { <span class="badge">"No 2FA"</span> })}
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <nav class="pager" aria-label="Users pages">
                <button
                    type="button"
                    class="button secondary small"
                    disabled=move || page.get() == 0
                    on:click=move |_| set_page.update(|p| *p = p.saturating_sub(1))
                >
                    "Previous page"
                </button>
                <span>{move || format!("Page {} of {}", page.get() + 1, pages.get())}</span>
                <button
                    type="button"
                    class="button secondary small"
                    disabled=move || { page.get() + 1 >= pages.get() }
                    on:click=move |_| set_page.update(|p| *p += 1)
                >
                    "Next page"
                </button>
            </nav>
        </section>
    }
}
