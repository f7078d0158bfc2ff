//! Account activity: the customer's audit events, newest first, narrowed by the filters
//! in the page's address, a page at a time ("Load more").

mod activity_filters;
mod event_list;

use leptos::prelude::*;

use crate::browser::effect::memo;
use crate::browser::load::Load;
use crate::browser::recent::RecentCustomers;
use crate::browser::session::Session;
use crate::components::copy::CopyButton;
use crate::components::load_error::InlineLoadError;
use crate::components::page_title::PageTitle;
use crate::components::require_session::SignedIn;
use crate::components::user_picker::Directory;
use crate::domain::activity::{ActivityFilter, PAGE_SIZE};
use crate::domain::permissions::may_read_audit_log;
use crate::domain::timefmt::day_instant;
use crate::model::{EventPage, User};
use crate::pages::customer_frame::CustomerRoute;
use crate::pages::customer_frame::{directory_of, load_users};
use activity_filters::*;
use event_list::*;
use leptos_router::hooks::use_query_map;

/// What the activity page loads: the first page of events for the address's filters, and
/// the customer's users for names (two requests, in parallel with `GET /current_user`).
#[derive(Clone, Copy)]
pub struct ActivityData {
    pub customer_id: Memo<String>,
    /// The filters in the address, and what in them could not be used.
    pub filter: Memo<(ActivityFilter, Vec<String>)>,
    /// The Events API query of the first page (`None`: the filters cannot be asked for).
    pub query: Memo<Option<String>>,
    /// The first page, with the query it answers (the filters may have changed since).
    pub first: Load<(Option<String>, EventPage)>,
    pub directory: Directory,
    pub users: Load<Vec<User>>,
}

impl ActivityData {
    /// Starts loading for the route (see `CustomerData::for_route`).
    pub fn for_route(id: String) {
        provide_context(ActivityData::load(id));
    }

    fn of_route() -> Self {
        use_context::<ActivityData>()
            .unwrap_or_else(|| ActivityData::load(CustomerRoute::id().get_untracked()))
    }

    fn load(id: String) -> Self {
        let session = expect_context::<Session>();
        let query = use_query_map();
        let customer_id = memo(move || id.clone());
        let filter = memo(move || query.with(|q| ActivityFilter::from_params(|name| q.get(name))));
        let query = memo(move || {
            filter.with(|(f, _)| {
                f.problem()
                    .is_none()
                    .then(|| customer_id.with(|id| f.api_query(id, PAGE_SIZE, day_instant)))
            })
        });
        // The audit log is for superusers: nothing is asked of `/events` until the user (or
        // this tab's note of them) says they may read it, and never for anyone else.
        let allowed = memo(move || session.audit_log_allowed());
        let first = Load::new(move || {
            let (query, _, allowed) = (query.get(), session.has_token(), allowed.get());
            async move {
                if allowed != Some(true) {
                    // Answered by a later question, once the user is known (or never).
                    std::future::pending::<()>().await;
                }
                session
                    .call(move |api| async move {
                        let page = match &query {
                            Some(q) => api.events(q).await?,
                            None => EventPage::default(),
                        };
                        Ok((query, page))
                    })
                    .await
            }
        });
        let users = load_users(session, customer_id);
        ActivityData {
            customer_id,
            filter,
            query,
            first,
            directory: directory_of(users),
            users,
        }
    }
}

#[component]
pub fn ActivityPage(me: SignedIn) -> impl IntoView {
    let data = ActivityData::of_route();
    let id = data.customer_id.get_untracked();
    let name = use_context::<RecentCustomers>().and_then(|recent| {
        recent
            .0
            .with_untracked(|l| l.iter().find(|c| c.id == id).map(|c| c.name.clone()))
    });
    let title = match &name {
        Some(name) => format!("Activity · {name}"),
        None => format!("Activity · {id}"),
    };
    let foreign = me.user().customer_id != id;
    let allowed = may_read_audit_log(me.user());
    let role = me.user().role.label().to_string();
    view! {
        <div class="page activity-page">
            <PageTitle text=title />
            <header class="customer-heading">
                <h1>"Account activity"</h1>
                <p class="muted">
                    {name.map(|n| format!("{n} · "))} "Customer ID "
                    <code data-testid="customer-id">{id.clone()}</code> " "
                    <CopyButton value=id.clone() what="customer ID".to_string() />
                </p>
            </header>
            {foreign
                .then(|| {
                    view! {
                        <div class="banner support" data-testid="support-banner" role="note">
                            "Support view: this customer is not yours. Its activity is shown read-only."
                        </div>
                    }
                })}
            // Without the users the events still list, with user ids for names.
            {move || {
                data.users
                    .error()
                    .map(|e| {
                        view! {
                            <InlineLoadError
                                what="Could not load the users: events show user ids instead of names."
                                error=e
                                on_retry=Callback::new(move |_| data.users.refetch())
                            />
                        }
                    })
            }}
            {if allowed {
                view! {
                    <ActivityFilters data=data />
                    <EventList data=data />
                }
                    .into_any()
            } else {
                view! {
                    <p class="card notice" role="note" data-testid="activity-not-allowed">
                        "Account activity (Fastly's audit log) is for superusers, the account owner included when a superuser. Your role is "
                        {role}
                        ". Ask a superuser of this account to look, or to change your role."
                    </p>
                }
                    .into_any()
            }}
        </div>
    }
}
