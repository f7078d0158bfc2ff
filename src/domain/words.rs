//! Small helpers for the words the console shows.

/// The plural "s" of an English noun for `n` things: "1 change", "2 changes".
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Text in lower case for comparing names people type ("ZOË" → "zoë"). In the browser the
/// browser's own `toLowerCase` does it: Rust's `str::to_lowercase` brings Unicode case
/// tables (~11 KB of WebAssembly) the browser already has.
pub fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if text.is_ascii() {
            return text.to_ascii_lowercase();
        }
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_of_any_script() {
        assert_eq!(lowercase("ZOË Ørsted"), "zoë ørsted");
        assert_eq!(lowercase("Ada"), "ada");
    }

    #[test]
    fn one_is_singular() {
        assert_eq!(format!("{} change{}", 1, plural(1)), "1 change");
        assert_eq!(format!("{} change{}", 0, plural(0)), "0 changes");
        assert_eq!(format!("{} change{}", 2, plural(2)), "2 changes");
    }
}
