//! A value asked of the API for a page: nothing while the first answer is on its
//! way, then the answer (kept while asking again). It does what `LocalResource`
//! did here with a signal, an effect and one task, for a fraction of the
//! WebAssembly: `LocalResource` brought async-derived machinery per value type
//! (~10 KB each, five types).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::browser::effect::effect;

/// A question on its way to the API.
type Question<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

pub struct Load<T: Send + Sync + 'static> {
    answer: RwSignal<Option<Result<T, ApiError>>>,
    asked: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Load<T> {}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    /// Asks at once, and again whenever a signal read by `ask` (outside its
    /// future) changes, or on [`Load::refetch`]. Only the newest question's
    /// answer is kept.
    pub fn new<Fut>(ask: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::erased(Box::new(move || Box::pin(ask())))
    }

    /// The work of [`Load::new`], compiled once per value type rather than once per caller
    /// (each caller's future is a type of its own).
    fn erased(ask: Box<dyn Fn() -> Question<T>>) -> Self {
        let answer = RwSignal::new(None);
        let asked = RwSignal::new(0u32);
        let newest = StoredValue::new(0u32);
        effect(move || {
            asked.track();
            let question = ask();
            let number = newest.get_value().wrapping_add(1);
            newest.set_value(number);
            leptos::task::spawn_local(async move {
                let got = question.await;
                // The page may be gone, or a newer question asked: then drop it.
                if newest.try_get_value() == Some(number) {
                    answer.try_set(Some(got));
                }
            });
        });
        Load { answer, asked }
    }

    /// The answer (tracked): `None` until the first one came.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.answer.get()
    }

    /// Why the last answer failed, if it did (tracked). Reads the answer in place: a
    /// list of 10,000 users is not copied to find out that it is not an error.
    pub fn error(&self) -> Option<ApiError> {
        self.answer
            .with(|a| a.as_ref().and_then(|r| r.as_ref().err().cloned()))
    }

    /// The last answer is a value, not an error (tracked; read in place).
    pub fn has_value(&self) -> bool {
        self.answer.with(|a| matches!(a, Some(Ok(_))))
    }

    /// Asks again (after a failure: "Try again").
    pub fn refetch(&self) {
        self.asked.update(|n| *n = n.wrapping_add(1));
    }
}
