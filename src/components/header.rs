use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::dom::{dynamic, el, Dom, El};
use crate::browser::effect::memo;
use crate::browser::recent::RecentCustomers;
use crate::browser::router::{navigate, use_location};
use crate::browser::session::Session;
use crate::components::unsaved::{UnsavedChanges, LEAVE_QUESTION, SIGN_OUT_QUESTION};
use crate::domain::activity::activity_href;
use crate::domain::links::{contacts_href, customer_href, page_of, Page};
use crate::domain::navigation::parse_customer_id;
use crate::PRODUCT_NAME;

/// The app's header: the product, who is signed in, "Sign out", and (signed in) the
/// customer's tabs and "Open customer". Same frame as index.html's skeleton header.
pub fn header() -> El {
    let session = expect_context::<Session>();
    let unsaved = expect_context::<UnsavedChanges>();
    let sign_out = move |_| {
        if !unsaved.allows(SIGN_OUT_QUESTION) {
            return;
        }
        unsaved.release();
        session.sign_out();
        navigate("/sign-in");
    };
    let signed_in = memo(move || session.user.with(Option::is_some));
    let has_token = memo(move || session.has_token());
    el("header")
        .class("app-header")
        .child(
            el("div")
                .class("header-row")
                .child(el("a").class("brand").attr("href", "/").text(PRODUCT_NAME))
                .dyn_child(move || {
                    session.user.get().map(|user| {
                        el("div")
                            .class("who")
                            .attr("data-testid", "signed-in-user")
                            .child(el("span").class("who-name").text(user.display_name()))
                            .child(el("span").class("badge role").text(user.role.label()))
                    })
                })
                .dyn_child(move || {
                    has_token.get().then(|| {
                        el("button")
                            .attr("type", "button")
                            .class("button secondary")
                            .on("click", sign_out)
                            .text("Sign out")
                    })
                }),
        )
        .dyn_child(move || {
            signed_in.get().then(|| {
                el("div")
                    .class("header-row secondary-row")
                    .child(customer_tabs())
                    .child(open_customer())
            })
        })
}

/// "Settings", "Contacts" and "Activity" for the customer on screen. Going from one tab
/// to another keeps the links (and the focus on the one followed); only `aria-current`
/// moves.
fn customer_tabs() -> Dom {
    let location = use_location();
    let tab = memo(move || {
        location.pathname.with(|path| match page_of(path) {
            Page::Settings(id) => Some((id, 0u8)),
            Page::Contacts(id) => Some((id, 1)),
            Page::Activity(id) => Some((id, 2)),
            _ => None,
        })
    });
    let customer = memo(move || tab.with(|t| t.as_ref().map(|(id, _)| id.clone())));
    let link = move |href: String, n: u8, label: &str| {
        el("a")
            .attr("href", &href)
            .dyn_attr("aria-current", move || {
                tab.with(|t| matches!(t, Some((_, on)) if *on == n))
                    .then(|| "page".to_string())
            })
            .text(label)
    };
    dynamic(move || {
        customer.get().map(|id| {
            el("nav")
                .class("tabs")
                .attr("aria-label", "Customer pages")
                .child(link(customer_href(&id), 0, "Settings"))
                .child(link(contacts_href(&id), 1, "Contacts"))
                .child(link(activity_href(&id), 2, "Activity"))
        })
    })
}

/// Opens any customer by id (support staff), and lists the ones opened in this tab.
fn open_customer() -> El {
    let recent = expect_context::<RecentCustomers>();
    let any_recent = memo(move || recent.0.with(|l| !l.is_empty()));
    let unsaved = expect_context::<UnsavedChanges>();
    let (text, set_text) = signal(String::new());
    let (problem, set_problem) = signal(None::<String>);
    let submit = move |ev: web_sys::Event| {
        ev.prevent_default();
        match parse_customer_id(&text.get_untracked()) {
            Ok(id) => {
                set_problem.set(None);
                if !unsaved.allows(LEAVE_QUESTION) {
                    return;
                }
                unsaved.release();
                set_text.set(String::new());
                navigate(&customer_href(&id));
            }
            Err(message) => set_problem.set(Some(message)),
        }
    };
    // The alert is rebuilt only when it comes or goes; its text follows the message.
    let has_problem = memo(move || problem.with(Option::is_some));
    el("div")
        .class("open-customer")
        .child(
            el("form")
                .on("submit", submit)
                .flag("novalidate", true)
                .attr("role", "search")
                .attr("aria-label", "Customer search")
                .child(
                    el("label")
                        .attr("for", "open-customer-id")
                        .text("Open customer"),
                )
                .child(
                    el("input")
                        .id("open-customer-id")
                        .attr("type", "text")
                        .attr("placeholder", "Customer ID")
                        .attr("spellcheck", "false")
                        .attr("autocomplete", "off")
                        .dyn_attr("aria-invalid", move || Some(has_problem.get().to_string()))
                        .attr("aria-describedby", "open-customer-error")
                        .dyn_prop("value", move || text.with(|t| JsValue::from_str(t)))
                        .on("input", move |ev| set_text.set(event_target_value(&ev))),
                )
                .child(
                    el("button")
                        .attr("type", "submit")
                        .class("button secondary small")
                        .text("Open"),
                ),
        )
        .child(el("div").id("open-customer-error").dyn_child(move || {
            has_problem.get().then(|| {
                el("p")
                    .class("field-error")
                    .attr("role", "alert")
                    .dyn_text(move || problem.get().unwrap_or_default())
            })
        }))
        .dyn_child(move || {
            any_recent.get().then(|| {
                el("details")
                    .class("recent")
                    .child(el("summary").text("Recent customers"))
                    .child(
                        el("ul")
                            .attr("data-testid", "recent-customers")
                            .dyn_child(move || {
                                recent.0.with(|list| {
                                    list.iter()
                                        .map(|c| {
                                            el("li")
                                                .child(
                                                    el("a")
                                                        .attr("href", &customer_href(&c.id))
                                                        .text(&c.name),
                                                )
                                                .text(" ")
                                                .child(el("code").class("muted").text(&c.id))
                                        })
                                        .collect::<Vec<El>>()
                                })
                            }),
                    )
            })
        })
}
