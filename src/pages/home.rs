use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::client::path_segment;
use crate::session::Session;

/// `/` goes to the signed-in user's own customer.
#[component]
pub fn HomeRedirect() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session
            .user
            .with(|u| u.as_ref().map(|u| format!("/customers/{}", path_segment(&u.customer_id))))
            .map(|path| view! { <Redirect path=path/> })
    }
}
