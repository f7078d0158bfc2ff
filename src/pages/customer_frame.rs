//! What every customer page shares: the frame of the customer's routes (its tabs), the
//! heading, banners, loading and load errors.

use std::sync::Arc;

use crate::components::page_title::PageTitle;
use leptos::prelude::*;

use crate::components::skeleton::Skeleton;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params_map;

use crate::api::ApiError;
use crate::browser::effect::{effect, memo};
use crate::browser::load::Load;
use crate::browser::recent::RecentCustomers;
use crate::browser::session::Session;
use crate::components::confirm::ConfirmDialog;
use crate::components::copy::CopyButton;
use crate::components::load_error::LoadError;
use crate::components::time::TimeText;
use crate::components::user_picker::Directory;
use crate::domain::activity::activity_href;
use crate::domain::json_text;
use crate::domain::links::{contacts_href, customer_href};
use crate::domain::permissions::{may_edit_customer, standing, Layout, Standing};
use crate::domain::user_search::UserDirectory;
use crate::model::{Contact, Customer, User};

/// The customer a `/customers/:customer_id/…` address names, provided by [`CustomerFrame`].
#[derive(Clone, Copy)]
pub struct CustomerRoute(pub Memo<String>);

impl CustomerRoute {
    /// The customer of the route (empty outside a customer route).
    pub fn id() -> Memo<String> {
        use_context::<CustomerRoute>()
            .map(|r| r.0)
            .unwrap_or_else(|| memo(String::new))
    }
}

/// The frame of a customer's pages: "Settings", "Contacts" and "Activity" (once signed in),
/// and the page of the tab (`<Outlet/>`). The frame stays while the tab changes, so the
/// tabs (and the focus on the one followed) do too; only `aria-current` moves.
#[component]
pub fn CustomerFrame() -> impl IntoView {
    let params = use_params_map();
    let id = memo(move || params.with(|p| p.get("customer_id").unwrap_or_default()));
    provide_context(CustomerRoute(id));
    let session = expect_context::<Session>();
    let signed_in = memo(move || session.user.with(Option::is_some));
    let audit_log = memo(move || session.audit_log_allowed() == Some(true));
    let activity = move || {
        audit_log.get().then(|| {
            view! {
                <A href=move || activity_href(&id.get()) exact=true>
                    "Activity"
                </A>
            }
        })
    };
    let tabs = move || {
        signed_in.get().then(|| {
            view! {
                <nav class="tabs customer-tabs" aria-label="Customer pages">
                    <A href=move || customer_href(&id.get()) exact=true>
                        "Settings"
                    </A>
                    <A href=move || contacts_href(&id.get()) exact=true>
                        "Contacts"
                    </A>
                    // The audit log is for superusers (support staff are).
                    {activity}
                </nav>
            }
        })
    };
    view! {
        {tabs}
        <Outlet />
    }
}

/// A tab's page for the customer of the route, built afresh when the address names
/// another customer (its loads, drafts and state belong to one customer).
pub fn customer_page(page: fn(String) -> AnyView) -> impl IntoView {
    let id = CustomerRoute::id();
    move || {
        let id = id.get();
        untrack(|| page(id))
    }
}

