use leptos::prelude::*;

/// Copies a value (an id) to the clipboard and says so.
#[component]
pub fn CopyButton(
    #[prop(into)] value: String,
    /// What is copied, e.g. "customer ID".
    what: String,
) -> impl IntoView {
    let (done, set_done) = signal(None::<bool>);
    let label = format!("Copy {what}");
    let copy = move |_| {
        let value = value.clone();
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            let ok = match web_sys::window().map(|w| w.navigator().clipboard()) {
                Some(clipboard) => {
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&value))
                        .await
                        .is_ok()
                }
                None => false,
            };
            set_done.set(Some(ok));
        });
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = value;
            set_done.set(Some(false));
        }
    };
    view! {
        <button
            type="button"
            class="button copy small"
            aria-label=label
            title=format!("Copy {what}")
            on:click=copy
        >
            <span aria-live="polite">
                {move || match done.get() {
                    Some(true) => "Copied",
                    Some(false) => "Copy failed",
                    None => "Copy",
                }}
            </span>
        </button>
    }
}
