//! Every link inside the app, built in one place (ids are percent-encoded), and
//! the page each path shows (the routes of `../shared/ui-contract.md`).

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

/// The page a path shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    SignIn,
    /// `/`: the signed-in user's own customer.
    Home,
    /// `/customers/{id}`
    Settings(String),
    /// `/customers/{id}/contacts`
    Contacts(String),
    /// `/customers/{id}/activity`
    Activity(String),
    NotFound,
}

/// Which page `path` (without query or fragment) shows; one trailing slash is allowed.
pub fn page_of(path: &str) -> Page {
    let path = match path.strip_suffix('/') {
        Some(rest) if !rest.is_empty() && !rest.ends_with('/') => rest,
        _ => path,
    };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match segments.as_slice() {
        [""] => Page::Home,
        ["sign-in"] => Page::SignIn,
        ["customers", id] if !id.is_empty() => Page::Settings(percent_decode(id)),
        ["customers", id, "contacts"] if !id.is_empty() => Page::Contacts(percent_decode(id)),
        ["customers", id, "activity"] if !id.is_empty() => Page::Activity(percent_decode(id)),
        _ => Page::NotFound,
    }
}

/// A value of a query string (`?next=%2Fcustomers%2Fx`), decoded.
pub fn query_value(search: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// `%2F` → `/` in a path segment (`+` stays a plus, as in paths).
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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

    #[test]
    fn paths_show_their_pages() {
        assert_eq!(page_of("/"), Page::Home);
        assert_eq!(page_of("/sign-in"), Page::SignIn);
        assert_eq!(page_of("/sign-in/"), Page::SignIn);
        assert_eq!(page_of("/customers/7XbR"), Page::Settings("7XbR".into()));
        assert_eq!(page_of("/customers/7XbR/"), Page::Settings("7XbR".into()));
        assert_eq!(
            page_of("/customers/a%2Fb/contacts"),
            Page::Contacts("a/b".into())
        );
        assert_eq!(page_of("/customers/a%20b"), Page::Settings("a b".into()));
        for other in [
            "/customers",
            "/customers/",
            "/customers//contacts",
            "/customers/x/users",
            "/nope",
            "//",
            "/sign-in/x",
            "",
        ] {
            assert_eq!(page_of(other), Page::NotFound, "{other}");
        }
        // Every link the app builds leads to its page.
        let id = "a/b c";
        assert_eq!(page_of(&customer_href(id)), Page::Settings(id.into()));
        assert_eq!(page_of(&contacts_href(id)), Page::Contacts(id.into()));
        let activity = crate::domain::activity::activity_href(id);
        assert_eq!(page_of(&activity), Page::Activity(id.into()));
        assert_eq!(
            page_of("/customers/x/activity/"),
            Page::Activity("x".into())
        );
    }

    #[test]
    fn query_values_are_decoded() {
        let search = sign_in_href("/customers/a b?x=1").replace("/sign-in", "");
        assert_eq!(
            query_value(&search, "next").as_deref(),
            Some("/customers/a b?x=1")
        );
        assert_eq!(
            query_value("?a=1&next=%2Fx+y", "next").as_deref(),
            Some("/x y")
        );
        assert_eq!(query_value("", "next"), None);
        assert_eq!(query_value("?nextx=1", "next"), None);
    }
}
