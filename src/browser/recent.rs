//! Recently opened customers, for this tab only (`sessionStorage`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::browser::tab_storage;

const KEY: &str = "account-console.recent";
const KEEP: usize = 8;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentCustomer {
    pub id: String,
    pub name: String,
}

/// Newest first, without duplicates, at most [`KEEP`].
pub fn remember(list: &[RecentCustomer], opened: RecentCustomer) -> Vec<RecentCustomer> {
    std::iter::once(opened.clone())
        .chain(list.iter().filter(|c| c.id != opened.id).cloned())
        .take(KEEP)
        .collect()
}

/// The list, shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct RecentCustomers(pub RwSignal<Vec<RecentCustomer>>);

impl RecentCustomers {
    /// Provides the list; it is read again from the tab whenever the session
    /// forgets a user's data, so nothing of theirs stays in memory either.
    pub fn provide(session: crate::browser::session::Session) {
        let list = RwSignal::new(tab_storage::get_json(KEY).unwrap_or_default());
        Effect::new(move |previous: Option<u32>| {
            let now = session.forgotten.get();
            if previous.is_some_and(|p| p != now) {
                list.set(tab_storage::get_json(KEY).unwrap_or_default());
            }
            now
        });
        provide_context(RecentCustomers(list));
    }

    pub fn opened(&self, id: &str, name: &str) {
        let entry = RecentCustomer {
            id: id.to_string(),
            name: name.to_string(),
        };
        if self.0.with_untracked(|l| l.first() == Some(&entry)) {
            return;
        }
        self.0.update(|l| *l = remember(l, entry));
        tab_storage::set_json(KEY, &self.0.get_untracked());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str) -> RecentCustomer {
        RecentCustomer {
            id: id.into(),
            name: format!("Name {id}"),
        }
    }

    #[test]
    fn newest_first_no_duplicates_bounded() {
        let list = remember(&[c("a"), c("b")], c("b"));
        assert_eq!(
            list.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        let many: Vec<_> = (0..20).map(|i| c(&i.to_string())).collect();
        assert_eq!(remember(&many, c("x")).len(), KEEP);
    }

    #[test]
    fn kept_as_before() {
        let text = serde_json::to_string(&[c("a")]).unwrap();
        assert_eq!(text, r#"[{"id":"a","name":"Name a"}]"#);
        assert_eq!(
            serde_json::from_str::<Vec<RecentCustomer>>(&text).unwrap(),
            [c("a")]
        );
        assert!(serde_json::from_str::<Vec<RecentCustomer>>(r#"[{"id":"a"}]"#).is_err());
    }
}
