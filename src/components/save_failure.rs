use leptos::prelude::*;

use crate::browser::dom::{dynamic, el, Dom};
use crate::browser::save::Saver;

/// Why the last save did not (or may not have) gone through, in an alert;
/// "Check again" while its outcome is unknown and reading the customer failed.
pub fn save_failure(failure: RwSignal<Option<String>>, saver: Saver) -> Dom {
    dynamic(move || {
        failure.get().map(|f| {
            el("div")
                .class("alert")
                .attr("role", "alert")
                .child(el("p").text(&f))
                .dyn_child(move || {
                    saver.can_check_again().then(|| {
                        el("button")
                            .attr("type", "button")
                            .class("button secondary small")
                            .on("click", move |_| {
                                failure
                                    .set(Some("Checking whether your changes were saved…".into()));
                                saver.check_again();
                            })
                            .text("Check again")
                    })
                })
        })
    })
}
