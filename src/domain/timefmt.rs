//! Times for people: a relative phrase ("3 days ago") beside the local date-time, and the
//! exact time in ISO 8601 (written by chrono).

use chrono::{DateTime, SecondsFormat, Timelike, Utc};

/// `2026-03-14T11:00:00Z`: to the second, in UTC (a `<time>`'s `datetime`).
pub fn exact(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `11:00 UTC`: the hour and minute chrono gives. (Its `format`/`format_with_items` would
/// bring its general formatting machinery and tables for these two numbers: measured
/// 7.4 KB of the brotli'd first load.)
pub fn clock(t: DateTime<Utc>) -> String {
    format!("{:02}:{:02} UTC", t.hour(), t.minute())
}

/// "just now", "5 minutes ago", "in 2 hours", "3 days ago", "2 years ago".
pub fn relative(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds();
    let (amount, future) = (seconds.unsigned_abs(), seconds < 0);
    if amount < 45 {
        return "just now".into();
    }
    let units = [
        (60, "minute"),
        (3600, "hour"),
        (86_400, "day"),
        (30 * 86_400, "month"),
        (365 * 86_400, "year"),
    ];
    let (size, name) = units
        .iter()
        .rev()
        .find(|(size, _)| amount >= *size * 9 / 10)
        .copied()
        .unwrap_or(units[0]);
    let count = ((amount as f64) / (size as f64)).round().max(1.0) as u64;
    let unit = if count == 1 {
        name.to_string()
    } else {
        format!("{name}s")
    };
    if future {
        format!("in {count} {unit}")
    } else {
        format!("{count} {unit} ago")
    }
}

/// The current time (the browser's clock in the app).
pub fn now() -> DateTime<Utc> {
    #[cfg(target_arch = "wasm32")]
    {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        DateTime::from_timestamp(since_epoch.as_secs() as i64, 0).unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The browser's `Intl.DateTimeFormat` with `Date.toLocaleString`'s fields, made once:
    /// `toLocaleString` builds a formatter on every call (~1 ms each, measured in the
    /// settings page's first render).
    static LOCAL_FORMAT: js_sys::Function = {
        let options = js_sys::Object::new();
        for part in ["year", "month", "day", "hour", "minute", "second"] {
            let _ = js_sys::Reflect::set(&options, &part.into(), &"numeric".into());
        }
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format()
    };
}

/// The time in the browser's locale and time zone, e.g. "14/03/2026, 11:00:00".
pub fn local(then: DateTime<Utc>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = wasm_bindgen::JsValue::from_f64(then.timestamp_millis() as f64);
        LOCAL_FORMAT.with(|format| {
            format
                .call1(&wasm_bindgen::JsValue::UNDEFINED, &date)
                .ok()
                .and_then(|text| text.as_string())
                .unwrap_or_default()
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        then.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

/// When a local day starts (or, `end`, its last millisecond), as ISO 8601 in UTC:
/// `2026-11-01` in Paris → `2026-10-31T23:00:00.000Z`. The browser knows the time zone
/// (and its daylight-saving changes); on the host the day is taken as UTC.
pub fn day_instant(day: crate::domain::activity::Day, end: bool) -> String {
    let (h, m, s, ms) = if end { (23, 59, 59, 999) } else { (0, 0, 0, 0) };
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new_with_year_month_day_hr_min_sec_milli(
            day.year.max(0) as u32,
            day.month as i32 - 1,
            day.day as i32,
            h,
            m,
            s,
            ms,
        );
        String::from(date.to_iso_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{day}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn phrases() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let cases = [
            (Duration::seconds(10), "just now"),
            (Duration::seconds(60), "1 minute ago"),
            (Duration::minutes(5), "5 minutes ago"),
            (Duration::minutes(59), "1 hour ago"),
            (Duration::hours(3), "3 hours ago"),
            (Duration::days(1), "1 day ago"),
            (Duration::days(3), "3 days ago"),
            (Duration::days(45), "2 months ago"),
            (Duration::days(800), "2 years ago"),
        ];
        for (ago, phrase) in cases {
            assert_eq!(relative(now, now - ago), phrase, "{ago:?}");
        }
        assert_eq!(relative(now, now + Duration::hours(2)), "in 2 hours");
    }

    #[test]
    fn written_as_the_pages_show_them() {
        let t = DateTime::parse_from_rfc3339("2026-03-04T05:06:07.9Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(exact(t), "2026-03-04T05:06:07Z");
        assert_eq!(clock(t), "05:06 UTC");
        assert_eq!(local(t), "2026-03-04 05:06 UTC", "on the host, in UTC");
        let day = crate::domain::activity::Day::parse("2026-11-01").unwrap();
        assert_eq!(day_instant(day, false), "2026-11-01T00:00:00.000Z");
        assert_eq!(day_instant(day, true), "2026-11-01T23:59:59.999Z");
    }
}
