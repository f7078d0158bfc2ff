//! Small helpers for the words the console shows.

/// The plural "s" of an English noun for `n` things: "1 change", "2 changes".
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        assert_eq!(format!("{} change{}", 1, plural(1)), "1 change");
        assert_eq!(format!("{} change{}", 0, plural(0)), "0 changes");
        assert_eq!(format!("{} change{}", 2, plural(2)), "2 changes");
    }
}