/// The heading of a customer page (name, id, read-only badge) and its banners: support
/// view (with the raw JSON), deleted. It follows `customer`, the page's loaded copy: a
/// save that renames the customer shows the new name in place.
#[component]
pub fn CustomerBanners(
    #[prop(into)] customer: Signal<Option<Customer>>,
    user: User,
) -> impl IntoView {
    let text_of = move |read: fn(&Customer) -> &str| {
        memo(move || customer.with(|c| c.as_ref().map(|c| read(c).to_string()).unwrap_or_default()))
    };
    let name = text_of(Customer::name);
    let id = text_of(Customer::id);
    // What the badge and the banners depend on.
    let standing = memo(move || {
        customer.with(|c| {
            c.as_ref().map(|c| {
                let deleted = c.is_deleted().then(|| c.time("deleted_at").cloned());
                (
                    standing(&user, c) == Standing::Support,
                    deleted,
                    !may_edit_customer(&user, c),
                )
            })
        })
    });
    let support = move || standing.with(|s| s.as_ref().is_some_and(|s| s.0));
    if let Some(recent) = use_context::<RecentCustomers>() {
        effect(move || {
            let (id, name) = (id.get(), name.get());
            if !id.is_empty() {
                recent.opened(&id, &name);
            }
        });
    }
    view! {
        <header class="customer-heading">
            <h1 data-testid="customer-name">{name}</h1>
            <p class="muted">
                "Customer ID " <code data-testid="customer-id">{id}</code> " "
                <CopyButton value=id.get_untracked() what="customer ID".to_string() />
                {move || {
                    standing
                        .with(|s| s.as_ref().is_some_and(|s| s.2))
                        .then(|| {
                            view! {
                                " "
                                <span class="badge readonly" data-testid="read-only-badge">
                                    "Read-only"
                                </span>
                            }
                        })
                }}
            </p>
        </header>
        {move || {
            support()
                .then(|| {
                    view! {
                        <div class="banner support" data-testid="support-banner" role="note">
                            "Support view of "
                            {name}
                            " ("
                            <code>{id}</code>
                            "). "
                            "This customer is not yours: everything is read-only."
                        </div>
                        <details class="card raw-json" data-testid="raw-json">
                            <summary>"Raw JSON"</summary>
                            <p class="muted">
                                "The API's answer to GET /customer/" {id} ", as received."
                            </p>
                            <pre tabindex="0" aria-label="Raw JSON of the customer">
                                <code>
                                    {move || { customer.with(|c| { c.as_ref().map(raw_json) }) }}
                                </code>
                            </pre>
                        </details>
                    }
                })
        }}
        {move || {
            standing
                .get()
                .and_then(|(_, deleted, _)| deleted)
                .map(|when| {
                    view! {
                        <div class="banner deleted" data-testid="deleted-banner" role="note">
                            {match when {
                                Some(t) => {
                                    view! {
                                        "This customer was deleted "
                                        <TimeText time=t />
                                        ". Its settings are read-only."
                                    }
                                        .into_any()
                                }
                                None => {
                                    "This customer was deleted. Its settings are read-only."
                                        .into_any()
                                }
                            }}
                        </div>
                    }
                })
        }}
    }
}

/// The customer's answer as received, laid out for reading without being read again: key
/// order, duplicate keys, big integers and `__proto__` as sent. (A customer that came from
/// no answer shows its value.)
fn raw_json(customer: &Customer) -> String {
    if customer.raw_text.is_empty() {
        json_text::indent(&customer.raw.to_string())
    } else {
        json_text::indent(&customer.raw_text)
    }
}

#[component]
pub fn CustomerLoading() -> impl IntoView {
    view! { <Skeleton label="Loading customer" parts=&["line wide", "line", "block", "block"] /> }
}

/// A customer page's body, built once per [`Layout`] (who may change what of this customer;
/// untracked, so a save or a conflict changes values in place, never the controls); until
/// the customer is loaded its skeleton, or why it could not be loaded with "Try again".
pub fn laid_out<V: IntoView + 'static>(
    layout: Memo<Option<Layout>>,
    data: CustomerData,
    body: impl Fn(Layout) -> V + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || {
        if let Some(layout) = layout.get() {
            return untrack(|| body(layout)).into_any();
        }
        match data.customer.get() {
            Some(Err(e)) => {
                view! { <CustomerLoadError error=e on_retry=data.retry_customer() /> }.into_any()
            }
            _ => view! { <CustomerLoading /> }.into_any(),
        }
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
        use_context::<CustomerData>()
            .unwrap_or_else(|| CustomerData::load(CustomerRoute::id().get_untracked(), false))
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
