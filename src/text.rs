//! Long user-facing prose, in one place, written for a person: what
//! happened, what to do.
