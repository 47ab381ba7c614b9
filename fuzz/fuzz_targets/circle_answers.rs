//! Fuzz target `circle_answers`: see `targets::circle_answers`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::circle_answers(data));
