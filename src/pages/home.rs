use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::client::path_segment;
use crate::components::require_session::SignedIn;

/// `/` goes to the signed-in user's own customer.
#[component]
pub fn HomeRedirect(me: SignedIn) -> impl IntoView {
    view! { <Redirect path=format!("/customers/{}", path_segment(&me.user().customer_id))/> }
}
