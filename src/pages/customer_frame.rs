//! What every customer page shares: the heading, banners, loading and load errors.

use std::sync::Arc;

use crate::components::page_title::PageTitle;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::browser::effect::memo;
use crate::browser::load::Load;
use crate::browser::recent::RecentCustomers;
use crate::browser::router::use_location;
use crate::browser::session::Session;
use crate::components::confirm::ConfirmDialog;
use crate::components::copy::CopyButton;
use crate::components::load_error::LoadError;
use crate::components::time::TimeText;
use crate::components::user_picker::Directory;
use crate::domain::navigation::customer_in_path;
use crate::domain::permissions::{may_edit_customer, standing, Standing};
use crate::domain::user_search::UserDirectory;
use crate::model::{Contact, Customer, User};

#[component]
pub fn CustomerBanners(customer: Customer, user: User) -> impl IntoView {
    let support = standing(&user, &customer) == Standing::Support;
    let deleted = customer
        .time("deleted_at")
        .cloned()
        .filter(|_| customer.is_deleted());
    let read_only = !may_edit_customer(&user, &customer);
    if let Some(recent) = use_context::<RecentCustomers>() {
        recent.opened(customer.id(), customer.name());
    }
    let raw_json = support.then(|| serde_json::to_string_pretty(&customer.raw).unwrap_or_default());
    view! {
        <header class="customer-heading">
            <h1 data-testid="customer-name">{customer.name().to_string()}</h1>
            <p class="muted">
                "Customer ID " <code data-testid="customer-id">{customer.id().to_string()}</code>
                " " <CopyButton value=customer.id().to_string() what="customer ID".to_string() />
                {read_only
                    .then(|| {
                        view! {
                            " "
                            <span class="badge readonly" data-testid="read-only-badge">
                                "Read-only"
                            </span>
                        }
                    })}
            </p>
        </header>
        {support
            .then(|| {
                view! {
                    <div class="banner support" data-testid="support-banner" role="note">
                        "Support view of "
                        {customer.name().to_string()}
                        " ("
                        <code>{customer.id().to_string()}</code>
                        "). "
                        "This customer is not yours: everything is read-only."
                    </div>
                }
            })}
        {raw_json
            .map(|json| {
                view! {
                    <details class="card raw-json" data-testid="raw-json">
                        <summary>"Raw JSON"</summary>
                        <p class="muted">
                            "The API's answer to GET /customer/" {customer.id().to_string()}
                            ", as received."
                        </p>
                        <pre tabindex="0" aria-label="Raw JSON of the customer">
                            <code>{json}</code>
                        </pre>
                    </details>
                }
            })}
        {deleted
            .map(|t| {
                view! {
                    <div class="banner deleted" data-testid="deleted-banner" role="note">
                        "This customer was deleted "
                        <TimeText time=t />
                        ". Its settings are read-only."
                    </div>
                }
            })}
        {(customer.is_deleted() && customer.time("deleted_at").is_none())
            .then(|| {
                view! {
                    <div class="banner deleted" data-testid="deleted-banner" role="note">
                        "This customer was deleted. Its settings are read-only."
                    </div>
                }
            })}
    }
}

#[component]
pub fn CustomerLoading() -> impl IntoView {
    view! {
        <div class="skeleton-page" aria-busy="true" aria-label="Loading customer">
            <div class="skeleton line wide"></div>
            <div class="skeleton line"></div>
            <div class="skeleton block"></div>
            <div class="skeleton block"></div>
        </div>
    }
}

/// The customer could not be loaded: why, and "Try again".
#[component]
pub fn CustomerLoadError(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let (title, explanation) = match &error {
        ApiError::NotFound { .. } => ("Customer not found", Some("This customer does not exist, or it is not visible to this token.")),
        ApiError::Forbidden { .. } => ("Not allowed", Some("Your role does not allow you to see this customer. Viewing a company's account needs a user of that company (any role), or support staff.")),
        _ => ("Could not load this customer", None),
    };
    view! {
        <PageTitle text=title />
        <LoadError
            title=title
            error=error
            on_retry=on_retry
            explanation=explanation.map(String::from)
        />
    }
}

/// What a customer page loads: the customer of the route and its users
/// (two requests, made once per visit, in parallel). The route starts them
/// ([`CustomerData::for_route`]) alongside `GET /current_user`, before the
/// page itself can be shown.
#[derive(Clone, Copy)]
pub struct CustomerData {
    pub customer_id: Memo<String>,
    pub customer: Load<Customer>,
    /// The users, indexed for the pickers, once loaded; a failed reload keeps the last.
    pub directory: Directory,
    /// Why the users could not be loaded (the last attempt).
    pub users_error: Signal<Option<ApiError>>,
    users: Load<Vec<User>>,
    /// The company contacts, on the contacts route.
    pub contacts: Option<CompanyContactsLoad>,
}

