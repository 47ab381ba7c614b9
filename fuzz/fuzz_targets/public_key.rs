//! Fuzz target `public_key`: see `targets::public_key`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::public_key(data));
