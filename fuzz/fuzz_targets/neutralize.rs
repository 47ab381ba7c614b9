//! Fuzz target `neutralize`: see `targets::neutralize`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::neutralize(data));
