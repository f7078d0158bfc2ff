//! Chaos mode (`/__standin/chaos`): every matching API request is given, with probability
//! `rate`, one of the listed fault kinds, and waits a latency drawn from a range; all drawn
//! from a small seeded generator, so the same seed and the same sequence of requests give
//! the same faults and latencies.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::errors::json_response;
use crate::faults::{
    bad, method_matches_any, normalize_pattern, path_matches, ControlBody, FaultKind,
};
use crate::{lock, AppState};

/// The longest latency chaos mode may draw (the same bound as a held request).
pub const MAX_LATENCY_MS: u64 = crate::faults::HANG_LIMIT.as_millis() as u64;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same everywhere.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi] (inclusive).
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        let span = hi - lo;
        if span == u64::MAX {
            return self.next_u64();
        }
        lo + self.next_u64() % (span + 1)
    }
}

#[derive(Clone, Debug)]
pub struct Chaos {
    pub on: bool,
    pub rate: f64,
    /// Drawn uniformly (a kind listed twice is twice as likely).
    pub kinds: Vec<FaultKind>,
    pub latency_ms: (u64, u64),
    pub seed: u64,
    /// Upper case; `None`: every method.
    pub methods: Option<Vec<String>>,
    /// Patterns as for faults (without `/api`, trailing `*` a prefix); `None`: every path.
    pub paths: Option<Vec<String>>,
    rng: SplitMix64,
    /// Faults given, by kind name.
    pub counts: Map<String, Value>,
    /// Requests that matched (each drew its latency and its chance of a fault).
    pub requests: u64,
}

impl Chaos {
    pub fn new(
        rate: f64,
        kinds: Vec<FaultKind>,
        latency_ms: (u64, u64),
        seed: u64,
        methods: Option<Vec<String>>,
        paths: Option<Vec<String>>,
    ) -> Self {
        let counts = kinds
            .iter()
            .map(|k| (k.name().to_string(), json!(0)))
            .collect();
        Chaos {
            on: true,
            rate,
            kinds,
            latency_ms,
            seed,
            methods,
            paths,
            rng: SplitMix64::new(seed),
            counts,
            requests: 0,
        }
    }

    pub fn matches(&self, method: &Method, path: &str) -> bool {
        self.on
            && self
                .methods
                .as_ref()
                .is_none_or(|ms| method_matches_any(ms, method))
            && self
                .paths
                .as_ref()
                .is_none_or(|ps| ps.iter().any(|p| path_matches(p, path)))
    }

    /// The draws of one matching request: its latency, then whether it is faulted, then
    /// which kind; always all three, so one request's outcome never shifts the next's.
    /// `preempted`: an explicit fault takes this request, so a drawn fault is not given
    /// (nor counted).
    pub fn draw(&mut self, preempted: bool) -> (Option<FaultKind>, Duration) {
        self.requests += 1;
        let (lo, hi) = self.latency_ms;
        let latency = Duration::from_millis(self.rng.between(lo, hi));
        let faulted = self.rng.unit() < self.rate;
        let pick = self.rng.next_u64();
        if !faulted || preempted || self.kinds.is_empty() {
            return (None, latency);
        }
        let kind = self.kinds[(pick % self.kinds.len() as u64) as usize];
        if let Some(n) = self.counts.get_mut(kind.name()) {
            *n = json!(n.as_u64().unwrap_or(0) + 1);
        }
        (Some(kind), latency)
    }

    pub fn to_json(&self) -> Value {
        json!({
            "on": self.on,
            "rate": self.rate,
            "kinds": self.kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
            "latency_ms": [self.latency_ms.0, self.latency_ms.1],
            "seed": self.seed,
            "methods": self.methods,
            "paths": self.paths,
            "counts": self.counts,
            "requests": self.requests,
        })
    }
}

/// What `GET /__standin/chaos` answers when chaos mode was not set since reset.
fn never_set() -> Value {
    json!({
        "on": false, "rate": 0.0, "kinds": [], "latency_ms": [0, 0], "seed": null,
        "methods": null, "paths": null, "counts": {}, "requests": 0,
    })
}

