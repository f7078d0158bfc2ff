//! A placeholder while something loads: grey lines and blocks, busy for assistive
//! technology and named after what is loading.

use crate::browser::dom::{el, El};

/// `label`: what is loading ("Loading customer"); `parts`: the skeleton classes of its
/// shapes, e.g. `["line wide", "block"]`.
pub fn skeleton(label: &str, parts: &[&str]) -> El {
    el("div")
        .class("skeleton-page")
        .attr("aria-busy", "true")
        .attr("aria-label", label)
        .children(
            parts
                .iter()
                .map(|part| el("div").class(&format!("skeleton {part}")))
                .collect(),
        )
}
