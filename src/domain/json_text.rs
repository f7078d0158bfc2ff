//! JSON as text, before reading it: how deep it nests, checked before any parser sees it.

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
}
