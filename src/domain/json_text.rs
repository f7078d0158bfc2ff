//! JSON as text, before and without reading it: how deep it nests (checked before any
//! parser sees it) and a layout for people that keeps every byte of its content.

use serde_json::Value;

/// The deepest nesting of arrays and objects any reader of the console accepts (an API
/// answer, an error body, what the tab stored). serde_json's own limit is 128 levels, and
/// reading or dropping a deeply nested value recurses: in the browser's smaller stack that
/// can trap the module. No answer the console reads comes near this.
pub const MAX_DEPTH: usize = 64;

/// Whether `text` nests arrays and objects at most `max` levels deep. One pass over the
/// bytes, nothing allocated: `[` and `{` outside strings open a level, `]` and `}` close
/// one; inside a string (its escapes included) nothing counts. It stops at the first level
/// too deep. Text that is not JSON is left to the parser to refuse; this scan only makes
/// sure the parser never goes deeper than `max` before it does.
pub fn depth_within(text: &str, max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// Why a text could not be read as JSON.
#[derive(Debug)]
pub enum Unreadable {
    /// Nested more than [`MAX_DEPTH`] levels deep: refused before parsing.
    TooDeep,
    /// Not JSON: serde_json's words.
    Invalid(serde_json::Error),
}

/// `text` read as a JSON value, unless it nests more than [`MAX_DEPTH`] levels deep (then
/// it is refused before serde_json reads any of it). The one way the console reads JSON
/// text: API answers, error bodies and what the tab stored.
pub fn parse(text: &str) -> Result<Value, Unreadable> {
    if !depth_within(text, MAX_DEPTH) {
        return Err(Unreadable::TooDeep);
    }
    serde_json::from_str(text).map_err(Unreadable::Invalid)
}

/// `text` (JSON) laid out for reading, two spaces a level, one member or item a line and
/// `": "` after a key, as `serde_json::to_string_pretty` lays out a value — but over the
/// text itself, never reading it: every string (escapes and all), number and literal is
/// copied byte for byte, in the order received, so duplicate keys, integers beyond 2^53
/// and keys such as `__proto__` read exactly as sent. Only whitespace outside strings is
/// replaced. Text that is not JSON is laid out as far as it goes, never refused.
pub fn indent(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let (b, next) = (bytes[i], i + 1);
        let end = match b {
            b'"' => string_end(bytes, i),
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let after = skip_whitespace(bytes, next);
                out.push(char::from(b));
                if bytes.get(after) == Some(&close) {
                    out.push(char::from(close));
                    i = after + 1;
                    continue;
                }
                depth += 1;
                new_line(&mut out, depth);
                i = next;
                continue;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(char::from(b));
                i = next;
                continue;
            }
            b',' => {
                out.push(',');
                new_line(&mut out, depth);
                i = next;
                continue;
            }
            b':' => {
                out.push_str(": ");
                i = next;
                continue;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                i = next;
                continue;
            }
            // A number, a literal (or anything else): up to the next token.
            _ => bytes[next..]
                .iter()
                .position(|c| b"\"{}[],: \t\n\r".contains(c))
                .map_or(bytes.len(), |p| next + p),
        };
        // `i` and `end` are both at an ASCII byte or an end of the text: char boundaries.
        out.push_str(text.get(i..end).unwrap_or_default());
        i = end;
    }
    out
}

/// The index just past the string that starts (with `"`) at `start`; the end of the text
/// when it is never closed.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut escaped = false;
    for (at, &b) in bytes.iter().enumerate().skip(start + 1) {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'"' {
            return at + 1;
        }
    }
    bytes.len()
}

fn skip_whitespace(bytes: &[u8], from: usize) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .map_or(bytes.len(), |p| from + p)
}