fn state_json(chaos: Option<&Chaos>) -> Response {
    json_response(
        StatusCode::OK,
        &chaos.map(Chaos::to_json).unwrap_or_else(never_set),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChaosReq {
    rate: f64,
    #[serde(default)]
    kinds: Vec<Value>,
    latency_ms: Option<(u64, u64)>,
    seed: Option<u64>,
    methods: Option<Vec<String>>,
    paths: Option<Vec<String>>,
}

/// A seed when none is given: from the clock, within 2^53 (exact as a JavaScript number).
fn clock_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    (nanos % (1u128 << 53)) as u64
}

impl ChaosReq {
    fn into_chaos(self) -> Result<Chaos, String> {
        if !(0.0..=1.0).contains(&self.rate) {
            return Err(format!("rate: {} is not between 0 and 1", self.rate));
        }
        let mut kinds = Vec::new();
        for k in &self.kinds {
            let name = match k {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                other => other.to_string(),
            };
            let kind = FaultKind::parse(&name).ok_or_else(|| {
                let names: Vec<&str> = FaultKind::ALL.iter().map(|k| k.name()).collect();
                format!("kinds: unknown fault '{name}' (use {})", names.join(", "))
            })?;
            kinds.push(kind);
        }
        if self.rate > 0.0 && kinds.is_empty() {
            return Err("kinds: at least one fault kind is needed when rate is over 0".into());
        }
        let latency_ms = self.latency_ms.unwrap_or((0, 0));
        if latency_ms.0 > latency_ms.1 || latency_ms.1 > MAX_LATENCY_MS {
            return Err(format!(
                "latency_ms: [{}, {}] must be [low, high] with low <= high <= {MAX_LATENCY_MS}",
                latency_ms.0, latency_ms.1
            ));
        }
        let methods = match self.methods {
            Some(ms) if ms.is_empty() => {
                return Err("methods: an empty list (omit it for every method)".into())
            }
            Some(ms) => Some(ms.iter().map(|m| m.trim().to_ascii_uppercase()).collect()),
            None => None,
        };
        let paths = match self.paths {
            Some(ps) if ps.is_empty() => {
                return Err("paths: an empty list (omit it for every path)".into())
            }
            Some(ps) => Some(ps.iter().map(|p| normalize_pattern(p)).collect()),
            None => None,
        };
        Ok(Chaos::new(
            self.rate,
            kinds,
            latency_ms,
            self.seed.unwrap_or_else(clock_seed),
            methods,
            paths,
        ))
    }
}

/// `POST /__standin/chaos`: turn chaos mode on (anew: the generator restarts from the
/// seed, the counts from 0). The request log keeps [`crate::faults::SOAK_LOG_LEN`]
/// entries from now until reset.
pub(crate) async fn set_chaos(
    State(st): State<Arc<AppState>>,
    ControlBody(req): ControlBody<ChaosReq>,
) -> Response {
    let chaos = match req.into_chaos() {
        Ok(c) => c,
        Err(e) => return bad(&e),
    };
    let mut c = lock(&st.controls);
    c.soak_log = true;
    c.chaos = Some(chaos);
    state_json(c.chaos.as_ref())
}

/// `GET /__standin/chaos`: the settings and what was given so far (kept when turned off).
pub(crate) async fn get_chaos(State(st): State<Arc<AppState>>) -> Response {
    state_json(lock(&st.controls).chaos.as_ref())
}

/// `DELETE /__standin/chaos`: turn chaos mode off (its settings and counts still read).
pub(crate) async fn stop_chaos(State(st): State<Arc<AppState>>) -> Response {
    let mut c = lock(&st.controls);
    if let Some(ch) = c.chaos.as_mut() {
        ch.on = false;
    }
    state_json(c.chaos.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_the_reference_sequence() {
        // The first outputs for seed 1234567 (Vigna's reference splitmix64.c).
        let mut r = SplitMix64::new(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
        let mut r = SplitMix64::new(7);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!((3..=5).contains(&r.between(3, 5)));
            assert_eq!(r.between(9, 9), 9);
        }
    }

    #[test]
    fn draws_are_reproducible_and_roughly_at_the_rate() {
        let kinds = vec![FaultKind::ServerError, FaultKind::Drop];
        let run = |seed| {
            let mut c = Chaos::new(0.25, kinds.clone(), (0, 3000), seed, None, None);
            let draws: Vec<_> = (0..4000).map(|_| c.draw(false)).collect();
            (draws, c)
        };
        let (a, ca) = run(42);
        let (b, _) = run(42);
        assert_eq!(a, b);
        assert_ne!(a, run(43).0);
        let faulted = a.iter().filter(|d| d.0.is_some()).count();
        assert!((800..1200).contains(&faulted), "{faulted}");
        assert!(a.iter().all(|d| d.1 <= Duration::from_millis(3000)));
        assert_eq!(ca.requests, 4000);
        let counted: u64 = ca.counts.values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(counted as usize, faulted);
        // Preempted requests draw the same, but are given (and counted) nothing.
        let mut c = Chaos::new(1.0, kinds.clone(), (0, 0), 1, None, None);
        assert_eq!(c.draw(true).0, None);
        assert!(c.draw(false).0.is_some());
        assert_eq!(c.requests, 2);
    }
}
