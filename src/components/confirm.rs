use leptos::prelude::*;

/// A modal confirmation: focus starts on "Cancel", Escape cancels.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: String,
    #[prop(into)] confirm_label: String,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(button) = cancel_ref.get() {
            let _ = button.focus();
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
    };
    view! {
        <div class="dialog-backdrop">
            <div class="dialog card" role="dialog" aria-modal="true" aria-labelledby="dialog-title" on:keydown=on_key>
                <h2 id="dialog-title">{title}</h2>
                <div class="dialog-body">{children()}</div>
                <div class="actions">
                    <button type="button" class="button" node_ref=cancel_ref on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="button" class="button primary" disabled=move || busy.get() on:click=move |_| on_confirm.run(())>{confirm_label}</button>
                </div>
            </div>
        </div>
    }
}
