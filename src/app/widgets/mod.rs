//! Widgets shared by the screens.

mod error_box;
mod fact_row;
mod registration_facts;
mod secret_field;
mod step_indicator;

pub use error_box::{ErrorView, error_box_ui};
pub use fact_row::fact_row;
pub use registration_facts::registration_facts;
pub use secret_field::SecretField;
pub use step_indicator::step_indicator_ui;
