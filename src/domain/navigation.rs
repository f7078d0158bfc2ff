//! Small pure helpers for getting around: reading a customer id people paste,
//! and which customer a path is about.

use crate::domain::links::{page_of, Page};

/// A customer id from what someone typed or pasted: trimmed; a pasted console
/// or API URL gives the id in it. Fastly ids are letters and digits.
pub fn parse_customer_id(input: &str) -> Result<String, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("Enter a customer ID.".into());
    }
    let candidate = ["/customers/", "/customer/"]
        .iter()
        .find_map(|marker| text.split_once(marker).map(|(_, rest)| rest))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""))
        .unwrap_or(text);
    if candidate.is_empty()
        || candidate.len() > 64
        || !candidate.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(format!("\u{201c}{text}\u{201d} is not a customer ID: IDs are letters and digits, like 7XbRfLq2Zk9mWcT4pN1sVe."));
    }
    Ok(candidate.to_string())
}

/// The customer a page's path is about (decoded, as the page reads it).
pub fn customer_in_path(path: &str) -> Option<String> {
    match page_of(path) {
        Page::Settings(id) | Page::Contacts(id) | Page::Activity(id) => Some(id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_trimmed_and_checked() {
        assert_eq!(
            parse_customer_id("  7XbRfLq2Zk9mWcT4pN1sVe \n"),
            Ok("7XbRfLq2Zk9mWcT4pN1sVe".into())
        );
        assert!(parse_customer_id("")
            .unwrap_err()
            .contains("Enter a customer ID"));
        assert!(parse_customer_id("abc def")
            .unwrap_err()
            .contains("not a customer ID"));
        assert!(parse_customer_id("../current_user").is_err());
    }

    #[test]
    fn pasted_urls_give_their_id() {
        assert_eq!(
            parse_customer_id("https://console.example/customers/abc123/contacts"),
            Ok("abc123".into())
        );
        assert_eq!(
            parse_customer_id("https://api.fastly.com/customer/XYZ9?x=1"),
            Ok("XYZ9".into())
        );
    }

    #[test]
    fn paths() {
        assert_eq!(
            customer_in_path("/customers/abc/contacts"),
            Some("abc".into())
        );
        assert_eq!(customer_in_path("/customers/abc"), Some("abc".into()));
        assert_eq!(customer_in_path("/sign-in"), None);
    }

    #[test]
    fn the_customer_of_a_path_is_the_one_its_page_shows() {
        use crate::domain::links::contacts_href;
        assert_eq!(customer_in_path(&contacts_href("a/b")), Some("a/b".into()));
        assert_eq!(customer_in_path("/customers/abc/users"), None);
    }
}
