//! Fuzz target `api_key`: see `targets::api_key`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::api_key(data));
