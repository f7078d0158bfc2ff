use leptos::prelude::*;

use crate::browser::draft_store::RestoredEdit;
use crate::domain::changes::Draft;

/// Unsaved edits restored onto a newer copy of the customer: for each, what it
/// was, what the server has now and the user's edit, to keep or drop. Saving
/// waits until every one is decided.
#[component]
pub fn DraftReview(
    review: RwSignal<Vec<RestoredEdit>>,
    draft: RwSignal<Draft>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let decide = move |name: &'static str, keep: bool| {
        let Some(edit) =
            review.with_untracked(|r| r.iter().find(|e| e.attribute.name == name).cloned())
        else {
            return;
        };
        let text = if keep {
            edit.mine_text
        } else {
            edit.server_text
        };
        draft.update(|d| {
            d.insert(name.to_string(), text);
        });
        review.update(|r| r.retain(|e| e.attribute.name != name));
        if review.with_untracked(Vec::is_empty) {
            status.set(Some(
                "Your restored edits are reviewed. Save when ready.".into(),
            ));
        }
    };
    move || {
        (!review.with(Vec::is_empty)).then(|| {
            view! {
                <section
                    class="card draft-review"
                    role="alert"
                    aria-labelledby="draft-review-title"
                    data-testid="draft-review"
                >
                    <h2 id="draft-review-title">
                        "This customer changed since you made these edits"
                    </h2>
                    <p>
                        "Your unsaved edits from earlier in this tab were made on an older copy. For each one, keep your edit or use what the server has now. Nothing can be saved until you have decided."
                    </p>
                    <table class="conflict-table">
                        <thead>
                            <tr>
                                <th scope="col">"Attribute"</th>
                                <th scope="col">"When you edited"</th>
                                <th scope="col">"Now on the server"</th>
                                <th scope="col">"Your edit"</th>
                                <th scope="col">"Decide"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {review
                                .get()
                                .into_iter()
                                .map(|edit| {
                                    let name = edit.attribute.name;
                                    let label = edit.attribute.label;
                                    view! {
                                        <tr data-review=name class:moved=edit.moved>
                                            <th scope="row">
                                                {label}
                                                {edit
                                                    .moved
                                                    .then(|| {
                                                        view! {
                                                            " "
                                                            <span class="badge warn">"Changed on the server"</span>
                                                        }
                                                    })}
                                            </th>
                                            <td>{edit.was}</td>
                                            <td>{edit.now}</td>
                                            <td>{edit.mine}</td>
                                            <td class="actions">
                                                <button
                                                    type="button"
                                                    class="button primary small"
                                                    aria-label=format!("Keep my edit of {label}")
                                                    on:click=move |_| decide(name, true)
                                                >
                                                    "Keep my edit"
                                                </button>
                                                <button
                                                    type="button"
                                                    class="button small"
                                                    aria-label=format!("Use the server's {label}")
                                                    on:click=move |_| decide(name, false)
                                                >
                                                    "Use the server's"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        })
    }
}
