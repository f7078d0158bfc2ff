//! Every link inside the app, built in one place (ids are percent-encoded).

use crate::api::client::path_segment;

/// `/customers/{id}`: the customer's settings.
pub fn customer_href(customer_id: &str) -> String {
    format!("/customers/{}", path_segment(customer_id))
}

/// `/customers/{id}/contacts`: contact assignment and company contacts.
pub fn contacts_href(customer_id: &str) -> String {
    format!("{}/contacts", customer_href(customer_id))
}

/// The sign-in page, coming back to `path` afterwards.
pub fn sign_in_href(path: &str) -> String {
    if path == "/" || path.starts_with("/sign-in") {
        "/sign-in".to_string()
    } else {
        format!("/sign-in?next={}", path_segment(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_encode_ids() {
        assert_eq!(
            customer_href("7XbRfLq2Zk9mWcT4pN1sVe"),
            "/customers/7XbRfLq2Zk9mWcT4pN1sVe"
        );
        assert_eq!(contacts_href("a/b"), "/customers/a%2Fb/contacts");
    }

    #[test]
    fn sign_in_carries_the_path() {
        assert_eq!(
            sign_in_href("/customers/a b"),
            "/sign-in?next=%2Fcustomers%2Fa%20b"
        );
        assert_eq!(sign_in_href("/"), "/sign-in");
        assert_eq!(sign_in_href("/sign-in?next=/x"), "/sign-in");
    }
}
