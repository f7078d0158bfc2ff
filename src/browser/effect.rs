//! Effects that share one copy of Leptos's effect machinery. `Effect::new` is generic
//! over its closure, and each instance brings its own scheduling task (~1.4 KB of
//! WebAssembly before optimisation); behind a boxed closure there is one instance for
//! the whole app. Same semantics: runs once now, then whenever a signal it read changes.

use leptos::prelude::{Effect, Memo};

/// Runs `run` now and again whenever a signal it reads changes (until its owner is gone).
pub fn effect(run: impl Fn() + 'static) {
    erased(Box::new(run));
}

fn erased(run: Box<dyn Fn()>) {
    Effect::new(run);
}

/// A memo (a derived value, recomputed when what it read changes, telling its readers only
/// when the value differs) behind a boxed closure: one copy of the memo machinery per value
/// type instead of one per closure.
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    compute: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    erased_memo(Box::new(compute))
}

fn erased_memo<T: PartialEq + Send + Sync + 'static>(
    compute: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new(move |_| compute())
}
