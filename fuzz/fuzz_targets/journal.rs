//! Fuzz target `journal`: see `targets::journal`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::journal(data));
