//! Fuzz target `secret_hex`: see `targets::secret_hex`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| entity_secret_wizard_fuzz::targets::secret_hex(data));
