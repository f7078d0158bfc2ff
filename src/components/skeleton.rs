//! A placeholder while something loads: grey lines and blocks, busy for assistive
//! technology and named after what is loading.

use leptos::prelude::*;

/// `label`: what is loading ("Loading customer"); `parts`: the skeleton classes of its
/// shapes, e.g. `["line wide", "block"]`.
#[component]
pub fn Skeleton(label: &'static str, parts: &'static [&'static str]) -> impl IntoView {
    view! {
        <div class="skeleton-page" aria-busy="true" aria-label=label>
            {parts
                .iter()
                .map(|part| view! { <div class=format!("skeleton {part}")></div> })
                .collect_view()}
        </div>
    }
}
