//! The HTTP client for the Circle endpoints in PROTOCOL.md, and its error mapping.
