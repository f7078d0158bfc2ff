//! Times as the API sends them, read by chrono.

use chrono::{DateTime, Utc};

/// An ISO 8601 time as sent, with its parsed form when it parses.
/// A bad date keeps its raw text so the page can show it instead of failing.
#[derive(Clone, Debug, PartialEq)]
pub struct Timestamp {
    pub raw: String,
    pub parsed: Option<DateTime<Utc>>,
}

impl Timestamp {
    /// RFC 3339 (`2020-11-04T09:51:20Z`, `…+01:00`, `….123Z`, `T` or a space between
    /// date and time); tolerated: no offset, read as UTC (as if it ended in `Z`). Anything
    /// else — an impossible date or time, an offset beyond ±23:59 — is kept unparsed.
    pub fn parse(raw: &str) -> Self {
        let text = raw.trim();
        let parsed = DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_rfc3339(&format!("{text}Z")))
            .ok()
            .map(|t| t.with_timezone(&Utc));
        Timestamp {
            raw: raw.to_string(),
            parsed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn parsed(raw: &str) -> Option<DateTime<Utc>> {
        Timestamp::parse(raw).parsed
    }

    #[test]
    fn the_shapes_the_api_sends() {
        let t = utc("2020-11-04T09:51:20Z");
        assert_eq!(
            parsed("2020-11-04T09:51:20Z").unwrap().to_rfc3339(),
            "2020-11-04T09:51:20+00:00"
        );
        assert_eq!(parsed("2020-11-04T10:51:20+01:00"), Some(t));
        assert_eq!(parsed("2020-11-04T04:21:20-05:30"), Some(t));
        assert_eq!(parsed("2020-11-04t09:51:20z"), Some(t));
        assert_eq!(parsed(" 2020-11-04T09:51:20Z\n"), Some(t));
        assert_eq!(
            parsed("2020-11-04T09:51:20.250Z"),
            Some(utc("2020-11-04T09:51:20.25Z"))
        );
        assert_eq!(
            parsed("2020-11-04T09:51:20.123456789123Z"),
            Some(utc("2020-11-04T09:51:20.123456789Z"))
        );
        assert_eq!(
            parsed("2020-12-31T23:30:00-01:00"),
            Some(utc("2021-01-01T00:30:00Z"))
        );
        assert_eq!(
            parsed("2020-11-04T23:59:00+23:59"),
            Some(utc("2020-11-04T00:00:00Z"))
        );
        // RFC 3339 allows a leap second; chrono keeps it.
        assert_eq!(
            parsed("2016-12-31T23:59:60Z").map(|t| t.to_rfc3339()),
            Some("2016-12-31T23:59:60+00:00".into())
        );
    }

    #[test]
    fn no_offset_reads_as_utc() {
        assert_eq!(
            parsed("2020-11-04T09:51:20"),
            Some(utc("2020-11-04T09:51:20Z"))
        );
        assert_eq!(
            parsed("2020-11-04 09:51:20.5"),
            Some(utc("2020-11-04T09:51:20.5Z"))
        );
        assert_eq!(
            parsed("2020-11-04t09:51:20"),
            Some(utc("2020-11-04T09:51:20Z"))
        );
    }

    #[test]
    fn anything_else_is_kept_unparsed() {
        for bad in [
            "",
            "last tuesday",
            "2020-11-04",
            "2020-13-04T09:51:20Z",
            "2020-02-30T09:51:20Z",
            "2021-02-29T09:51:20Z",
            "2020-11-04T24:00:00Z",
            "2020-11-04T25:51:20Z",
            "2020-11-04T09:60:20Z",
            "2020-11-04T09:51:20+24:00",
            "2020-11-04T09:51:20-25:00",
            "2020-11-04T09:51:20+01:60",
            "2020-11-04T09:51:20+0100",
            "2020-11-04T09:51:20 +01:00",
            "2020-11-04T09:51:20.Z",
            "2020-11-04T09:51:20Zjunk",
            "2020-11-04T09:51:20+01:00x",
            "20x0-11-04T09:51:20Z",
            "2020-11-04T09:51",
            "2020-11-04T09:51:20ZZ",
            "+2020-11-04T09:51:20",
            "2020-11-04T9:51:20",
        ] {
            let t = Timestamp::parse(bad);
            assert_eq!(t.parsed, None, "{bad}");
            assert_eq!(t.raw, bad);
        }
    }
}
