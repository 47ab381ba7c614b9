//! One file per screen. Each is a `…_ui(&mut self, ui)` method of the wizard
//! that renders the last snapshot and sends commands; none does IO.

mod already_registered;
mod api_key;
mod destination;
mod done;
mod keychain;
mod outcome_unknown;
mod registering;
mod review;
mod secret;
mod start;
mod stored;
