//! The screenshots in `assets/screenshots/`, rendered from the real window
//! driven through its accessibility tree: a whole rehearsed onboarding, a
//! rotation through the simulated Console, a reset's and a registration's
//! Console step, the home screen with a registration, its handoff to the
//! servers, and two screens in a small window.
//!
//! Test tooling, not a test: it only builds with the `snapshots` feature
//! (wgpu, rendering on the CPU where there is no GPU) and its tests are
//! ignored, so a plain or `--all-features` run never rewrites the images.
//! `scripts/screenshots.sh` installs a software Vulkan and runs them:
//!
//! ```text
//! cargo test --features snapshots --test screenshots -- --include-ignored
//! ```
//!
//! The window is driven tall, so every control is in the accessibility
//! tree; each shot shrinks it to the size shown, renders, and grows it
//! back.
#![cfg(all(feature = "gui", feature = "snapshots"))]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod gui_support;

use std::path::PathBuf;
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Vec2, vec2};
use egui_kittest::kittest::Queryable;
use entity_secret_wizard::app::{ConsoleStep, Screen};
use entity_secret_wizard::ceremony::console::ConsoleKind;
use entity_secret_wizard::ceremony::steps::CiphertextOf;
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::text::{self, console as words, home};
use gui_support::console::*;
use gui_support::flow::*;
use gui_support::{Setup, Wizard};

/// The window's default size (src/app/launch.rs).
const WINDOW: Vec2 = vec2(920.0, 760.0);

/// A small window, for the screens with the most to show.
const SMALL: Vec2 = vec2(640.0, 520.0);

/// Driven at the window's width and tall, so every control of a screen is
/// laid out as in the window and is in the accessibility tree.
const DRIVEN: Vec2 = vec2(920.0, 1800.0);

fn setup() -> Setup {
    Setup {
        size: Some(DRIVEN),
        dest_prefix: Some("usb-drive-"),
        ..Setup::default()
    }
}

fn out_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/screenshots")
}

/// Render the window at `size` to `assets/screenshots/<name>.png`.
fn shoot_at(w: &mut Wizard, name: &str, size: Vec2) {
    w.harness.set_render_cursor(false);
    // No hovered button, no caret: the screen as it looks at rest.
    w.harness.event(egui::Event::PointerGone);
    w.harness.ctx.memory_mut(|m| m.stop_text_input());
    w.harness.set_size(size);
    w.settle();
    w.step();
    let image = w
        .harness
        .render()
        .unwrap_or_else(|e| panic!("rendering {name} failed: {e}"));
    let path = out_dir().join(format!("{name}.png"));
    image
        .save(&path)
        .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    w.harness.set_size(DRIVEN);
    w.settle();
}

fn shoot(w: &mut Wizard, name: &str) {
    shoot_at(w, name, WINDOW);
}

/// Render the window at `size` scrolled so that the node labelled `label`
/// is in view (at the bottom, if it was below).
fn shoot_scrolled_to(w: &mut Wizard, name: &str, role: Role, label: &str) {
    w.harness.set_size(WINDOW);
    w.settle();
    w.harness.get_by_role_and_label(role, label).scroll_to_me();
    w.settle();
    w.step();
    shoot(w, name);
}

#[test]
#[ignore = "renders assets/screenshots/: scripts/screenshots.sh runs it"]
fn onboarding_rehearsal_and_the_home_screen_afterwards() {
    let mut w = Wizard::new(Setup {
        dialog: vec![Some("recovery_file.dat"), Some("servers.age")],
        ..setup()
    });
    shoot(&mut w, "01-start");
    begin_rehearsal(&mut w);
    shoot(&mut w, "02-keychain");

    w.click("Next");
    w.click(text::wizard::USE_PRACTICE_KEY);
    shoot_at(&mut w, "41-api-key-640x520", SMALL);
    check_key(&mut w);
    shoot(&mut w, "03-api-key");

    w.click("Next");
    w.click(text::wizard::GENERATE);
    w.wait_for("a secret", |w| w.shows(text::wizard::GENERATED_HERE));
    shoot(&mut w, "04-secret");
    store_secret(&mut w);
    shoot(&mut w, "05-stored");

    w.click("Next");
    w.click("Choose where to save…");
    w.wait_for("the destination check", |w| w.shows(WRITABLE));
    shoot(&mut w, "06-destination");

    w.click("Review");
    w.wait_for("the review", |w| {
        w.screen() == Screen::Review && w.shows("Circle public key (SHA-256)")
    });
    shoot(&mut w, "07-review");
    shoot_at(&mut w, "40-review-640x520", SMALL);
    w.click_role(Role::CheckBox, text::wizard::REVIEW_CONFIRM);
    w.wait_for("the confirmation", |w| {
        w.button_enabled(text::wizard::REGISTER_BUTTON)
    });

    // A slow Circle, so the registering step stays while it is rendered
    // (under the harness's 5 s request timeout).
    w.sim
        .push_fault(Endpoint::Register, Fault::Delay(Duration::from_secs(2)));
    w.click(text::wizard::REGISTER_BUTTON);
    w.run_until("registration in flight", |w| {
        w.screen() == Screen::Registering && w.shows(text::wizard::REGISTERING_WAIT)
    });
    shoot(&mut w, "08-registering");
    w.wait_for("the done screen", |w| w.shows(text::wizard::DONE_TITLE));
    shoot(&mut w, "09-done");

    w.click_role(Role::RadioButton, text::window::RECOVERY_KEPT_REMOVABLE);
    w.click(home::BACK_HOME);
    w.wait_for("the start screen with the new registration", |w| {
        w.screen() == Screen::Start && w.has_button(home::ROTATE)
    });
    shoot(&mut w, "10-home-registration");

    // The handoff of that registration to the servers, saved.
    w.click(text::handoff::ACTION);
    w.wait_for("the handoff panel", |w| {
        w.app().handoff_panel().is_some_and(|p| p.view.is_some())
    });
    let identity = age::x25519::Identity::generate();
    *w.clipboard.0.lock().unwrap() = Some(format!("{} web servers", identity.to_public()));
    w.click(text::handoff::PASTE);
    w.click(text::handoff::SAVE);
    let saved = w.dest_path("servers.age");
    w.wait_for("the handoff file", |w| {
        w.shows(&text::handoff::saved(&saved))
    });
    shoot(&mut w, "60-handoff");
}

