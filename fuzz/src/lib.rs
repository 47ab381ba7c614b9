//! Fuzz targets for Entity Secret Wizard: every parser of text from outside
//! (Circle's answers and errors, keys, secrets, the app's own files). The
//! binaries in `fuzz_targets/` are one line each; the bodies are in
//! [`targets`], shared with the main crate's regression test.

pub mod targets;
