//! The real desktop portal's save dialog, answered as a person would.
//!
//! The test builds a private desktop: an X server (Xvfb) and a private
//! D-Bus session whose services start with that display and a throwaway
//! home, so xdg-desktop-portal and xdg-desktop-portal-gtk show a real GTK
//! dialog there and nothing of the machine's own session is touched. It
//! then runs itself again inside that desktop (the bus and display are read
//! from the process environment, which a test cannot change for itself),
//! where the wizard, driven through its accessibility tree, asks for the
//! dialog and `xdotool` answers it: Escape, a lost dialog shown again, a
//! dialog given up, a chosen file that exists (GTK's "Replace?" answered
//! yes), and the path on screen and on disk. A second private session has
//! no portal at all, then one with no file chooser, then one that never
//! answers.
//!
//! Needs Xvfb, xdotool, xprop, xmessage, dbus-daemon, xdg-desktop-portal
//! and xdg-desktop-portal-gtk (scripts/install-deps.sh installs them), so
//! it is ignored by a plain `cargo test`; `tests/run.sh` runs it.

#![cfg(all(feature = "gui", target_os = "linux"))]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use entity_secret_wizard::app::Screen;
use entity_secret_wizard::text;
use gui_support::flow::*;
use gui_support::{Setup, Wizard};

/// Set, inside the private desktop, to which desktop this run is in.
const INSIDE: &str = "ESW_PORTAL_TEST_DESKTOP";
/// The save dialog's title, as the portal's window shows it.
const DIALOG_TITLE: &str = text::wizard::SAVE_DIALOG_TITLE;

#[test]
#[ignore = "needs Xvfb, xdotool and xdg-desktop-portal-gtk: run by tests/run.sh"]
fn the_portals_save_dialog_belongs_to_the_window_and_its_answers_are_told_apart() {
    match std::env::var(INSIDE).as_deref() {
        Ok("portal") => with_a_portal(),
        Ok("none") => without_a_portal(),
        _ => {
            run_inside("portal", true);
            run_inside("none", false);
        }
    }
}

// ---------------------------------------------------------------------------
// Outside: the private desktops.
// ---------------------------------------------------------------------------

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Run this test again inside a private desktop: an X server, and a D-Bus
/// session with the machine's session services (`services`) or none.
fn run_inside(desktop: &str, services: bool) {
    for tool in ["Xvfb", "dbus-daemon", "xdotool", "xprop", "xmessage"] {
        assert!(
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .stdout(Stdio::null())
                .status()
                .unwrap()
                .success(),
            "{tool} is not installed (scripts/install-deps.sh installs it)"
        );
    }
    if services {
        for portal in ["xdg-desktop-portal", "xdg-desktop-portal-gtk"] {
            assert!(
                Path::new("/usr/libexec").join(portal).exists(),
                "{portal} is not installed (scripts/install-deps.sh installs it)"
            );
        }
    }
    let home = tempfile::tempdir().unwrap();
    let runtime_dir = home.path().join("runtime");
    std::fs::create_dir(&runtime_dir).unwrap();
    std::fs::set_permissions(
        &runtime_dir,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();

    // Xvfb picks a free display and writes its number.
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut number = String::new();
    BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut number)
        .unwrap();
    let _xvfb = Killed(xvfb);
    let display = format!(":{}", number.trim());

    // The bus: the machine's service files (the portals, gnome-keyring,
    // dconf) or an empty folder of them. Services it starts inherit its
    // environment: this display, and the throwaway home.
    let no_services = home.path().join("no-services");
    std::fs::create_dir(&no_services).unwrap();
    let service_dirs = if services {
        "<standard_session_servicedirs/>".to_owned()
    } else {
        format!("<servicedir>{}</servicedir>", no_services.display())
    };
    let config = home.path().join("bus.conf");
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={runtime}</listen>
  {service_dirs}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
            runtime = runtime_dir.display()
        ),
    )
    .unwrap();
    let mut bus = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DISPLAY", &display)
        .env("HOME", home.path())
        .env("XDG_RUNTIME_DIR", &runtime_dir)
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env("XDG_DATA_HOME", home.path().join(".local/share"))
        .env("XDG_CACHE_HOME", home.path().join(".cache"))
        .env("NO_AT_BRIDGE", "1")
        .env("GTK_A11Y", "none")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut address = String::new();
    BufReader::new(bus.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    let _bus = Killed(bus);

    let name = "the_portals_save_dialog_belongs_to_the_window_and_its_answers_are_told_apart";
    let mut inner = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--include-ignored", "--nocapture"])
        .env(INSIDE, desktop)
        .env("DBUS_SESSION_BUS_ADDRESS", address.trim())
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home.path())
        .env("XDG_RUNTIME_DIR", &runtime_dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    inner
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut said)
        .unwrap();
    let status = inner.wait().unwrap();
    assert!(
        status.success(),
        "inside the {desktop} desktop: {status}; it said:\n{said}"
    );
    // Not filtered away: the test itself ran in there.
    assert!(
        said.contains("test result: ok. 1 passed"),
        "inside the {desktop} desktop, the test did not run; it said:\n{said}"
    );
}

