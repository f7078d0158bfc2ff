//! State that lives in the browser tab: the session, the tab's storage, unsaved
//! edits and their review, the save protocol, recent customers, the panic banner.

pub mod crash;
pub mod draft_store;
pub mod editing;
pub mod effect;
pub mod load;
pub mod recent;
pub mod save;
pub mod session;
pub mod tab_storage;
pub mod task;
pub mod undo;
