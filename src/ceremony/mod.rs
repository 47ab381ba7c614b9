//! The ceremonies as state machines, with no UI: each step validates before
//! it advances, IO sits behind the traits in `store` and the Circle client,
//! and nothing here imports egui.
//!
//! - [`Deps`] and [`CeremonyContext::open`]: what the faces give, and the one
//!   place a context is built from it;
//! - `bookkeeping`: journal, ceremony log and records of one ceremony;
//! - [`steps`]: the steps every ceremony is made of;
//! - [`Onboarding`]: the first registration, composed of those steps;
//! - [`status`]: what this computer knows, and the way forward for each item;
//! - [`HandoffSession`]: the secret encrypted with age for the servers;
//! - [`documents`]: the calendar reminder and the ceremony record.

mod blocking;
mod bookkeeping;
mod check;
pub mod console;
mod context;
mod deps;
mod discard;
pub mod documents;
mod error;
mod finishing;
mod handoff;
mod on_demand;
mod onboarding;
mod place;
mod retired;
pub mod status;
pub mod steps;

pub(crate) use blocking::blocking;
pub use bookkeeping::{Bookkeeping, LogLine};
pub use check::{CheckAnswer, CheckSession, CheckSubject, Settled};
pub use context::{CeremonyContext, Mode};
pub use deps::{Deps, REHEARSAL_KEY_FILE, SimulatorSource, StoreFactory};
pub use discard::{Discard, DiscardTarget, dismiss};
pub use error::CeremonyError;
pub use finishing::{Finishing, LeftBehind};
pub use handoff::{Handed, HandoffRequest, HandoffSession, HandoffTarget, handoff_files};
pub use on_demand::CiphertextSession;
pub use onboarding::{
    Onboarding, OnboardingStage, RegisterOutcome, ReviewFacts, SaveOutcome, UnverifiedRecovery,
};
pub use place::ChosenPlace;
pub use retired::RetiredDeletion;
