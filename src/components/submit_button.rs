//! A form's submit button that says when its run is under way, and cannot be pressed again
//! meanwhile.

use leptos::prelude::*;

use crate::browser::dom::{el, El};

/// "Sign in" / "Signing in…", disabled while `pending`.
pub fn submit_button(pending: Signal<bool>, idle: &'static str, busy: &'static str) -> El {
    el("button")
        .attr("type", "submit")
        .class("button primary")
        .dyn_flag("disabled", move || pending.get())
        .dyn_text(move || if pending.get() { busy } else { idle }.to_string())
}
