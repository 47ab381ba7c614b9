//! Widgets shared by the screens.

mod access;
mod endpoint;
mod error_box;
mod fact_row;
mod location_notes;
mod registration_facts;
mod secret_field;
mod step_indicator;
mod typed_path;
mod warning;

pub use access::{announce, describe, described_by};
pub use endpoint::endpoint_ui;
pub use error_box::{ErrorView, error_box_ui};
pub use fact_row::fact_row;
pub use location_notes::location_notes_ui;
pub use registration_facts::{recovery_warning_ui, registration_facts};
pub use secret_field::SecretField;
pub use step_indicator::{STEPS, step_indicator_ui};
pub use typed_path::typed_path_ui;
pub use warning::warning_ui;
