//! One file per screen. Each is a `…_ui(&mut self, ui)` method of the wizard
//! that renders the last snapshot and sends commands; none does IO. The
//! home screen's lists and the parts several screens share (documents,
//! Circle's key from a file) have files of their own.

mod already_registered;
mod api_key;
mod ciphertext;
mod destination;
mod discard;
mod documents;
mod done;
mod finish;
mod key_source;
mod keychain;
mod outcome_unknown;
mod registering;
mod registration_list;
mod review;
mod secret;
mod start;
mod stored;
mod stray_list;
mod unfinished_list;
