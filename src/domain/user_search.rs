//! Finding users fast among thousands: a lower-cased index built once per load,
//! and a ranked filter over it (prefix matches first, then substring).

use crate::domain::words::lowercase;
use std::collections::HashMap;

use crate::model::User;

/// Lower-cased "name login" of each user, in the users' order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserIndex {
    haystacks: Vec<String>,
}

impl UserIndex {
    pub fn new(users: &[User]) -> Self {
        UserIndex {
            haystacks: users
                .iter()
                .map(|u| lowercase(&format!("{} {}", u.name, u.login)))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }

    /// Positions of the users matching every word of `query`, best first:
    /// users where every word starts a word of the name or login, then the rest, each in list order.
    /// An empty query matches everyone.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let words: Vec<String> = query.split_whitespace().map(lowercase).collect();
        if words.is_empty() {
            return (0..self.haystacks.len()).collect();
        }
        let mut starts = Vec::new();
        let mut contains = Vec::new();
        for (i, hay) in self.haystacks.iter().enumerate() {
            if words.iter().all(|w| hay.contains(w.as_str())) {
                let at_word_start = |w: &String| {
                    hay.split([' ', '@', '.', '-', '_'])
                        .any(|part| part.starts_with(w.as_str()))
                };
                if words.iter().all(at_word_start) {
                    starts.push(i);
                } else {
                    contains.push(i);
                }
            }
        }
        starts.extend(contains);
        starts
    }
}

/// A customer's users with their search index, loaded once per page visit.
#[derive(Debug, Default)]
pub struct UserDirectory {
    pub users: Vec<User>,
    pub index: UserIndex,
    positions: HashMap<String, usize>,
}

impl UserDirectory {
    pub fn new(users: Vec<User>) -> Self {
        let index = UserIndex::new(&users);
        let positions = users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        UserDirectory {
            users,
            index,
            positions,
        }
    }

    pub fn find(&self, id: &str) -> Option<&User> {
        self.positions.get(id).map(|&i| &self.users[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn users(list: &[(&str, &str)]) -> Vec<User> {
        list.iter()
            .enumerate()
            .map(|(i, (name, login))| {
                User::from_json(&json!({"id": format!("u{i}"), "name": name, "login": login}))
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn matches_name_and_login_case_insensitively() {
        let u = users(&[
            ("Ada Okafor", "ada@acme.example"),
            ("Ravi Shah", "ravi@acme.example"),
            ("Bill Moreno", "bill.moreno@acme.example"),
        ]);
        let index = UserIndex::new(&u);
        assert_eq!(index.search("RAVI"), [1]);
        assert_eq!(index.search("moreno@"), [2]);
        assert_eq!(index.search("acme"), [0, 1, 2]);
        assert_eq!(index.search(""), [0, 1, 2]);
        assert!(index.search("zed").is_empty());
    }

    #[test]
    fn every_word_must_match_and_prefixes_rank_first() {
        let u = users(&[
            ("Mara Okafor", "mara@x.example"),
            ("Okafor Ada", "ok@x.example"),
            ("Ada Okafor", "ada@x.example"),
        ]);
        let index = UserIndex::new(&u);
        assert_eq!(
            index.search("ada okafor"),
            [1, 2],
            "both have both words; list order kept within a rank"
        );
        assert_eq!(index.search("oka"), [0, 1, 2]);
        // "afor" is only inside words: substring matches still count, after prefix ones.
        let u = users(&[("Zafor", "z@x"), ("Afor Q", "a@x")]);
        assert_eq!(UserIndex::new(&u).search("afor"), [1, 0]);
    }

    #[test]
    fn ten_thousand_users_filter_correctly() {
        let many: Vec<User> = (0..10_000).map(|i| User::from_json(&json!({"id": format!("u{i}"), "name": format!("User {i:05}"), "login": format!("user{i}@globex.example")})).unwrap()).collect();
        let index = UserIndex::new(&many);
        assert_eq!(index.len(), 10_000);
        let hits = index.search("user 0999");
        // "0999" is inside User 00999 and starts User 09990..09999: prefixes first.
        let names: Vec<&str> = hits.iter().map(|&i| many[i].name.as_str()).collect();
        assert_eq!(names.len(), 11);
        assert!(
            names[..10].iter().all(|n| n.starts_with("User 0999")),
            "{names:?}"
        );
        assert_eq!(names[10], "User 00999");
        assert_eq!(index.search("user9999@").len(), 1);
    }
}
