use leptos::prelude::*;

use crate::components::redirect::Redirect;
use crate::components::require_session::SignedIn;
use crate::domain::links::customer_href;

/// `/` goes to the signed-in user's own customer.
#[component]
pub fn HomeRedirect(me: SignedIn) -> impl IntoView {
    view! { <Redirect path=customer_href(&me.user().customer_id) /> }
}
