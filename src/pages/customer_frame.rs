//! What every customer page shares: the heading, banners, loading and load errors.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::browser::dom::{el, frag, text, Dom, El};
use crate::browser::effect::memo;
use crate::browser::load::Load;
use crate::browser::recent::RecentCustomers;
use crate::browser::router::use_location;
use crate::browser::session::Session;
use crate::components::confirm::confirm_dialog;
use crate::components::copy::copy_button;
use crate::components::load_error::load_error;
use crate::components::page_title::page_title;
use crate::components::skeleton::skeleton;
use crate::components::time::time_text;
use crate::components::user_picker::Directory;
use crate::domain::navigation::customer_in_path;
use crate::domain::permissions::{may_edit_customer, standing, Standing};
use crate::domain::user_search::UserDirectory;
use crate::model::{json, Contact, Customer, User};

fn banner(class: &str) -> El {
    el("div")
        .class(class)
        .attr("data-testid", "deleted-banner")
        .attr("role", "note")
}

/// The heading of a customer page (name, id, read-only badge) and its banners: support
/// view (with the raw JSON), deleted.
pub fn customer_banners(customer: &Customer, user: &User) -> Dom {
    let support = standing(user, customer) == Standing::Support;
    let deleted = customer
        .time("deleted_at")
        .cloned()
        .filter(|_| customer.is_deleted());
    let read_only = !may_edit_customer(user, customer);
    if let Some(recent) = use_context::<RecentCustomers>() {
        recent.opened(customer.id(), customer.name());
    }
    let id = customer.id();
    let heading = el("header")
        .class("customer-heading")
        .child(
            el("h1")
                .attr("data-testid", "customer-name")
                .text(customer.name()),
        )
        .child(
            el("p")
                .class("muted")
                .text("Customer ID ")
                .child(el("code").attr("data-testid", "customer-id").text(id))
                .text(" ")
                .child(copy_button(id.to_string(), "customer ID"))
                .child(read_only.then(|| {
                    frag(vec![
                        text(" "),
                        el("span")
                            .class("badge readonly")
                            .attr("data-testid", "read-only-badge")
                            .text("Read-only")
                            .into(),
                    ])
                })),
        );
    let support_banner = support.then(|| {
        el("div")
            .class("banner support")
            .attr("data-testid", "support-banner")
            .attr("role", "note")
            .text("Support view of ")
            .text(customer.name())
            .text(" (")
            .child(el("code").text(id))
            .text("). ")
            .text("This customer is not yours: everything is read-only.")
    });
    let raw_json = support.then(|| {
        el("details")
            .class("card raw-json")
            .attr("data-testid", "raw-json")
            .child(el("summary").text("Raw JSON"))
            .child(
                el("p")
                    .class("muted")
                    .text("The API's answer to GET /customer/")
                    .text(id)
                    .text(", as received."),
            )
            .child(
                el("pre")
                    .attr("tabindex", "0")
                    .attr("aria-label", "Raw JSON of the customer")
                    .child(el("code").text(&json::text(&customer.raw, true))),
            )
    });
    let deleted_banner = match deleted {
        Some(t) => Some(
            banner("banner deleted")
                .text("This customer was deleted ")
                .child(time_text(t))
                .text(". Its settings are read-only."),
        ),
        None => customer.is_deleted().then(|| {
            banner("banner deleted").text("This customer was deleted. Its settings are read-only.")
        }),
    };
    frag(vec![
        heading.into(),
        support_banner.into(),
        raw_json.into(),
        deleted_banner.into(),
    ])
}

/// The page's skeleton while the customer loads.
pub fn customer_loading() -> El {
    skeleton("Loading customer", &["line wide", "line", "block", "block"])
}

/// The customer could not be loaded: why, and "Try again".
pub fn customer_load_error(error: ApiError, on_retry: Callback<()>) -> El {
    let (title, explanation) = match &error {
        ApiError::NotFound { .. } => ("Customer not found", Some("This customer does not exist, or it is not visible to this token.")),
        ApiError::Forbidden { .. } => ("Not allowed", Some("Your role does not allow you to see this customer. Viewing a company's account needs a user of that company (any role), or support staff.")),
        _ => ("Could not load this customer", None),
    };
    page_title(title);
    load_error(title, error, on_retry, explanation.map(String::from))
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
pub fn owner_change_dialog(
    old: Option<String>,
    new: Option<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> Dom {
    let name = |n: Option<String>| el("strong").text(&n.unwrap_or_else(|| "nobody".into()));
    confirm_dialog(
        "Change the account owner?",
        "Change owner",
        on_confirm,
        on_cancel,
        None,
        frag(vec![
            el("p")
                .attr("data-testid", "owner-change")
                .text("The account owner will change from ")
                .child(name(old))
                .text(" to ")
                .child(name(new))
                .text(".")
                .into(),
            el("p")
                .text("The owner can change every company setting. Make sure the new owner expects this.")
                .into(),
        ]),
    )
}
