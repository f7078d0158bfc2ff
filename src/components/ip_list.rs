use leptos::prelude::*;

use crate::browser::effect::{effect, memo};
use crate::domain::attributes::Attribute;
use crate::domain::validate;

/// The login IP allowlist as a list of entries: add, edit, remove, each checked as typed.
/// Its value lives in the page's draft as Fastly's comma-separated text. There
/// is always at least one entry input: an open allowlist shows an empty one,
/// ready to type into.
#[component]
pub fn IpListEditor(
    attribute: &'static Attribute,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] set_value: Callback<String>,
) -> impl IntoView {
    // The rows as shown, blank ones included; the draft holds them joined.
    // An outside change of the value (discard, save) resets the rows.
    let rows = RwSignal::new(split(&value.get_untracked()));
    effect(move || {
        let text = value.get();
        if rows.with_untracked(|r| r.join(",")) != text {
            rows.set(split(&text));
        }
    });
    let entries = move || rows.get();
    let count = memo(move || entries().len());
    let open = memo(move || rows.with(|r| r.iter().all(|e| e.trim().is_empty())));
    let write = move |list: Vec<String>| {
        let text = list.join(",");
        rows.set(list);
        set_value.run(text);
    };
    // A blank last entry is where the next one goes: focus it rather than add another.
    let add = move |_| {
        let mut list = entries();
        if !list.last().is_some_and(|e| e.trim().is_empty()) {
            list.push(String::new());
        }
        let index = list.len();
        write(list);
        focus_entry(attribute, index);
    };
    view! {
        <div class="ip-list">
            {move || {
                (open.get())
                    .then(|| {
                        view! {
                            <p class="ip-open" data-testid="ip-open">
                                "No allowlist — any address may sign in"
                            </p>
                        }
                    })
            }} <ol class="ip-entries">
                <For each=move || 0..count.get() key=|i| *i let:index>
                    {
                        let entry = move || entries().get(index).cloned().unwrap_or_default();
                        let removable = memo(move || count.get() > 1 || !entry().trim().is_empty());
                        let problem = move || {
                            let e = entry();
                            if e.trim().is_empty() {
                                None
                            } else {
                                validate::allowlist_entry(&e).err()
                            }
                        };
                        let input_id = entry_id(attribute, index + 1);
                        let error_id = format!("{input_id}-error");
                        view! {
                            <li class="ip-entry">
                                <input
                                    type="text"
                                    id=input_id
                                    inputmode="decimal"
                                    spellcheck="false"
                                    autocomplete="off"
                                    aria-label=format!("{}, entry {}", attribute.label, index + 1)
                                    aria-invalid=move || problem().is_some().to_string()
                                    aria-describedby=error_id.clone()
                                    placeholder="192.168.0.0/24"
                                    prop:value=entry
                                    on:input=move |ev| {
                                        let mut list = entries();
                                        if let Some(slot) = list.get_mut(index) {
                                            *slot = event_target_value(&ev);
                                        }
                                        write(list);
                                    }
                                />
                                {move || {
                                    (removable.get())
                                        .then(|| {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button secondary small"
                                                    aria-label=move || {
                                                        format!("Remove entry {} {}", index + 1, entry())
                                                    }
                                                    on:click=move |_| {
                                                        let mut list = entries();
                                                        if index < list.len() {
                                                            list.remove(index);
                                                        }
                                                        if list.is_empty() {
                                                            list.push(String::new());
                                                        }
                                                        let focus_to = index.min(list.len() - 1) + 1;
                                                        write(list);
                                                        focus_entry(attribute, focus_to);
                                                    }
                                                >
                                                    "Remove"
                                                </button>
                                            }
                                        })
                                }}
                                {move || {
                                    problem()
                                        .map(|m| {
                                            view! {
                                                <p class="field-error" id=error_id.clone() role="alert">
                                                    {m}
                                                </p>
                                            }
                                        })
                                }}
                            </li>
                        }
                    }
                </For>
            </ol> <button type="button" class="button secondary" on:click=add>
                "Add entry"
            </button>
        </div>
    }
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
