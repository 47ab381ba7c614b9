//! One file per screen. Each is a `…_ui(&mut self, ui)` method of the wizard
//! that renders the last snapshot and sends commands; none does IO. The
//! home screen's lists and the parts several screens share (documents,
//! Circle's key from a file, an API key, a new secret, a ciphertext, a
//! typed fingerprint) have files of their own; the Console ceremonies have
//! a folder, a file per step.

mod already_registered;
mod api_key;
mod api_key_entry;
mod check;
mod ciphertext;
mod ciphertext_block;
mod console;
mod destination;
mod discard;
mod documents;
mod done;
mod finish;
mod handoff;
mod handoff_offer;
mod key_source;
mod keychain;
mod outcome_unknown;
mod registering;
mod registration_list;
mod review;
mod secret;
mod secret_parts;
mod start;
mod stored;
mod stray_list;
mod typed_fingerprint;
mod unfinished_list;
