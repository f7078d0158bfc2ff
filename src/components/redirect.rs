//! Sends the browser to another page of the app once this one has rendered,
//! in place of the current history entry ("back" does not bounce into it again).

use leptos::prelude::*;

use crate::browser::effect::effect;
use crate::browser::router;

#[component]
pub fn Redirect(#[prop(into)] path: String) -> impl IntoView {
    effect(move || router::redirect(&path));
}
