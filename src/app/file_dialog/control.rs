//! What the window can do about a dialog while it is open: show it again,
//! or give up on it and type a path; and which window the dialogs belong
//! to.

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use tokio::sync::Notify;

/// How long the dialog service may take to take a request. Not how long a
/// person may take to answer: that is as long as they like.
pub(super) const ACCEPT_WITHIN: Duration = Duration::from_secs(10);

/// What the person wants of an open dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    /// Close it and open it again (it went behind the window, or is lost).
    ShowAgain,
    /// Close it; the person types the path instead.
    GiveUp,
}

/// The window the dialogs belong to, as the desktop portal names it
/// (`x11:<XID>`, `wayland:<handle>`): the portal keeps its dialog above
/// that window. It holds whatever keeps the name valid (an exported
/// Wayland surface is unexported when dropped).
pub struct ParentWindow {
    name: String,
    _keep: Box<dyn Send + Sync>,
}

impl ParentWindow {
    /// A parent named `name`, valid while `keep` lives.
    pub fn new(name: String, keep: Box<dyn Send + Sync>) -> Self {
        Self { name, _keep: keep }
    }

    /// The portal's name for the window.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Shared by the window (which says what the person wants) and the dialog
/// in progress (which acts on it).
#[derive(Default)]
pub struct DialogControl {
    wish: Mutex<Option<Wish>>,
    wished: Notify,
    parent: OnceLock<ParentWindow>,
}

impl DialogControl {
    /// Tell the open dialog what the person wants. Nothing happens if no
    /// dialog is open (a stale wish is dropped when the next one opens).
    pub fn wish(&self, wish: Wish) {
        if let Ok(mut slot) = self.wish.lock() {
            *slot = Some(wish);
        }
        self.wished.notify_one();
    }

    /// Forget a wish made while no dialog was open.
    pub fn clear(&self) {
        if let Ok(mut slot) = self.wish.lock() {
            *slot = None;
        }
    }

    /// The next wish, when the person makes one.
    pub async fn wished(&self) -> Wish {
        loop {
            if let Some(wish) = self.wish.lock().ok().and_then(|mut slot| slot.take()) {
                return wish;
            }
            // `notify_one` keeps a permit when no one waits yet, so a wish
            // made between the check and here is not missed.
            self.wished.notified().await;
        }
    }

    /// Set the window the dialogs belong to, once, when it exists.
    pub fn set_parent(&self, parent: ParentWindow) {
        // A second window never happens; if it did, the first stays.
        let _ = self.parent.set(parent);
    }

    /// The portal's name for the window the dialogs belong to; empty when
    /// there is none (the portal then centres the dialog on its own).
    pub fn parent_name(&self) -> &str {
        self.parent.get().map_or("", ParentWindow::name)
    }
}

impl std::fmt::Debug for DialogControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DialogControl")
            .field("parent", &self.parent_name())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_wish_made_before_anyone_waits_is_not_lost() {
        let control = DialogControl::default();
        control.wish(Wish::GiveUp);
        assert_eq!(control.wished().await, Wish::GiveUp);
    }

    #[tokio::test]
    async fn a_cleared_wish_is_not_acted_on() {
        let control = std::sync::Arc::new(DialogControl::default());
        control.wish(Wish::GiveUp);
        control.clear();
        let waiting = tokio::spawn({
            let control = std::sync::Arc::clone(&control);
            async move { control.wished().await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(
            !waiting.is_finished(),
            "a cleared wish still ended the wait"
        );
        control.wish(Wish::ShowAgain);
        assert_eq!(waiting.await.unwrap(), Wish::ShowAgain);
    }
}
