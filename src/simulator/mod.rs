//! A simulated Circle on loopback: rehearsal mode and tests.
