//! Fuzz target `ceremony_log`: see `targets::ceremony_log`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::ceremony_log(data));
