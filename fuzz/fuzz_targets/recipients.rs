//! Fuzz target `recipients`: see `targets::recipients`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::recipients(data));
