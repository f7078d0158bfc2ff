//! Something a user sets off (sign in, save, add, remove): its latest outcome and
//! whether one is under way. What `Action::new_local` did here, with two signals and
//! one task per run, for a fraction of the WebAssembly (`Action` brought its own
//! machinery per input and output type, ~3 KB each).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

/// What a run does: from its input to the future of its outcome (boxed: one type per task).
type Run<I, O> = Box<dyn Fn(&I) -> Pin<Box<dyn Future<Output = O>>>>;

pub struct Task<I: 'static, O: Send + Sync + 'static> {
    run: StoredValue<Run<I, O>, LocalStorage>,
    value: RwSignal<Option<O>>,
    running: RwSignal<u32>,
    pending: Signal<bool>,
    dispatched: StoredValue<u32>,
}

impl<I: 'static, O: Send + Sync + 'static> Clone for Task<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: Send + Sync + 'static> Copy for Task<I, O> {}

impl<I: 'static, O: Clone + Send + Sync + 'static> Task<I, O> {
    pub fn new<Fut>(run: impl Fn(&I) -> Fut + 'static) -> Self
    where
        Fut: Future<Output = O> + 'static,
    {
        let run: Run<I, O> = Box::new(move |input| Box::pin(run(input)));
        let running = RwSignal::new(0);
        Task {
            run: StoredValue::new_local(run),
            value: RwSignal::new(None),
            running,
            pending: Signal::derive(move || running.get() > 0),
            dispatched: StoredValue::new(0),
        }
    }

    /// Starts a run; its outcome becomes [`Task::value`] when it ends, unless a
    /// later run was started meanwhile.
    pub fn dispatch(&self, input: I) {
        let Some(future) = self.run.try_with_value(|run| run(&input)) else {
            return;
        };
        let (value, running, dispatched) = (self.value, self.running, self.dispatched);
        let number = dispatched.get_value().wrapping_add(1);
        dispatched.set_value(number);
        running.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let outcome = future.await;
            // The page may be gone by now: then nobody is told.
            running.try_update(|n| *n = n.saturating_sub(1));
            if dispatched.try_get_value() == Some(number) {
                value.try_set(Some(outcome));
            }
        });
    }

    /// The outcome of the last run that ended (tracked).
    pub fn value(&self) -> ReadSignal<Option<O>> {
        self.value.read_only()
    }

    /// A run is under way (tracked).
    pub fn pending(&self) -> Signal<bool> {
        self.pending
    }
}
