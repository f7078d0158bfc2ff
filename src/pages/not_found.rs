use crate::browser::dom::{el, El};
use crate::components::page_title::page_title;

pub fn not_found() -> El {
    page_title("Page not found");
    el("section")
        .class("card narrow")
        .child(el("h1").text("Page not found"))
        .child(el("p").text("There is no page at this address."))
        .child(
            el("a")
                .class("button")
                .attr("href", "/")
                .text("Go to your account"),
        )
}
