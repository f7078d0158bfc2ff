//! ISO 8601 / RFC 3339 times read and written by hand: chrono computes, but its
//! format-string parser and `strftime` tables cost ~20 KB of WebAssembly for the
//! three shapes the API and the pages use.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};

/// `2020-11-04T09:51:20Z`, `…+01:00`, `….123Z`, and (tolerated) no offset or a
/// space instead of `T`. `None` for anything else.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-')
        && at(7, b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && at(13, b':')
        && at(16, b':'))
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 2)?, num(8, 2)?)?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        nanos *= 10u32.pow(9u32.saturating_sub((i - start) as u32));
    }
    let offset_minutes: i64 = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if at(i + 3, b':') && i + 6 == b.len() => {
            let minutes = i64::from(num(i + 1, 2)? * 60 + num(i + 4, 2)?);
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return None,
    };
    let local = date.and_hms_nano_opt(hour, minute, second, nanos)?;
    Some(local.and_utc() - TimeDelta::minutes(offset_minutes))
}

/// `2026-03-14T11:00:00Z`: to the second, in UTC.
pub fn exact(t: DateTime<Utc>) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day(t),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `2026-03-14 11:00 UTC`.
pub fn minutes(t: DateTime<Utc>) -> String {
    format!("{} {:02}:{:02} UTC", day(t), t.hour(), t.minute())
}

/// `11:00 UTC`.
pub fn clock(t: DateTime<Utc>) -> String {
    format!("{:02}:{:02} UTC", t.hour(), t.minute())
}

fn day(t: DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_shapes_the_api_sends() {
        assert_eq!(
            parse("2020-11-04T09:51:20Z"),
            Some(utc("2020-11-04T09:51:20Z"))
        );
        assert_eq!(
            parse("2020-11-04T10:51:20+01:00"),
            Some(utc("2020-11-04T09:51:20Z"))
        );
        assert_eq!(
            parse("2020-11-04T04:21:20-05:30"),
            Some(utc("2020-11-04T09:51:20Z"))
        );
        assert_eq!(
            parse("2020-11-04t09:51:20z"),
            Some(utc("2020-11-04T09:51:20Z"))
        );
        assert_eq!(
            parse("2020-11-04T09:51:20.250Z"),
            Some(utc("2020-11-04T09:51:20.25Z"))
        );
        assert_eq!(
            parse("2020-11-04T09:51:20.123456789123Z"),
            Some(utc("2020-11-04T09:51:20.123456789Z"))
        );
        assert_eq!(
            parse("2020-11-04T09:51:20"),
            Some(utc("2020-11-04T09:51:20Z"))
        );
        assert_eq!(
            parse("2020-11-04 09:51:20.5"),
            Some(utc("2020-11-04T09:51:20.5Z"))
        );
        assert_eq!(
            parse("2020-12-31T23:30:00-01:00"),
            Some(utc("2021-01-01T00:30:00Z"))
        );
    }

    #[test]
    fn anything_else_is_none() {
        for bad in [
            "",
            "last tuesday",
            "2020-11-04",
            "2020-13-04T09:51:20Z",
            "2020-02-30T09:51:20Z",
            "2020-11-04T25:51:20Z",
            "2020-11-04T09:51:20.Z",
            "2020-11-04T09:51:20Zjunk",
            "2020-11-04T09:51:20+0100",
            "2020-11-04T09:51:20+01:00x",
            "20x0-11-04T09:51:20Z",
            "2020-11-04T09:51",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn written_as_the_pages_show_them() {
        let t = utc("2026-03-04T05:06:07.9Z");
        assert_eq!(exact(t), "2026-03-04T05:06:07Z");
        assert_eq!(
            exact(t),
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        assert_eq!(minutes(t), t.format("%Y-%m-%d %H:%M UTC").to_string());
        assert_eq!(clock(t), "05:06 UTC");
    }
}
