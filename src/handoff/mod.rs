//! The handoff to servers: the entity secret encrypted with age to the
//! public keys of the people or machines that deploy it, so that what
//! travels is a file only they can open, never the secret itself on a
//! clipboard or in a chat.
//!
//! One concept per file:
//!
//! - [`parse_recipients`] and [`read_recipients_file`]: recipients from
//!   pasted text or a file, each line checked, a private key refused;
//! - [`Recipient`]: one public key (age X25519, `ssh-ed25519`, `ssh-rsa`)
//!   with its fingerprint and an optional name;
//! - [`seal`]: the secret's 64 hex characters encrypted to all of them,
//!   binary or armored;
//! - [`default_file_name`]: what the file is offered as;
//! - [`classify`] and [`handoff_files`]: which recorded files carry the
//!   active secret, a pending one, or one that no longer works.
//!
//! The ceremony that reads the secret, writes the file and records it is
//! [`crate::ceremony::HandoffSession`]; every sentence is in
//! [`crate::text::handoff`].

mod carries;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod naming;
mod parse;
mod problems;
mod recipient;
mod recipients_file;
mod seal;
mod ssh_wire;

pub use carries::{Carries, HandoffFile, classify, handoff_files};
pub use error::{HandoffError, PendingRefusal};
pub use naming::default_file_name;
pub use parse::{MAX_RECIPIENTS, MAX_TEXT_BYTES, parse_recipients};
pub use problems::{LineProblem, OtherSshKey, PrivateKeyKind, Problem, RecipientsError};
pub use recipient::{MAX_NAME_CHARS, Recipient, RecipientKind};
pub use recipients_file::read_recipients_file;
pub use seal::{HandoffFormat, seal};
