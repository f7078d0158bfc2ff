//! Validation of what people type: names, phone numbers, IP allowlist entries.
//! Messages are written to be shown beside the field as they are.

/// Fastly's "no allowlist" value.
pub const OPEN_ALLOWLIST: &str = "0.0.0.0/0";

pub fn required(label: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("{label} is required."))
    } else {
        Ok(())
    }
}

/// A plausible phone number: an optional leading `+`, digits with spaces, dots,
/// dashes, slashes or brackets between them, 6 to 15 digits, and an optional
/// extension (`x123`, `ext. 123`).
pub fn phone(value: &str) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    let lower = v.to_ascii_lowercase();
    let main = ["ext.", "ext", "x"]
        .iter()
        .find_map(|sep| {
            lower
                .rsplit_once(sep)
                .filter(|(_, ext)| {
                    !ext.trim().is_empty() && ext.trim().chars().all(|c| c.is_ascii_digit())
                })
                .map(|(m, _)| m.to_string())
        })
        .unwrap_or(lower);
    let main = main.trim();
    let body = main.strip_prefix('+').unwrap_or(main);
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/');
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !body.chars().all(allowed) {
        Err("Use digits, spaces and + - ( ) . / only, for example +44 20 7946 0958.".into())
    } else if !(6..=15).contains(&digits) {
        Err(format!(
            "A phone number has 6 to 15 digits; this has {digits}."
        ))
    } else {
        Ok(())
    }
}

/// Splits Fastly's comma-separated allowlist into trimmed, non-empty entries.
pub fn allowlist_entries(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(String::from)
        .collect()
}

/// The allowlist as Fastly stores it. No entries means no allowlist.
pub fn allowlist_value(entries: &[String]) -> String {
    let kept: Vec<&str> = entries
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect();
    if kept.is_empty() {
        OPEN_ALLOWLIST.to_string()
    } else {
        kept.join(",")
    }
}

/// True when the allowlist lets any address in.
pub fn allowlist_is_open(value: &str) -> bool {
    let entries = allowlist_entries(value);
    entries.is_empty() || entries.iter().all(|e| e == OPEN_ALLOWLIST)
}

/// One allowlist entry: an IPv4 address, a CIDR range, or an address with `*`
/// for any octet but the first (Fastly's guide: `192.168.*.1`, `10.0.0.*`).
pub fn allowlist_entry(entry: &str) -> Result<(), String> {
    let e = entry.trim();
    let bad = || {
        Err(format!("\u{201c}{e}\u{201d} is not an IPv4 address (192.168.0.1), CIDR range (192.168.0.0/24) or wildcard (192.168.0.*)."))
    };
    if e.is_empty() {
        return Err("Enter an address, or remove this entry.".into());
    }
    if let Some((address, prefix)) = e.split_once('/') {
        let prefix_ok = !prefix.is_empty()
            && prefix.len() <= 2
            && prefix.chars().all(|c| c.is_ascii_digit())
            && prefix.parse::<u8>().is_ok_and(|p| p <= 32);
        return if octets(address).is_some_and(|o| o.iter().all(Option::is_some)) && prefix_ok {
            Ok(())
        } else {
            bad()
        };
    }
    match octets(e) {
        Some(o) if o[0].is_some() => Ok(()),
        _ => bad(),
    }
}

/// All entries' problems, in order.
pub fn allowlist(value: &str) -> Result<(), String> {
    let problems: Vec<String> = allowlist_entries(value)
        .iter()
        .filter_map(|e| allowlist_entry(e).err())
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join(" "))
    }
}

/// Four dot-separated octets, `None` for a `*`; `None` overall when malformed.
fn octets(address: &str) -> Option<[Option<u8>; 4]> {
    let parts: Vec<&str> = address.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut out = [None; 4];
    for (slot, part) in out.iter_mut().zip(parts) {
        *slot = match part {
            "*" => None,
            p if !p.is_empty()
                && p.len() <= 3
                && p.chars().all(|c| c.is_ascii_digit())
                && !(p.len() > 1 && p.starts_with('0')) =>
            {
                Some(p.parse::<u8>().ok()?)
            }
            _ => return None,
        };
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowlist_entries_fastly_documents() {
        for ok in [
            "192.168.0.1",
            "192.168.0.0/24",
            "192.168.0.*",
            "192.168.*.*",
            "10.*.*.*",
            "0.0.0.0/0",
            "255.255.255.255/32",
            "192.168.*.1",
            "1.*.3.*",
        ] {
            assert_eq!(allowlist_entry(ok), Ok(()), "{ok}");
        }
        for bad in [
            "300.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "*.1.2.3",
            "*.*.*.*",
            "1*.2.3.4",
            "10.*.0.0/16",
            "10.0.0.0/33",
            "10.0.0.0/",
            "10.0.0.0/ab",
            "::1",
            "01.2.3.4",
            "a.b.c.d",
            "1.2.3.4/24/1",
            "",
        ] {
            assert!(allowlist_entry(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn messages_name_the_bad_entry() {
        let err = allowlist("10.0.0.1, 300.1.1.1").unwrap_err();
        assert!(err.contains("300.1.1.1"), "{err}");
        assert!(!err.contains("10.0.0.1"), "{err}");
    }

    #[test]
    fn allowlist_round_trip() {
        let entries = allowlist_entries(" 192.168.0.0/24 ,10.0.*.*,, 203.0.113.7 ");
        assert_eq!(entries, ["192.168.0.0/24", "10.0.*.*", "203.0.113.7"]);
        assert_eq!(
            allowlist_value(&entries),
            "192.168.0.0/24,10.0.*.*,203.0.113.7"
        );
        assert_eq!(allowlist_value(&[]), OPEN_ALLOWLIST);
        assert!(allowlist_is_open("0.0.0.0/0"));
        assert!(allowlist_is_open(""));
        assert!(!allowlist_is_open("10.0.0.1"));
    }

    #[test]
    fn phones() {
        for ok in [
            "+44 20 7946 0958",
            "(555) 010-0199",
            "+1-202-555-0143 x12",
            "030 12345678 ext. 9",
            "",
            "020.7946.0958",
        ] {
            assert_eq!(phone(ok), Ok(()), "{ok}");
        }
        for bad in [
            "12345",
            "call me",
            "+44 20 7946 0958 0000 000",
            "555-CALL-NOW",
            "++44 20 7946 0958",
        ] {
            assert!(phone(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn required_fields() {
        assert!(required("Company name", "  ")
            .unwrap_err()
            .contains("Company name is required"));
        assert_eq!(required("Company name", "Acme"), Ok(()));
    }
}
