use crate::components::page_title::PageTitle;
use leptos::prelude::*;

use crate::components::submit_button::SubmitButton;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::browser::effect::effect;
use crate::browser::task::Task;

use crate::browser::session::{safe_return_path, Session};

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let query = use_query_map();
    let navigate = use_navigate();
    let (token, set_token) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    // The token of a sign-in that failed for a reason worth retrying (no answer, server error).
    let retry_with = RwSignal::new(None::<String>);

    let sign_in = Task::new(move |token: &String| {
        let token = token.trim().to_string();
        let api = session.api_with(&token);
        async move {
            api.current_user()
                .await
                .map(|(user, text)| (token, user, text))
        }
    });

    effect(move || {
        if let Some(result) = sign_in.value().get() {
            retry_with.set(None);
            match result {
                Ok((token, user, text)) => {
                    session.sign_in(token, user, &text);
                    let next = query.with_untracked(|q| q.get("next"));
                    // In place of the sign-in entry: Back never shows the form to a
                    // signed-in user.
                    let options = NavigateOptions {
                        replace: true,
                        ..Default::default()
                    };
                    navigate(&safe_return_path(next.as_deref()), options);
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

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = token.get_untracked();
        if value.trim().is_empty() {
            set_error.set(Some("Enter an API token to sign in.".into()));
            return;
        }
        set_error.set(None);
        sign_in.dispatch(value);
    };

    view! {
        <PageTitle text="Sign in" />
        <section class="card narrow sign-in">
            <h1>"Sign in"</h1>
            <p class="muted">
                "Use a Fastly API token. It is kept in this browser tab only and forgotten when you sign out or close the tab."
            </p>
            {move || {
                session
                    .notice
                    .get()
                    .map(|n| {
                        view! {
                            <p class="notice" role="status">
                                {n}
                            </p>
                        }
                    })
            }}
            <form on:submit=on_submit novalidate>
                <label for="api-token">"API token"</label>
                <input
                    id="api-token"
                    name="api-token"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=token
                    on:input=move |ev| set_token.set(event_target_value(&ev))
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="sign-in-error"
                />
                <div id="sign-in-error">
                    {move || {
                        error
                            .get()
                            .map(|e| {
                                view! {
                                    <div class="error" role="alert">
                                        <p>{e}</p>
                                        {move || {
                                            retry_with
                                                .get()
                                                .map(|t| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="button secondary small"
                                                            disabled=move || sign_in.pending().get()
                                                            on:click=move |_| {
                                                                set_error.set(None);
                                                                sign_in.dispatch(t.clone());
                                                            }
                                                        >
                                                            "Try again"
                                                        </button>
                                                    }
                                                })
                                        }}
                                    </div>
                                }
                            })
                    }}
                </div>
                <SubmitButton pending=sign_in.pending() idle="Sign in" busy="Signing in…" />
            </form>
        </section>
    }
}
