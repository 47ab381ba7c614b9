//! A clipboard that forgets: text copied from a secret is cleared after a
//! while, and on exit, if the clipboard still holds it.

use std::time::{Duration, Instant};

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// How long copied secret text stays on the clipboard.
pub const CLEAR_AFTER: Duration = crate::policy::CLIPBOARD_CLEAR_AFTER;

/// The system clipboard, behind a trait so tests can look at it.
pub trait ClipboardPort: Send {
    /// Put text on the clipboard.
    fn set(&mut self, text: &str) -> Result<(), String>;
    /// What the clipboard holds now, if it is text.
    fn get(&mut self) -> Option<Zeroizing<String>>;
    /// Empty the clipboard.
    fn clear(&mut self) -> Result<(), String>;
}

/// The OS clipboard through arboard. Kept alive for the whole run: on X11 the
/// owner of a selection must stay to serve it.
pub struct SystemClipboard(arboard::Clipboard);

impl SystemClipboard {
    /// Open the clipboard; fails on a machine with no display.
    pub fn open() -> Result<Self, String> {
        arboard::Clipboard::new()
            .map(Self)
            .map_err(|e| e.to_string())
    }
}

impl ClipboardPort for SystemClipboard {
    fn set(&mut self, text: &str) -> Result<(), String> {
        self.0.set_text(text).map_err(|e| e.to_string())
    }
    fn get(&mut self) -> Option<Zeroizing<String>> {
        self.0.get_text().ok().map(Zeroizing::new)
    }
    fn clear(&mut self) -> Result<(), String> {
        self.0.clear().map_err(|e| e.to_string())
    }
}

/// A clipboard in memory, for tests.
#[derive(Debug, Default, Clone)]
pub struct MemoryClipboard(pub std::sync::Arc<std::sync::Mutex<Option<String>>>);

impl ClipboardPort for MemoryClipboard {
    fn set(&mut self, text: &str) -> Result<(), String> {
        *self.0.lock().map_err(|e| e.to_string())? = Some(text.to_owned());
        Ok(())
    }
    fn get(&mut self) -> Option<Zeroizing<String>> {
        self.0.lock().ok()?.clone().map(Zeroizing::new)
    }
    fn clear(&mut self) -> Result<(), String> {
        *self.0.lock().map_err(|e| e.to_string())? = None;
        Ok(())
    }
}

/// Tracks one copied secret and clears it when its time is up.
pub struct ForgetfulClipboard {
    port: Option<Box<dyn ClipboardPort>>,
    copied: Option<(Zeroizing<String>, Instant)>,
}

impl ForgetfulClipboard {
    /// Wrap a clipboard; `None` when the system has none (copy is then
    /// disabled, and the screen says so).
    pub fn new(port: Option<Box<dyn ClipboardPort>>) -> Self {
        Self { port, copied: None }
    }

    /// Whether copying is possible at all.
    pub fn available(&self) -> bool {
        self.port.is_some()
    }

    /// The clipboard's text, for a Paste button.
    pub fn read(&mut self) -> Option<Zeroizing<String>> {
        self.port.as_mut()?.get()
    }

    /// Clear the clipboard now if it still holds `text` (a private key
    /// pasted by mistake: it should not stay where the next paste, or a
    /// clipboard manager, finds it). Something copied since is left alone.
    pub fn clear_if_holding(&mut self, text: &str) {
        if let Some(port) = self.port.as_mut() {
            clear_if_still(port.as_mut(), text);
        }
    }

    /// Copy text (a secret, or a single-use ciphertext); it will be cleared
    /// after [`CLEAR_AFTER`].
    pub fn copy(&mut self, text: Zeroizing<String>, now: Instant) -> Result<(), String> {
        let port = self
            .port
            .as_mut()
            .ok_or(crate::text::wizard::NO_CLIPBOARD)?;
        port.set(&text)?;
        self.copied = Some((text, now + CLEAR_AFTER));
        Ok(())
    }

    /// Seconds until the copied text is cleared, if any is pending.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        self.copied
            .as_ref()
            .map(|(_, deadline)| deadline.saturating_duration_since(now))
    }

    /// Clear the clipboard if its time is up (or `force`), but only if it
    /// still holds what we put there: never wipe something the person copied
    /// since.
    pub fn tick(&mut self, now: Instant, force: bool) {
        let due = matches!(&self.copied, Some((_, deadline)) if force || now >= *deadline);
        if !due {
            return;
        }
        if let (Some((text, _)), Some(port)) = (self.copied.take(), self.port.as_mut()) {
            clear_if_still(port.as_mut(), &text);
        }
    }
}

/// Clear the clipboard if it still holds `text`: never wipe something the
/// person copied since. Best effort: if clearing fails there is nothing
/// more to do than what the screen already said.
fn clear_if_still(port: &mut dyn ClipboardPort, text: &str) {
    let holding = port
        .get()
        .is_some_and(|current| bool::from(current.as_bytes().ct_eq(text.as_bytes())));
    if holding {
        let _ = port.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clears_after_30_seconds_only_if_still_ours() {
        let mem = MemoryClipboard::default();
        let mut clip = ForgetfulClipboard::new(Some(Box::new(mem.clone())));
        let t0 = Instant::now();
        clip.copy(Zeroizing::new("abc".into()), t0).unwrap();
        assert_eq!(mem.0.lock().unwrap().as_deref(), Some("abc"));
        clip.tick(t0 + Duration::from_secs(29), false);
        assert_eq!(mem.0.lock().unwrap().as_deref(), Some("abc"));
        assert_eq!(
            clip.remaining(t0 + Duration::from_secs(20)),
            Some(Duration::from_secs(10))
        );
        clip.tick(t0 + Duration::from_secs(30), false);
        assert_eq!(mem.0.lock().unwrap().as_deref(), None);

        clip.copy(Zeroizing::new("abc".into()), t0).unwrap();
        *mem.0.lock().unwrap() = Some("something else".into());
        clip.tick(t0 + Duration::from_secs(31), false);
        assert_eq!(mem.0.lock().unwrap().as_deref(), Some("something else"));
    }

    #[test]
    fn clears_what_it_is_told_only_while_the_clipboard_still_holds_it() {
        let mem = MemoryClipboard::default();
        let mut clip = ForgetfulClipboard::new(Some(Box::new(mem.clone())));
        *mem.0.lock().unwrap() = Some("a private key".into());
        clip.clear_if_holding("something else");
        assert_eq!(mem.0.lock().unwrap().as_deref(), Some("a private key"));
        clip.clear_if_holding("a private key");
        assert_eq!(mem.0.lock().unwrap().as_deref(), None);
    }

    #[test]
    fn force_clears_on_exit() {
        let mem = MemoryClipboard::default();
        let mut clip = ForgetfulClipboard::new(Some(Box::new(mem.clone())));
        let t0 = Instant::now();
        clip.copy(Zeroizing::new("abc".into()), t0).unwrap();
        clip.tick(t0, true);
        assert_eq!(mem.0.lock().unwrap().as_deref(), None);
        assert_eq!(clip.remaining(t0), None);
    }
}