// ---------------------------------------------------------------------------
// Inside: the wizard and the dialog.
// ---------------------------------------------------------------------------

/// Run a command of the X tools; its output.
fn x(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The X windows whose name contains `name`.
fn windows_named(name: &str) -> Vec<u64> {
    x("xdotool", &["search", "--name", name])
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// Step the wizard until `done` holds of the X windows; the answer.
fn until<T>(w: &mut Wizard, what: &str, mut done: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        w.step();
        if let Some(t) = done() {
            return t;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The one save dialog on screen, once it is there.
fn the_dialog(w: &mut Wizard) -> u64 {
    until(w, "the portal's save dialog", || {
        windows_named(DIALOG_TITLE).first().copied()
    })
}

/// Focus `window` and press `keys`.
fn keys(window: u64, keys: &[&str]) {
    let id = window.to_string();
    x("xdotool", &["windowfocus", "--sync", &id]);
    for k in keys {
        x("xdotool", &["key", "--clearmodifiers", k]);
    }
}

/// Type `path` into the focused dialog's name field, and press Return.
fn choose(window: u64, path: &Path) {
    keys(window, &["ctrl+a"]);
    x(
        "xdotool",
        &["type", "--delay", "10", &path.display().to_string()],
    );
    keys(window, &["Return"]);
}

/// A window to be the parent: an xmessage, found by its class.
fn a_parent_window() -> (Killed, u64) {
    let child = Command::new("xmessage")
        .args(["-name", "esw-parent", "the parent window"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let child = Killed(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(id) = x("xdotool", &["search", "--classname", "esw-parent"])
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .next()
        {
            return (child, id);
        }
        assert!(
            Instant::now() < deadline,
            "the parent window did not appear"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The window `window` is transient for (X11's "dialog of").
fn transient_for(window: u64) -> Option<u64> {
    let said = x("xprop", &["-id", &window.to_string(), "WM_TRANSIENT_FOR"]);
    let hex = said.rsplit("0x").next()?;
    u64::from_str_radix(hex.trim(), 16).ok()
}

fn with_a_portal() {
    let (_parent, parent) = a_parent_window();
    let mut w = Wizard::new(Setup {
        native_dialog: Some(format!("x11:{parent:x}")),
        ..Setup::default()
    });
    to_destination(&mut w);

    // Escape: a Cancel, said as one.
    w.click("Choose where to save…");
    let dialog = the_dialog(&mut w);
    // GTK names the window a moment before it ties it to its parent.
    until(
        &mut w,
        "the dialog tied to the window (WM_TRANSIENT_FOR)",
        || (transient_for(dialog) == Some(parent)).then_some(()),
    );
    assert!(w.shows(text::dialog::NEVER_REPLACED));
    keys(dialog, &["Escape"]);
    w.wait_for("the cancel", |w| w.shows(text::dialog::CANCELLED));
    assert!(!w.shows(text::dialog::NO_SERVICE));

    // Lost: shown again (the portal's dialog closed, a new one opened),
    // then given up on (closed, and the typed path offered).
    w.click("Choose where to save…");
    let first = the_dialog(&mut w);
    w.click(text::dialog::SHOW_AGAIN);
    let second = until(&mut w, "the dialog shown again", || {
        let now = windows_named(DIALOG_TITLE);
        (!now.contains(&first) && now.len() == 1).then(|| now[0])
    });
    until(&mut w, "the dialog shown again tied to the window", || {
        (transient_for(second) == Some(parent)).then_some(())
    });
    w.click(text::dialog::TYPE_INSTEAD);
    w.wait_for("the dialog given up", |w| w.shows(text::dialog::GAVE_UP));
    until(&mut w, "the dialog closed", || {
        windows_named(DIALOG_TITLE).is_empty().then_some(())
    });

    // A file that exists: GTK asks "Replace?", the answer is yes, and the
    // wizard still keeps the file and uses a new name beside it.
    let existing = w.dest_path("recovery_file.dat");
    std::fs::write(&existing, b"an earlier recovery file").unwrap();
    w.click("Choose where to save…");
    let dialog = the_dialog(&mut w);
    choose(dialog, &existing);
    // GTK's question is a window of its own, over the dialog.
    let question = until(&mut w, "GTK's Replace? question", || {
        x(
            "xdotool",
            &[
                "search",
                "--onlyvisible",
                "--class",
                "xdg-desktop-portal-gtk",
            ],
        )
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .find(|&q| q != dialog && transient_for(q) == Some(dialog))
    });
    keys(question, &["alt+r"]);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    let used = w.dest_path("recovery_file-2.dat");
    assert_renamed_destination(&w, &existing, &used);

    // To a verified recovery file, where the dialog said.
    review_and_confirm(&mut w);
    w.click("Register this secret");
    w.wait_for("done", |w| w.screen() == Screen::Done);
    w.assert_shows_containing(&used.display().to_string());
    assert!(std::fs::metadata(&used).unwrap().len() > 0);
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        b"an earlier recovery file"
    );
}

fn without_a_portal() {
    let mut w = Wizard::new(Setup {
        native_dialog: Some(String::new()),
        ..Setup::default()
    });
    to_destination(&mut w);

    // No portal on the bus, and none that the bus could start.
    w.click("Choose where to save…");
    w.wait_for("no dialog service", |w| w.shows(text::dialog::NO_SERVICE));
    assert!(!w.shows(text::dialog::CANCELLED));

    // A portal with no file chooser: it answers, with an error (there is
    // no such object), which is no dialog service either, not a refusal.
    let empty = zbus::blocking::Connection::session().unwrap();
    let _ = empty.object_server();
    empty
        .request_name("org.freedesktop.portal.Desktop")
        .unwrap();
    w.click("Choose where to save…");
    w.wait_for("no file chooser", |w| w.shows(text::dialog::NO_SERVICE));
    drop(empty);

    // A portal that takes the name and never answers.
    let silent = zbus::blocking::Connection::session().unwrap();
    silent
        .request_name("org.freedesktop.portal.Desktop")
        .unwrap();
    let asked = Instant::now();
    w.click("Choose where to save…");
    w.wait_for("no answer", |w| w.shows(&text::dialog::no_answer(10)));
    let waited = asked.elapsed();
    assert!(
        waited >= Duration::from_secs(10) && waited < Duration::from_secs(20),
        "gave up after {waited:?}"
    );
    // The typed path is what is left, and it works.
    let target = w.dest_path("typed.dat");
    type_destination(&mut w, &target);
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    drop(silent);
}
