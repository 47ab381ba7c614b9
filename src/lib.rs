//! Entity Secret Wizard: the core that every face of the product stands on.
//!
//! The module tree only; each module documents its own concept.

#[cfg(feature = "gui")]
pub mod app;
pub mod build_info;
pub mod ceremony;
pub mod circle;
pub mod cli;
pub mod clock;
#[cfg(feature = "gui")]
pub mod desktop_identity;
pub mod error;
pub mod handoff;
pub mod harden;
pub mod policy;
pub mod secret;
pub mod simulator;
pub mod store;
pub mod text;
pub mod untrusted;
