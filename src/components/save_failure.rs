use leptos::prelude::*;

use crate::browser::save::Saver;

/// Why the last save did not (or may not have) gone through, in an alert;
/// "Check again" while its outcome is unknown and reading the customer failed.
#[component]
pub fn SaveFailure(failure: RwSignal<Option<String>>, saver: Saver) -> impl IntoView {
    move || {
        failure.get().map(|f| {
            view! {
                <div class="alert" role="alert">
                    <p>{f}</p>
                    {move || {
                        saver
                            .can_check_again()
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        on:click=move |_| {
                                            failure
                                                .set(
                                                    Some("Checking whether your changes were saved…".into()),
                                                );
                                            saver.check_again();
                                        }
                                    >
                                        "Check again"
                                    </button>
                                }
                            })
                    }}
                </div>
            }
        })
    }
}
