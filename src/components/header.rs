use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::browser::effect::memo;
use crate::browser::recent::RecentCustomers;
use crate::browser::session::Session;
use crate::components::unsaved::{UnsavedChanges, LEAVE_QUESTION, SIGN_OUT_QUESTION};
use crate::domain::links::customer_href;
use crate::domain::navigation::parse_customer_id;
use crate::PRODUCT_NAME;

#[component]
pub fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let unsaved = expect_context::<UnsavedChanges>();
    let navigate = use_navigate();
    let sign_out = move |_| {
        if !unsaved.allows(SIGN_OUT_QUESTION) {
            return;
        }
        unsaved.release();
        session.sign_out();
        navigate("/sign-in", Default::default());
    };
    let signed_in = memo(move || session.user.with(Option::is_some));
    view! {
        <header class="app-header">
            <div class="header-row">
                <a class="brand" href="/">
                    {PRODUCT_NAME}
                </a>
                {move || {
                    session
                        .user
                        .get()
                        .map(|user| {
                            view! {
                                <div class="who" data-testid="signed-in-user">
                                    <span class="who-name">{user.display_name().to_string()}</span>
                                    <span class="badge role">{user.role.label().to_string()}</span>
                                </div>
                            }
                        })
                }}
                {move || {
                    (session.has_token())
                        .then(|| {
                            let sign_out = sign_out.clone();
                            view! {
                                <button type="button" class="button secondary" on:click=sign_out>
                                    "Sign out"
                                </button>
                            }
                        })
                }}
            </div>
            {move || {
                (signed_in.get())
                    .then(|| {
                        view! {
                            <div class="header-row secondary-row">
                                <OpenCustomer />
                            </div>
                        }
                    })
            }}
        </header>
    }
}

/// Opens any customer by id (support staff), and lists the ones opened in this tab.
#[component]
fn OpenCustomer() -> impl IntoView {
    let recent = expect_context::<RecentCustomers>();
    let any_recent = memo(move || recent.0.with(|l| !l.is_empty()));
    let unsaved = expect_context::<UnsavedChanges>();
    let (text, set_text) = signal(String::new());
    let (problem, set_problem) = signal(None::<String>);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_customer_id(&text.get_untracked()) {
            Ok(id) => {
                set_problem.set(None);
                if !unsaved.allows(LEAVE_QUESTION) {
                    return;
                }
                unsaved.release();
                set_text.set(String::new());
                navigate(&customer_href(&id), Default::default());
            }
            Err(message) => set_problem.set(Some(message)),
        }
    };
    view! {
        <div class="open-customer">
            <form on:submit=submit novalidate role="search" aria-label="Customer search">
                <label for="open-customer-id">"Open customer"</label>
                <input
                    id="open-customer-id"
                    type="text"
                    placeholder="Customer ID"
                    spellcheck="false"
                    autocomplete="off"
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    aria-describedby="open-customer-error"
                    prop:value=text
                    on:input=move |ev| set_text.set(event_target_value(&ev))
                />
                <button type="submit" class="button secondary small">
                    "Open"
                </button>
            </form>
            <div id="open-customer-error">
                {move || {
                    problem
                        .get()
                        .map(|p| {
                            view! {
                                <p class="field-error" role="alert">
                                    {p}
                                </p>
                            }
                        })
                }}
            </div>
            {move || {
                (any_recent.get())
                    .then(|| {
                        view! {
                            <details class="recent">
                                <summary>"Recent customers"</summary>
                                <ul data-testid="recent-customers">
                                    {move || {
                                        recent
                                            .0
                                            .get()
                                            .into_iter()
                                            .map(|c| {
                                                view! {
                                                    <li>
                                                        <a href=customer_href(&c.id)>{c.name.clone()}</a>
                                                        " "
                                                        <code class="muted">{c.id.clone()}</code>
                                                    </li>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </ul>
                            </details>
                        }
                    })
            }}
        </div>
    }
}
