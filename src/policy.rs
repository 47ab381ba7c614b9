//! The product's policy numbers, each defined once. Prose that mentions one
//! formats it from here, so a change cannot leave a sentence behind.

use std::time::Duration;

/// Days from a registration (or rotation, or reset) to the next rotation.
pub const ROTATION_PERIOD_DAYS: i64 = 180;

/// Days before the rotation date from which it is shown as due soon, and
/// when the calendar reminder's alarm rings.
pub const DUE_SOON_DAYS: i64 = 14;

/// How long a revealed secret stays on screen.
pub const REVEAL_FOR: Duration = Duration::from_secs(30);

/// How long a copied secret or ciphertext stays on the clipboard.
pub const CLIPBOARD_CLEAR_AFTER: Duration = Duration::from_secs(30);
