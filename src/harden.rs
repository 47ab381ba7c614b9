//! Keeps the secrets this process holds out of core dumps and out of reach of
//! other processes of the same user.
//!
//! The wizard holds an entity secret, an API key and, between registration
//! and a verified write, the only copy of a recovery file. A core dump would
//! put them on disk (in the working folder, or wherever systemd-coredump or
//! apport keep crashes), and a same-user debugger could read them out of
//! memory. On Linux, [`harden_process`] therefore, from the first line of
//! `main`:
//!
//! - sets the core-file size limit (`RLIMIT_CORE`) to 0, soft and hard, so no
//!   core file is written and no child can raise it again; systemd-coredump
//!   honours this limit too when the kernel pipes a dump to it;
//! - marks the process non-dumpable (`PR_SET_DUMPABLE` 0): the kernel writes
//!   no core at all (with the default `fs.suid_dumpable` 0), and
//!   `/proc/<pid>/mem`, `maps`, `environ` and `ptrace` are closed to other
//!   processes of the same user, whatever `kernel.yama.ptrace_scope` says.
//!
//! The price of non-dumpable: xdg-desktop-portal identifies a caller by
//! opening `/proc/<pid>/root`, which is then closed to it, and refuses every
//! portal call ("Portal operation not allowed: Unable to open
//! /proc/<pid>/root", as xdg-desktop-portal 1.16 answers), so the native
//! file dialog, which the wizard asks of the portal, would never open. While a
//! native dialog is open, [`PortalAccess`] therefore makes the process
//! dumpable again, and non-dumpable as soon as the dialog returns: for
//! those seconds a same-user debugger could attach (as it could to any
//! program that reads the same unlocked keychain), while core dumps stay
//! off throughout, the hard limit of 0 being unliftable.
//!
//! Debug builds are hardened too: a developer's build may hold a real LIVE
//! secret as well, and the tests then exercise the very code that ships. A
//! debugger still works by starting the wizard under it (`gdb --args`);
//! attaching to a running wizard needs root.
//!
//! Elsewhere it does nothing yet: macOS and Windows keep crash reports in
//! per-user places; shielding the window while a secret is shown is the
//! window's job.

use thiserror::Error;

use crate::error::Explain;
use crate::text::harden as text;

/// The process could not be hardened; the wizard refuses to run unprotected.
#[derive(Debug, Error)]
pub enum HardenError {
    /// `setrlimit(RLIMIT_CORE, 0)` failed.
    #[error("{}", text::core_limit(&.0.to_string()))]
    CoreLimit(#[source] std::io::Error),
    /// `prctl(PR_SET_DUMPABLE, 0)` failed.
    #[error("{}", text::dumpable(&.0.to_string()))]
    Dumpable(#[source] std::io::Error),
}

impl Explain for HardenError {
    fn next_step(&self) -> String {
        text::HARDEN_NEXT.to_owned()
    }
}

/// Turn core dumps off and make the process non-dumpable (Linux); nothing
/// elsewhere. Call first thing in `main`, before any secret exists and
/// before any thread starts, so every thread inherits the state.
pub fn harden_process() -> Result<(), HardenError> {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{
            DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit,
        };

        let none = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        setrlimit(Resource::Core, none).map_err(|e| HardenError::CoreLimit(e.into()))?;
        set_dumpable_behavior(DumpableBehavior::NotDumpable)
            .map_err(|e| HardenError::Dumpable(e.into()))?;
    }
    Ok(())
}

/// The process is dumpable while this lives, so the desktop portal can
/// identify it and open its file dialog; non-dumpable again when dropped.
/// Hold it only around a native dialog.
#[must_use = "the process is non-dumpable again as soon as this is dropped"]
pub struct PortalAccess {
    _private: (),
}

impl PortalAccess {
    /// Open the process to the portal (Linux; nothing elsewhere). Best
    /// effort: if the flag cannot be changed, the dialog's own failure says
    /// so (it looks like a cancelled dialog, and the typed path remains).
    pub fn open() -> Self {
        #[cfg(target_os = "linux")]
        {
            use rustix::process::{DumpableBehavior, set_dumpable_behavior};
            let _ = set_dumpable_behavior(DumpableBehavior::Dumpable);
        }
        Self { _private: () }
    }
}

impl Drop for PortalAccess {
    fn drop(&mut self) {
        #[cfg(target_os = "linux")]
        {
            use rustix::process::{DumpableBehavior, set_dumpable_behavior};
            // Failing to close again leaves the process as a plain program
            // is: nothing to report to from a destructor, and the next
            // dialog tries again.
            let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
        }
    }
}
