//! Fuzz target `error_body`: see `targets::error_body`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::error_body(data));
