pub mod confirm;
pub mod field;
pub mod header;
pub mod ip_list;
pub mod require_session;
pub mod time;
pub mod unsaved;
pub mod user_picker;
