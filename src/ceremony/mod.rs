//! The ceremonies as state machines, with no UI: each step validates before
//! it advances, IO sits behind the traits in `store` and the Circle client,
//! and nothing here imports egui.

mod blocking;
mod context;
pub mod documents;
mod error;
mod onboarding;

pub(crate) use blocking::blocking;
pub use context::CeremonyContext;
pub use error::CeremonyError;
pub use onboarding::{
    Onboarding, OnboardingStage, RegisterOutcome, ReviewFacts, SaveOutcome, UnverifiedRecovery,
};
