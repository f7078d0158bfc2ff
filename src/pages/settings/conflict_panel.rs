//! Someone else changed the customer while it was being edited: what moved, and the two ways on.

use leptos::prelude::*;

use crate::domain::changes::{Draft, ServerChange};

#[component]
pub fn ConflictPanel(
    moved: Vec<ServerChange>,
    draft: RwSignal<Draft>,
    on_overwrite: Callback<()>,
    on_take_theirs: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="card conflict" role="alert" aria-labelledby="conflict-title">
            <h2 id="conflict-title">"Someone else changed this customer while you were editing"</h2>
            <p>
                "Nothing was saved. Your edits are still in the form. Here is what changed on the server:"
            </p>
            <table class="conflict-table">
                <thead>
                    <tr>
                        <th scope="col">"Attribute"</th>
                        <th scope="col">"When you loaded it"</th>
                        <th scope="col">"Now on the server"</th>
                        <th scope="col">"Your edit"</th>
                    </tr>
                </thead>
                <tbody>
                    {moved
                        .into_iter()
                        .map(|c| {
                            let mine = draft.with_untracked(|d| d.get(c.name).cloned());
                            view! {
                                <tr data-conflict=c.name>
                                    <th scope="row">{c.label}</th>
                                    <td>{c.was}</td>
                                    <td>{c.now}</td>
                                    <td>
                                        {if c.also_edited {
                                            mine.unwrap_or_default()
                                        } else {
                                            "—".to_string()
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| on_overwrite.run(())>
                    "Save my changes over theirs"
                </button>
                <button type="button" class="button" on:click=move |_| on_take_theirs.run(())>
                    "Discard my changes and load theirs"
                </button>
            </div>
        </section>
    }
}
