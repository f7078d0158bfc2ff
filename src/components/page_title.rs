//! The browser tab's title: "{page} · Account Console" while a page shows,
//! "Account Console" otherwise. (Written straight to `document.title`: the
//! `leptos_meta` crate did this for ~10 KB of WebAssembly.)

use std::cell::Cell;

use leptos::prelude::*;

use crate::browser::effect::effect;
use crate::PRODUCT_NAME;

thread_local! {
    /// Which title was set last: an older page's cleanup must not undo a newer one.
    static LATEST: Cell<u64> = const { Cell::new(0) };
}

#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let mine = LATEST.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    // Follows the text (a customer renamed by a save), as long as this page shows.
    effect(move || {
        let text = text.get();
        if LATEST.with(Cell::get) == mine {
            write(&format!("{text} · {PRODUCT_NAME}"));
        }
    });
    on_cleanup(move || {
        if LATEST.with(Cell::get) == mine {
            write(PRODUCT_NAME);
        }
    });
}

fn write(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}
