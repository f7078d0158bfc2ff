pub mod header;
pub mod require_session;
