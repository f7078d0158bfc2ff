use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::dom::{el, El};
use crate::browser::effect::{effect, memo};
use crate::domain::attributes::Attribute;
use crate::domain::validate;

/// The login IP allowlist as a list of entries: add, edit, remove, each checked as typed.
/// Its value lives in the page's draft as Fastly's comma-separated text. There
/// is always at least one entry input: an open allowlist shows an empty one,
/// ready to type into.
pub fn ip_list_editor(
    attribute: &'static Attribute,
    value: Signal<String>,
    set_value: Callback<String>,
) -> El {
    // The rows as shown, blank ones included; the draft holds them joined.
    // An outside change of the value (discard, save) resets the rows.
    let rows = RwSignal::new(split(&value.get_untracked()));
    effect(move || {
        let text = value.get();
        if rows.with_untracked(|r| r.join(",")) != text {
            rows.set(split(&text));
        }
    });
    let count = memo(move || rows.with(Vec::len));
    let open = memo(move || rows.with(|r| r.iter().all(|e| e.trim().is_empty())));
    // A blank last entry is where the next one goes: focus it rather than add another.
    let add = move |_| {
        let mut list = rows.get_untracked();
        if !list.last().is_some_and(|e| e.trim().is_empty()) {
            list.push(String::new());
        }
        let index = list.len();
        write(rows, set_value, list);
        focus_entry(attribute, index);
    };
    el("div")
        .class("ip-list")
        .dyn_child(move || {
            open.get().then(|| {
                el("p")
                    .class("ip-open")
                    .attr("data-testid", "ip-open")
                    .text("No allowlist — any address may sign in")
            })
        })
        .child(
            // Rebuilt when the number of entries changes (it was a `<For>` keyed by index):
            // typing never changes it, so a focused entry is never replaced; adding and
            // removing move the focus themselves.
            el("ol").class("ip-entries").dyn_child(move || {
                (0..count.get())
                    .map(|index| entry_row(attribute, index, rows, count, set_value))
                    .collect::<Vec<El>>()
            }),
        )
        .child(
            el("button")
                .attr("type", "button")
                .class("button secondary")
                .on("click", add)
                .text("Add entry"),
        )
}

/// Shows `list` and writes it, joined, to the draft.
fn write(rows: RwSignal<Vec<String>>, set_value: Callback<String>, list: Vec<String>) {
    let text = list.join(",");
    rows.set(list);
    set_value.run(text);
}

/// Entry `index` (0-based): its input, "Remove" and its problem.
fn entry_row(
    attribute: &'static Attribute,
    index: usize,
    rows: RwSignal<Vec<String>>,
    count: Memo<usize>,
    set_value: Callback<String>,
) -> El {
    let entry = move || rows.with(|r| r.get(index).cloned().unwrap_or_default());
    let removable = memo(move || count.get() > 1 || !entry().trim().is_empty());
    let problem = memo(move || {
        let e = entry();
        if e.trim().is_empty() {
            None
        } else {
            validate::allowlist_entry(&e).err()
        }
    });
    let has_problem = memo(move || problem.with(Option::is_some));
    let input_id = entry_id(attribute, index + 1);
    let error_id = format!("{input_id}-error");
    let input = el("input")
        .attr("type", "text")
        .id(&input_id)
        .attr("inputmode", "decimal")
        .attr("spellcheck", "false")
        .attr("autocomplete", "off")
        .attr(
            "aria-label",
            &format!("{}, entry {}", attribute.label, index + 1),
        )
        .dyn_attr("aria-invalid", move || Some(has_problem.get().to_string()))
        .attr("aria-describedby", &error_id)
        .attr("placeholder", "192.168.0.0/24")
        .dyn_prop("value", move || JsValue::from_str(&entry()))
        .on("input", move |ev| {
            let mut list = rows.get_untracked();
            if let Some(slot) = list.get_mut(index) {
                *slot = event_target_value(&ev);
            }
            write(rows, set_value, list);
        });
    let remove = move |_| {
        let mut list = rows.get_untracked();
        if index < list.len() {
            list.remove(index);
        }
        if list.is_empty() {
            list.push(String::new());
        }
        let focus_to = index.min(list.len() - 1) + 1;
        write(rows, set_value, list);
        focus_entry(attribute, focus_to);
    };
    el("li")
        .class("ip-entry")
        .child(input)
        .dyn_child(move || {
            removable.get().then(|| {
                el("button")
                    .attr("type", "button")
                    .class("button secondary small")
                    .dyn_attr("aria-label", move || {
                        Some(format!("Remove entry {} {}", index + 1, entry()))
                    })
                    .on("click", remove)
                    .text("Remove")
            })
        })
        .dyn_child(move || {
            has_problem.get().then(|| {
                el("p")
                    .class("field-error")
                    .id(&error_id)
                    .attr("role", "alert")
                    .dyn_text(move || problem.get().unwrap_or_default())
            })
        })
}

fn split(text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        vec![String::new()]
    } else {
        text.split(',').map(|e| e.trim().to_string()).collect()
    }
}

fn entry_id(attribute: &Attribute, position: usize) -> String {
    format!("field-{}-{}", attribute.name, position)
}

/// Moves focus to an entry once it is rendered.
fn focus_entry(attribute: &'static Attribute, position: usize) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&entry_id(attribute, position)) {
            use wasm_bindgen::JsCast;
            if let Ok(input) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        }
    });
}
