//! `harden_process` in a process of its own (each test binary is one): core
//! dumps off and the process non-dumpable, as the kernel reports them.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use entity_secret_wizard::harden::harden_process;
use rustix::process::{DumpableBehavior, Resource, dumpable_behavior, getrlimit};

/// The "Max core file size" row of `/proc/self/limits`, split into words.
fn core_row_of_proc_limits() -> Vec<String> {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let row = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap_or_else(|| panic!("no core row in /proc/self/limits:\n{limits}"));
    row.split_whitespace().map(str::to_owned).collect()
}

// One test, not several: the state is process-wide, and the "before" half
// must run before anything else hardens this process.
#[test]
fn harden_process_turns_core_dumps_off_and_makes_the_process_non_dumpable() {
    // Before: a test process is dumpable, as any process started by a user.
    assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::Dumpable);

    harden_process().unwrap();

    assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::NotDumpable);
    let core = getrlimit(Resource::Core);
    assert_eq!((core.current, core.maximum), (Some(0), Some(0)));
    // As the kernel shows it to anyone: soft 0, and hard 0 so that nothing
    // in the process (without CAP_SYS_RESOURCE) can raise it again.
    assert_eq!(
        core_row_of_proc_limits(),
        ["Max", "core", "file", "size", "0", "0", "bytes"]
    );
    // Calling it again is harmless.
    harden_process().unwrap();

    // Around a native file dialog, the portal must be able to identify the
    // process: dumpable for exactly that long, with core dumps still off.
    {
        let _portal = entity_secret_wizard::harden::PortalAccess::open();
        assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::Dumpable);
        let core = getrlimit(Resource::Core);
        assert_eq!((core.current, core.maximum), (Some(0), Some(0)));
    }
    assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::NotDumpable);
}
