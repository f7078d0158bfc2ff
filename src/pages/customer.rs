use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::session::Session;

#[component]
pub fn CustomerPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let params = use_params_map();
    let customer_id = move || params.with(|p| p.get("customer_id").unwrap_or_default());
    let customer = LocalResource::new(move || {
        let id = customer_id();
        session.call(move |api| async move { api.customer(&id).await })
    });

    move || match customer.get() {
        None => view! { <div class="skeleton-page" aria-busy="true" aria-label="Loading customer"><div class="skeleton line wide"></div><div class="skeleton block"></div></div> }.into_any(),
        Some(Err(e)) => view! {
            <Title text="Customer"/>
            <section class="card" role="alert"><h1>"Could not load this customer"</h1><p>{e.describe()}</p></section>
        }.into_any(),
        Some(Ok(c)) => view! {
            <Title text=c.name().to_string()/>
            <section class="card">
                <h1 data-testid="customer-name">{c.name().to_string()}</h1>
                <p class="muted">"Customer ID " <code data-testid="customer-id">{c.id().to_string()}</code></p>
            </section>
        }.into_any(),
    }
}
