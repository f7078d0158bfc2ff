use crate::components::redirect::redirect;
use crate::components::require_session::SignedIn;
use crate::domain::links::customer_href;

/// `/` goes to the signed-in user's own customer.
pub fn home_redirect(me: SignedIn) {
    redirect(customer_href(&me.user().customer_id));
}
