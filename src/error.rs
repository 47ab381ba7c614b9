//! What every error a person can see must carry: what happened, and what to do.

/// An error that can be shown to a person.
///
/// `Display` (from `thiserror`) says what happened in one sentence; `next_step`
/// says what to do about it. Neither ever contains secret material.
pub trait Explain: std::error::Error {
    /// One or two sentences telling the person what to do next.
    fn next_step(&self) -> String;

    /// The Circle request id of the call that failed, when there was one, so
    /// that Circle support can find the request.
    fn request_id(&self) -> Option<&str> {
        None
    }
}

/// Render an error as the two-part text a person reads, with the request id
/// appended where there is one.
pub fn explain(error: &dyn Explain) -> String {
    let mut out = format!("{error}\n{}", error.next_step());
    if let Some(id) = error.request_id() {
        out.push_str(&format!("\nCircle request id: {id}"));
    }
    out
}
