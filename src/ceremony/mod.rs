//! The ceremonies as state machines, with no UI.