/// A line break and the indentation of `depth` (no wider than [`MAX_DEPTH`] levels: text
/// shown here has been read, so is no deeper than that anyway).
fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth.min(MAX_DEPTH) {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    fn nested_objects(levels: usize) -> String {
        format!("{}1{}", r#"{"a":"#.repeat(levels), "}".repeat(levels))
    }

    #[test]
    fn sixty_four_levels_are_read() {
        assert!(depth_within(&nested(64), MAX_DEPTH));
        assert!(parse(&nested(64)).is_ok());
        assert!(parse(&nested_objects(64)).is_ok());
        assert!(depth_within("", MAX_DEPTH));
        assert!(depth_within("[1, {\"a\": []}]", 3));
        assert!(!depth_within("[1, {\"a\": []}]", 2));
    }

    #[test]
    fn deeper_is_refused_before_parsing() {
        for levels in [65, 129, 10_000, 1_000_000] {
            assert!(!depth_within(&nested(levels), MAX_DEPTH), "{levels}");
            assert!(matches!(parse(&nested(levels)), Err(Unreadable::TooDeep)));
            assert!(matches!(
                parse(&nested_objects(levels)),
                Err(Unreadable::TooDeep)
            ));
        }
        // Openers alone (a truncated answer) count as much as balanced ones.
        assert!(matches!(
            parse(&"[".repeat(10_000)),
            Err(Unreadable::TooDeep)
        ));
        assert!(!depth_within("[[[", 2));
        assert!(depth_within("[[]]", 2));
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let inside = format!(r#"{{"a": "{}", "b": "\"[{{\\"}}"#, "[".repeat(1000));
        assert!(depth_within(&inside, 1));
        assert!(parse(&inside).is_ok());
        // An escaped quote does not end the string: the brackets after it are still inside.
        let escaped = format!(r#"["\"{}"]"#, "[".repeat(100));
        assert!(depth_within(&escaped, 1));
        // A backslash that ends a string's escapes leaves the quote after it closing it.
        let closed = format!(r#"["\\", {}{}]"#, "[".repeat(64), "]".repeat(64));
        assert!(!depth_within(&closed, MAX_DEPTH));
    }

    #[test]
    fn not_json_is_invalid() {
        assert!(matches!(parse("<html>"), Err(Unreadable::Invalid(_))));
        assert!(matches!(parse(""), Err(Unreadable::Invalid(_))));
    }

    #[test]
    fn indents_like_serde_pretty() {
        let text = r#"{"id":"C","n":[1,2,{"a":null}],"t":true}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(indent(text), serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(
            indent(" {\n \"a\" :\t[ 1 , 2 ] }\n"),
            "{\n  \"a\": [\n    1,\n    2\n  ]\n}"
        );
    }

    #[test]
    fn empty_objects_and_lists_stay_on_one_line() {
        assert_eq!(indent("{}"), "{}");
        assert_eq!(indent("[ ]"), "[]");
        assert_eq!(
            indent(r#"{"a":{ },"b":[],"c":[{}]}"#),
            "{\n  \"a\": {},\n  \"b\": [],\n  \"c\": [\n    {}\n  ]\n}"
        );
    }

    #[test]
    fn strings_are_copied_with_their_escapes() {
        let text = r#"{"q":"say \"hi\", {not: [a list]}","b":"\\","u":"\u00e9 é \n","s":"a  b"}"#;
        assert_eq!(
            indent(text),
            "{\n  \"q\": \"say \\\"hi\\\", {not: [a list]}\",\n  \"b\": \"\\\\\",\n  \"u\": \"\\u00e9 é \\n\",\n  \"s\": \"a  b\"\n}"
        );
    }

    #[test]
    fn content_is_kept_as_received() {
        let text = r#"{"z":1,"a":2,"name":"first","name":"second","__proto__":{"x":1},"big":12345678901234567890123,"f":1.0e+2,"neg":-0}"#;
        let shown = indent(text);
        assert_eq!(
            shown,
            "{\n  \"z\": 1,\n  \"a\": 2,\n  \"name\": \"first\",\n  \"name\": \"second\",\n  \"__proto__\": {\n    \"x\": 1\n  },\n  \"big\": 12345678901234567890123,\n  \"f\": 1.0e+2,\n  \"neg\": -0\n}"
        );
        // Only whitespace outside strings changed.
        let strip = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(strip(&shown), strip(text));
    }

    #[test]
    fn anything_else_is_laid_out_without_panicking() {
        for text in [
            "",
            "]]]}}",
            "[[[",
            "\"unclosed",
            "\"ends with a backslash\\",
            "<html><body>504</body></html>",
            "é{\"é\":\"é\"}é",
            "{,:,}",
        ] {
            let shown = indent(text);
            let strip = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(strip(&shown), strip(text), "{text:?}");
        }
        // The indentation stops widening at MAX_DEPTH levels.
        let deep = indent(&nested(10_000));
        assert!(deep.len() < 20_000 * (2 + 2 * MAX_DEPTH), "{}", deep.len());
    }
}
