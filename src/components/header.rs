use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::session::Session;
use crate::PRODUCT_NAME;

#[component]
pub fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out();
        navigate("/sign-in", Default::default());
    };
    view! {
        <header class="app-header">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            {move || session.user.get().map(|user| view! {
                <div class="who" data-testid="signed-in-user">
                    <span class="who-name">{user.display_name().to_string()}</span>
                    <span class="badge role">{user.role.label().to_string()}</span>
                </div>
            })}
            <Show when=move || session.has_token()>
                <button type="button" class="button secondary" on:click=sign_out.clone()>"Sign out"</button>
            </Show>
        </header>
    }
}