#[test]
#[ignore = "renders assets/screenshots/: scripts/screenshots.sh runs it"]
fn rotation_through_the_simulated_console() {
    let mut w = Wizard::new(setup());
    registered_with_recovery_file(&mut w);

    w.click(home::ROTATE);
    w.wait_for("the API key", |w| w.shows(words::API_KEY_HEADING));
    w.click(text::wizard::USE_PRACTICE_KEY);
    shoot(&mut w, "20-rotation-keychain-app");
    w.click(text::wizard::CHECK_KEY);
    w.wait_for("the new secret's step", |w| {
        step(w) == Some(ConsoleStep::Secret)
    });

    w.click(text::wizard::GENERATE);
    w.wait_for("a new secret", |w| w.shows(text::wizard::GENERATED_HERE));
    shoot(&mut w, "21-rotation-new-secret");
    w.click(words::STAGE_BUTTON);
    w.wait_for("the key step", |w| step(w) == Some(ConsoleStep::Key));

    w.click(home::FETCH_KEY);
    w.wait_for("Circle's key", |w| w.shows(home::KEY_SAME));
    shoot(&mut w, "22-rotation-circle-key");

    w.click(words::SHOW_BUTTON);
    w.wait_for("the ciphertexts", |w| step(w) == Some(ConsoleStep::Shown));
    shoot(&mut w, "23-rotation-console");
    // Pasted into the simulated Console as in Console, with the copy and
    // paste buttons.
    for (of, field) in [
        (CiphertextOf::Current, words::SIM_CURRENT_FIELD),
        (
            CiphertextOf::New,
            words::sim_new_field(ConsoleKind::Rotation),
        ),
    ] {
        w.click(words::copy_label(of));
        w.click(&words::paste_into(field));
    }
    shoot_scrolled_to(
        &mut w,
        "24-rotation-simulated-console",
        Role::Button,
        words::sim_submit(ConsoleKind::Rotation),
    );
    w.click(words::sim_submit(ConsoleKind::Rotation));
    w.wait_for("the simulated Console's answer", |w| {
        w.shows(words::SIM_ACCEPTED)
    });
    let downloaded = download(&mut w, "console_download.dat");
    console_did(&mut w, ConsoleKind::Rotation, true);

    import_recovery(&mut w, &downloaded);
    choose_recovery_place(&mut w, "recovery_after_rotation.dat");
    shoot(&mut w, "25-rotation-recovery-file");
    w.click(words::SAVE_RECOVERY_BUTTON);
    w.wait_for("done", |w| step(w) == Some(ConsoleStep::Done));
    shoot(&mut w, "26-rotation-done");
}

#[test]
#[ignore = "renders assets/screenshots/: scripts/screenshots.sh runs it"]
fn the_console_steps_of_a_reset_and_of_a_registration_through_console() {
    let mut w = Wizard::new(setup());
    registered_with_recovery_file(&mut w);
    // The secret is lost: the home offers Reset.
    use entity_secret_wizard::store::SecretStore;
    w.store.delete(&registered_account(&w)).unwrap();
    w.relaunch();
    open_with_key(&mut w, home::RESET);
    generate_and_stage(&mut w);
    fetch_key_and_show(&mut w);
    shoot(&mut w, "30-reset-console");

    let mut w = Wizard::new(setup());
    offline_registration_to_console(&mut w);
    shoot(&mut w, "31-registration-console");
}
