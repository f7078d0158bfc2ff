pub mod activity;
pub mod contacts;
pub mod customer_frame;
pub mod home;
pub mod not_found;
pub mod settings;
pub mod sign_in;
