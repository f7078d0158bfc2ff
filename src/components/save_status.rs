//! A page's status after a save: what just happened, in a `role="status"` region, and for
//! 30 seconds after a save its "Undo" — announced with the message, reachable by keyboard,
//! never taking the focus.

use leptos::prelude::*;

use crate::browser::save::Saver;
use crate::browser::undo::Undo;

#[component]
pub fn SaveStatus(
    status: RwSignal<Option<String>>,
    undo: Undo,
    /// The page's saves: Undo can run while none is under way or of unknown outcome.
    saver: Saver,
    on_undo: Callback<()>,
) -> impl IntoView {
    let can_undo = move || !saver.busy() && !saver.blocked();
    let offered = move || {
        undo.offered().then(|| {
            view! {
                " "
                <button
                    type="button"
                    class="button secondary small undo"
                    aria-disabled=move || (!can_undo()).to_string()
                    on:click=move |_| {
                        if untrack(can_undo) {
                            on_undo.run(());
                        }
                    }
                >
                    "Undo"
                </button>
            }
        })
    };
    view! {
        <div role="status" class="status-region">
            {move || {
                status
                    .get()
                    .map(|s| {
                        view! { <p class="success">{s} {offered}</p> }
                    })
            }}
        </div>
    }
}
