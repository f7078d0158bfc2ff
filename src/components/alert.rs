//! A message that needs attention, shown while there is one.

use leptos::prelude::*;

use crate::browser::dom::{dynamic, el, Dom};

pub fn alert(message: RwSignal<Option<String>>) -> Dom {
    dynamic(move || {
        message
            .get()
            .map(|m| el("p").class("alert").attr("role", "alert").text(&m))
    })
}
