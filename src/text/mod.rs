//! Every sentence a person reads, in one tree: what happened and what to do,
//! grouped by what it is about. Code elsewhere names a constant or calls a
//! function here; a test fails on long prose written anywhere else.
//!
//! Policy numbers (days between rotations, the warning window) are not
//! written into the prose: they come from [`crate::policy`].

pub mod ceremony;
pub mod check;
pub mod circle;
pub mod cli;
pub mod console;
pub mod dialog;
pub mod documents;
pub mod handoff;
pub mod harden;
pub mod home;
pub mod keychain;
pub mod location;
pub mod log;
pub mod not_yet;
pub mod records;
pub mod recovery;
pub mod secret;
pub mod simulator;
pub mod status;
pub mod window;
pub mod wizard;

/// The product's name, as in the window title.
pub const APP_NAME: &str = "Entity Secret Wizard";
