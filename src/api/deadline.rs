//! How long a request may take before the console gives up on it: the one
//! place both deadlines are set. A built app can change them without a
//! rebuild: `<meta name="api-deadlines" content="read=15000, write=30000">`
//! (milliseconds) in `index.html`.

/// Reads (`GET`) give up after this long.
pub const READ_MS: u32 = 15_000;
/// Writes (`PUT`, `POST`, `DELETE`) give up after this long.
pub const WRITE_MS: u32 = 30_000;

/// Bounds for configured values: never below 100 ms nor above 10 minutes.
const MIN_MS: u32 = 100;
const MAX_MS: u32 = 600_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    pub read_ms: u32,
    pub write_ms: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            read_ms: READ_MS,
            write_ms: WRITE_MS,
        }
    }
}

impl Deadlines {
    /// `read=…, write=…` in milliseconds, in any order, separated by commas,
    /// semicolons or spaces. A missing, unreadable or out-of-range part keeps its default.
    pub fn parse(text: &str) -> Self {
        let mut out = Deadlines::default();
        for part in text
            .split([',', ';', ' '])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let Some((key, value)) = part.split_once('=') else {
                continue;
            };
            let Ok(ms) = value.trim().parse::<u32>() else {
                continue;
            };
            if !(MIN_MS..=MAX_MS).contains(&ms) {
                continue;
            }
            match key.trim() {
                "read" => out.read_ms = ms,
                "write" => out.write_ms = ms,
                _ => {}
            }
        }
        out
    }

    /// The page's `<meta name="api-deadlines">`, or the defaults.
    pub fn configured() -> Self {
        #[cfg(target_arch = "wasm32")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector("meta[name=\"api-deadlines\"]")
                        .ok()
                        .flatten()
                })
                .and_then(|m| m.get_attribute("content"))
                .map(|text| Deadlines::parse(&text))
                .unwrap_or_default()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            Deadlines::default()
        }
    }

    pub fn for_write(&self, write: bool) -> u32 {
        if write {
            self.write_ms
        } else {
            self.read_ms
        }
    }
}

/// Whole seconds for messages, rounded up (1500 ms reads as 2 seconds).
pub fn seconds(ms: u32) -> u32 {
    ms.div_ceil(1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_15_and_30_seconds() {
        assert_eq!(
            Deadlines::default(),
            Deadlines {
                read_ms: 15_000,
                write_ms: 30_000
            }
        );
        assert_eq!(Deadlines::parse(""), Deadlines::default());
    }

    #[test]
    fn configured_values_are_read_and_bounded() {
        assert_eq!(
            Deadlines::parse("read=1500, write=2500"),
            Deadlines {
                read_ms: 1500,
                write_ms: 2500
            }
        );
        assert_eq!(
            Deadlines::parse("write=2000;read=900"),
            Deadlines {
                read_ms: 900,
                write_ms: 2000
            }
        );
        assert_eq!(
            Deadlines::parse("read=0 write=abc"),
            Deadlines::default(),
            "out of range or unreadable keeps defaults"
        );
        assert_eq!(Deadlines::parse("read=99999999"), Deadlines::default());
        assert_eq!(Deadlines::parse("read=2000").for_write(true), WRITE_MS);
    }

    #[test]
    fn seconds_round_up() {
        assert_eq!(seconds(15_000), 15);
        assert_eq!(seconds(1500), 2);
        assert_eq!(seconds(100), 1);
    }
}