pub type CompanyContactsLoad = Load<Vec<Contact>>;

impl CustomerData {
    /// Starts loading customer `id` for the route's page, which finds it with
    /// [`CustomerData::of_route`]; `with_contacts`: the company contacts too.
    pub fn for_route(id: String, with_contacts: bool) {
        provide_context(CustomerData::load(id, with_contacts));
    }

    /// What the route started loading (or, outside such a route, the customer of the path).
    pub fn of_route() -> Self {
        use_context::<CustomerData>().unwrap_or_else(|| {
            let path = use_location().pathname.get_untracked();
            CustomerData::load(customer_in_path(&path).unwrap_or_default(), false)
        })
    }

    /// The company contacts: what the route started loading, or a fresh load.
    pub fn company_contacts(&self) -> CompanyContactsLoad {
        self.contacts
            .unwrap_or_else(|| load_contacts(expect_context::<Session>(), self.customer_id))
    }

    fn load(id: String, with_contacts: bool) -> Self {
        let session = expect_context::<Session>();
        let customer_id = memo(move || id.clone());
        // Both follow the token too: signing in again after a 401 reads them afresh.
        let customer = Load::new(move || {
            let (id, _) = (customer_id.get(), session.has_token());
            session.call(move |api| async move { api.customer(&id).await })
        });
        let users = load_users(session, customer_id);
        CustomerData {
            customer_id,
            customer,
            directory: directory_of(users),
            users_error: Signal::derive(move || users.error()),
            users,
            contacts: with_contacts.then(|| load_contacts(session, customer_id)),
        }
    }

    /// Asks for the customer again (after a failed load).
    pub fn retry_customer(&self) -> Callback<()> {
        let customer = self.customer;
        Callback::new(move |_| customer.refetch())
    }

    /// Asks for the users again (after a failed load).
    pub fn retry_users(&self) -> Callback<()> {
        let users = self.users;
        Callback::new(move |_| users.refetch())
    }

    /// A user's name for messages; the id itself when it matches nobody.
    pub fn user_name(&self, id: Option<&str>) -> Option<String> {
        let id = id.filter(|s| !s.is_empty())?;
        let directory = self.directory;
        Some(untrack(|| name_in(directory, id)).unwrap_or_else(|| id.to_string()))
    }
}

/// A customer's users (they follow the token too).
pub fn load_users(session: Session, customer_id: Memo<String>) -> Load<Vec<User>> {
    Load::new(move || {
        let (id, _) = (customer_id.get(), session.has_token());
        session.call(move |api| async move { api.users(&id).await })
    })
}

/// The users indexed for pickers and names: once per answer (10,000 users), compared by
/// identity; a failed reload keeps the last list.
pub fn directory_of(users: Load<Vec<User>>) -> Directory {
    Memo::new_with_compare(
        move |last: Option<&Option<Arc<UserDirectory>>>| match users.get() {
            Some(Ok(list)) => Some(Arc::new(UserDirectory::new(list))),
            _ => last.cloned().flatten(),
        },
        |a, b| match (a, b) {
            (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
            (a, b) => a.map(Option::is_some) != b.map(Option::is_some),
        },
    )
    .into()
}

/// A user's name from the directory, when the id is one of the customer's users (tracked).
pub fn name_in(directory: Directory, id: &str) -> Option<String> {
    directory.with(|d| {
        d.as_ref()
            .and_then(|d| d.find(id))
            .map(|u| u.display_name().to_string())
    })
}

fn load_contacts(session: Session, customer_id: Memo<String>) -> CompanyContactsLoad {
    Load::new(move || {
        let (id, _) = (customer_id.get(), session.has_token());
        session.call(move |api| async move { api.contacts(&id).await })
    })
}

/// Changing the account owner is confirmed first, naming the old and the new owner.
#[component]
pub fn OwnerChangeDialog(
    old: Option<String>,
    new: Option<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <ConfirmDialog
            title="Change the account owner?"
            confirm_label="Change owner"
            on_confirm=on_confirm
            on_cancel=on_cancel
        >
            <p data-testid="owner-change">
                "The account owner will change from "
                <strong>{old.unwrap_or_else(|| "nobody".into())}</strong> " to "
                <strong>{new.unwrap_or_else(|| "nobody".into())}</strong> "."
            </p>
            <p>
                "The owner can change every company setting. Make sure the new owner expects this."
            </p>
        </ConfirmDialog>
    }
}
