use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::dom::{el, El};
use crate::browser::effect::effect;
use crate::browser::task::Task;

use crate::browser::router::{navigate, use_location};
use crate::browser::session::{safe_return_path, Session};
use crate::components::page_title::page_title;
use crate::components::submit_button::submit_button;

/// The sign-in page: an API token, checked with `GET /current_user`; then back to the page
/// asked for (`?next=`), or the user's own customer.
pub fn sign_in_page() -> El {
    let session = expect_context::<Session>();
    let location = use_location();
    let (token, set_token) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    // The token of a sign-in that failed for a reason worth retrying (no answer, server error).
    let retry_with = RwSignal::new(None::<String>);

    let sign_in = Task::new(move |token: &String| {
        let token = token.trim().to_string();
        let api = session.api_with(&token);
        async move { api.current_user().await.map(|user| (token, user)) }
    });

    effect(move || {
        if let Some(result) = sign_in.value().get() {
            retry_with.set(None);
            match result {
                Ok((token, user)) => {
                    session.sign_in(token, user);
                    let next = untrack(|| location.query("next"));
                    navigate(&safe_return_path(next.as_deref()));
                }
                Err(e) if e.is_unauthorized() => {
                    set_error.set(Some(format!("That token was rejected. {}", e.message())))
                }
                Err(e) => {
                    if e.is_retryable() {
                        retry_with.set(Some(token.get_untracked()));
                    }
                    set_error.set(Some(format!("Could not sign in. {}", e.describe())));
                }
            }
        }
    });

    let on_submit = move |ev: web_sys::Event| {
        ev.prevent_default();
        let value = token.get_untracked();
        if value.trim().is_empty() {
            set_error.set(Some("Enter an API token to sign in.".into()));
            return;
        }
        set_error.set(None);
        sign_in.dispatch(value);
    };

    page_title("Sign in");
    let pending = sign_in.pending();
    el("section")
        .class("card narrow sign-in")
        .child(el("h1").text("Sign in"))
        .child(el("p").class("muted").text(
            "Use a Fastly API token. It is kept in this browser tab only and forgotten when you sign out or close the tab.",
        ))
        .dyn_child(move || {
            session
                .notice
                .get()
                .map(|n| el("p").class("notice").attr("role", "status").text(&n))
        })
        .child(
            el("form")
                .on("submit", on_submit)
                .flag("novalidate", true)
                .child(el("label").attr("for", "api-token").text("API token"))
                .child(
                    el("input")
                        .id("api-token")
                        .attr("name", "api-token")
                        .attr("type", "password")
                        .attr("autocomplete", "off")
                        .attr("spellcheck", "false")
                        .dyn_prop("value", move || token.with(|t| JsValue::from_str(t)))
                        .on("input", move |ev| set_token.set(event_target_value(&ev)))
                        .dyn_attr("aria-invalid", move || {
                            Some(error.with(Option::is_some).to_string())
                        })
                        .attr("aria-describedby", "sign-in-error"),
                )
                .child(el("div").id("sign-in-error").dyn_child(move || {
                    error.get().map(|e| {
                        el("div")
                            .class("error")
                            .attr("role", "alert")
                            .child(el("p").text(&e))
                            .dyn_child(move || {
                                retry_with.get().map(|t| {
                                    el("button")
                                        .attr("type", "button")
                                        .class("button secondary small")
                                        .dyn_flag("disabled", move || pending.get())
                                        .on("click", move |_| {
                                            set_error.set(None);
                                            sign_in.dispatch(t.clone());
                                        })
                                        .text("Try again")
                                })
                            })
                    })
                }))
                .child(submit_button(pending, "Sign in", "Signing in…")),
        )
}
