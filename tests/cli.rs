//! The command line from outside, with no keychain at all: exit statuses,
//! what goes to stdout and what to stderr (in the window's words), the
//! `--json` schemas, the API key's ways in, the public key against a file
//! and against the simulated Circle, the ceremony log, and `rehearse
//! --serve` answering real HTTP until it is sent SIGTERM or SIGINT.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod cli_support;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use chrono::Utc;
use cli_support::registered::{self, Registered};
use cli_support::sim::Sim;
use cli_support::{Bus, Home, field_of_each, fixture_fingerprint, fixture_public_key, tool};
use entity_secret_wizard::ceremony::status::{NextStep, Situation};
use entity_secret_wizard::error::explain;
use entity_secret_wizard::simulator::{Endpoint, Fault};
use entity_secret_wizard::store::{
    CeremonyKind, CeremonyLog, InProgress, LogEntry, Outcome, Stage,
};
use entity_secret_wizard::text;
use serde_json::Value;
use sha2::Digest;

const API_KEY: &str = "TEST_API_KEY:abcd1234:s3cretpart";

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

// ----- exit statuses and words -----

#[test]
fn usage_errors_exit_2_and_say_so_on_stderr() {
    let home = Home::new();
    for args in [
        &["status", "--bogus"][..],
        &["rehearse", "--serve", "--memory-store"],
        &["--circle-url", "not a url", "status"],
        &["ciphertext", "--public-key", "k.pem", "--api-key-file", "f"],
        &["public-key", "--file", "k.pem", "--api-key-file", "f"],
        &["ciphertext", "--rehearsal", "--api-key-file", "f"],
    ] {
        let run = home.run(Bus::None, args);
        run.expect(2);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(run.stderr.starts_with("error:"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn with_no_registration_ciphertext_exits_3_with_what_happened_and_what_to_do() {
    let home = Home::new();
    let key = fixture_public_key();
    for rehearsal in [false, true] {
        let mut args = vec!["ciphertext", "--public-key", path(&key)];
        if rehearsal {
            args.push("--rehearsal");
        }
        let run = home.run(Bus::None, &args);
        run.expect(3);
        assert!(run.stdout.is_empty());
        assert_eq!(
            run.stderr,
            format!(
                "error: {}\n{}\n",
                text::cli::no_registration(rehearsal),
                text::cli::no_registration_next(rehearsal)
            )
        );
    }
    // Looking did not create the data folder.
    assert!(!home.data_dir().exists());
}

#[test]
fn several_registrations_need_an_app_id_and_an_unknown_one_is_not_found() {
    let home = Home::new();
    let fp = fixture_fingerprint();
    Registered::record_only(&home, false, "app-one", &fp, 1);
    Registered::record_only(&home, false, "app-two", &fp, 1);
    let key = fixture_public_key();
    let run = home.run(Bus::None, &["ciphertext", "--public-key", path(&key)]);
    run.expect(2);
    assert!(run.stderr.contains("app-one") && run.stderr.contains("app-two"));
    assert!(run.stderr.contains("--app-id"), "{}", run.stderr);
    let run = home.run(
        Bus::None,
        &[
            "ciphertext",
            "--public-key",
            path(&key),
            "--app-id",
            "app-three",
        ],
    );
    run.expect(3);
    assert!(run.stdout.is_empty());
}

#[test]
fn a_secret_the_keychain_cannot_give_exits_4_with_the_keychain_s_own_words() {
    let home = Home::new();
    Registered::record_only(&home, false, "app-one", &fixture_fingerprint(), 1);
    let run = home.run(
        Bus::None,
        &["ciphertext", "--public-key", path(&fixture_public_key())],
    );
    run.expect(4);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("No keychain service"), "{}", run.stderr);
}

#[test]
fn with_no_api_key_and_no_terminal_a_command_that_asks_circle_exits_2() {
    let home = Home::new();
    Registered::record_only(&home, false, "app-one", &fixture_fingerprint(), 1);
    for args in [&["public-key"][..], &["ciphertext"]] {
        let run = home.run(Bus::None, args);
        run.expect(2);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains(text::cli::NO_API_KEY), "{}", run.stderr);
        assert!(run.stderr.contains("CIRCLE_API_KEY"), "{}", run.stderr);
    }
}

// ----- public-key -----

/// An API key file with these permissions (on unix).
fn api_key_file(home: &Home, content: &str, mode: u32) -> std::path::PathBuf {
    let file = home.root().join("api-key");
    std::fs::write(&file, content).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    #[cfg(not(unix))]
    let _ = mode;
    file
}

#[test]
fn public_key_from_a_file_shows_its_fingerprint_and_compares_it_with_the_record() {
    let home = Home::new();
    let key = fixture_public_key();
    let fp = fixture_fingerprint();
    // Nothing on record: shown, nothing to compare with, status 0.
    let run = home.run(Bus::None, &["public-key", "--file", path(&key)]);
    run.expect(0);
    assert!(
        run.stdout.contains(&format!("SHA-256: {fp}\n")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Size: 4096 bits\n"));
    assert!(run.stdout.contains("no fingerprint"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // The same key on record.
    Registered::record_only(&home, true, "app-one", &fp, 1);
    let run = home.run(
        Bus::None,
        &["public-key", "--rehearsal", "--file", path(&key)],
    );
    run.expect(0);
    assert!(run.stdout.contains("On record: the same fingerprint"));
    // Another key on record: said loudly, and status 7 for scripts.
    Registered::record_only(&home, false, "app-two", "AB:CD", 1);
    let run = home.run(Bus::None, &["public-key", "--file", path(&key)]);
    run.expect(7);
    assert!(run.stdout.contains("DIFFERENT"), "{}", run.stdout);
    assert!(run.stdout.contains("AB:CD"));
}

#[test]
fn the_fingerprint_is_the_sha_256_openssl_gives_of_the_der_subject_public_key_info() {
    // Circle's documented shape: an SPKI body under an RSA PUBLIC KEY label.
    let home = Home::new();
    let pem = std::fs::read_to_string(fixture_public_key()).unwrap();
    let circle_shape = home.root().join("circle.pem");
    std::fs::write(&circle_shape, pem.replace("PUBLIC KEY", "RSA PUBLIC KEY")).unwrap();
    let der = tool(
        "openssl",
        &[
            OsStr::new("pkey"),
            OsStr::new("-pubin"),
            OsStr::new("-in"),
            fixture_public_key().as_os_str(),
            OsStr::new("-outform"),
            OsStr::new("DER"),
        ],
    );
    assert!(der.status.success());
    let expected: Vec<String> = sha2::Sha256::digest(&der.stdout)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let run = home.run(Bus::None, &["public-key", "--file", path(&circle_shape)]);
    run.expect(0);
    assert!(
        run.stdout
            .contains(&format!("SHA-256: {}\n", expected.join(":"))),
        "{}",
        run.stdout
    );
}

#[test]
fn public_key_from_the_simulated_circle_with_the_api_key_from_the_environment_or_a_file() {
    let home = Home::new();
    let sim = Sim::start();
    Registered::record_only(&home, false, sim.app_id(), &fixture_fingerprint(), 1);
    let url = sim.url();
    let run = home.run_with(
        Bus::None,
        &["public-key", "--circle-url", &url],
        &[("CIRCLE_API_KEY", API_KEY)],
    );
    run.expect(0);
    assert!(
        run.stdout.starts_with("Source: Circle (request id "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&fixture_fingerprint()));
    assert!(
        run.stdout.contains("the same fingerprint"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(API_KEY) && !run.stderr.contains(API_KEY));

    let key_file = api_key_file(&home, &format!("{API_KEY}\n"), 0o600);
    let by_file = [
        "public-key",
        "--circle-url",
        &url,
        "--api-key-file",
        path(&key_file),
    ];
    let run = home.run(Bus::None, &by_file);
    run.expect(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // The file comes before the environment: a key of the wrong shape in
    // it is refused even with a good one in CIRCLE_API_KEY.
    std::fs::write(&key_file, "not-a-key").unwrap();
    let run = home.run_with(Bus::None, &by_file, &[("CIRCLE_API_KEY", API_KEY)]);
    run.expect(5);
    assert!(run.stdout.is_empty());
    assert!(!run.stderr.contains("not-a-key"), "{}", run.stderr);
}

#[test]
fn a_key_file_others_can_read_is_used_with_a_warning() {
    let home = Home::new();
    let sim = Sim::start();
    let key_file = api_key_file(&home, API_KEY, 0o644);
    let run = home.run(
        Bus::None,
        &[
            "public-key",
            "--circle-url",
            &sim.url(),
            "--api-key-file",
            path(&key_file),
        ],
    );
    run.expect(0);
    #[cfg(unix)]
    assert!(
        run.stderr.starts_with("warning: The API key file"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_api_key_circle_refuses_exits_5_with_circle_s_words_and_the_request_id() {
    let home = Home::new();
    let sim = Sim::start();
    sim.sim.push_fault(Endpoint::Entity, Fault::Unauthorized);
    let run = home.run_with(
        Bus::None,
        &["public-key", "--circle-url", &sim.url()],
        &[("CIRCLE_API_KEY", API_KEY)],
    );
    run.expect(5);
    assert!(run.stdout.is_empty());
    let request_id = sim.sim.request_log()[0].2.clone().unwrap();
    assert!(
        run.stderr
            .ends_with(&format!("\nCircle request id: {request_id}\n")),
        "{}",
        run.stderr
    );
}

// ----- status -----

/// A ceremony that stopped after sending its registration.
fn sent_no_answer(home: &Home) -> InProgress {
    registered::unfinished(
        home,
        "app-stopped",
        Stage::RegistrationSent,
        "0123456789abcdef",
    )
}

#[test]
fn status_gives_the_window_s_situation_and_ways_forward_for_an_unfinished_ceremony() {
    let home = Home::new();
    let entry = sent_no_answer(&home);
    let run = home.run(Bus::None, &["status"]);
    run.expect(0);
    let out = &run.stdout;
    assert!(out.contains(text::status::UNFINISHED_TITLE));
    assert!(out.contains(&text::status::situation(
        &Situation::SentNoAnswer,
        entry.ceremony
    )));
    let check = NextStep::CheckWithCircle;
    assert!(out.contains(&text::cli::next_step_line(
        text::status::next_step_label(check),
        &text::status::next_step_help(check)
    )));
    assert!(out.contains(text::cli::WAYS_FORWARD_ARE_IN_THE_WINDOW));
    // Never a raw stage name.
    assert!(!out.contains("RegistrationSent") && !out.contains("registration_sent"));
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

#[test]
fn status_json_follows_the_documented_schema() {
    let home = Home::new();
    sent_no_answer(&home);
    let registered = Registered::record_only(&home, false, "app-one", &fixture_fingerprint(), 170);
    let run = home.run(Bus::None, &["status", "--json"]);
    run.expect(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(
        keys(&v),
        set(&[
            "schema",
            "read_at",
            "data_dir",
            "rehearsal_data_dir",
            "registrations",
            "unfinished",
            "strays",
            "locked_entries",
            "problems"
        ])
    );
    let r = &v["registrations"][0];
    assert_eq!(
        keys(r),
        set(&[
            "rehearsal",
            "environment",
            "app_id",
            "secret_fingerprint",
            "public_key_fingerprint",
            "registered_at",
            "rotate_by",
            "rotation",
            "keychain",
            "recovery",
            "attention",
            "actions",
            "retired"
        ])
    );
    assert_eq!(r["environment"], "test");
    assert_eq!(
        r["secret_fingerprint"],
        registered.record.secret_fingerprint
    );
    assert_eq!(r["rotation"]["state"], "due_soon");
    assert_eq!(r["rotation"]["days_left"], 10);
    assert_eq!(
        keys(&r["keychain"]),
        set(&["service", "account", "presence", "detail", "text"])
    );
    assert_eq!(r["keychain"]["presence"], "unknown");
    assert_eq!(keys(&r["recovery"]), set(&["path", "sha256", "warning"]));
    assert_eq!(
        field_of_each(&r["attention"], "kind"),
        ["keychain_unavailable", "rotation_due_soon"]
    );

    let u = &v["unfinished"][0];
    assert_eq!(
        keys(u),
        set(&[
            "id",
            "rehearsal",
            "ceremony",
            "environment",
            "app_id",
            "secret_fingerprint",
            "started_at",
            "updated_at",
            "keychain",
            "situation",
            "next"
        ])
    );
    assert_eq!(u["ceremony"], "onboarding");
    assert_eq!(u["situation"]["kind"], "sent_no_answer");
    assert_eq!(
        u["situation"]["text"],
        text::status::situation(&Situation::SentNoAnswer, CeremonyKind::Onboarding)
    );
    assert_eq!(keys(&u["next"][0]), set(&["step", "label", "help"]));
    assert_eq!(u["next"][0]["step"], "check_with_circle");
    assert_eq!(
        u["next"][0]["help"],
        text::status::next_step_help(NextStep::CheckWithCircle)
    );
}

#[test]
fn text_from_a_records_file_cannot_rewrite_the_terminal_or_reorder_a_line() {
    let home = Home::new();
    // An app id as a tampered records file could hold it: a bidirectional
    // override and an escape sequence that would clear the screen.
    let app_id = "app-\u{202E}evil\u{1b}[2J";
    Registered::record_only(&home, false, app_id, &fixture_fingerprint(), 10);
    let run = home.run(Bus::None, &["status"]);
    run.expect(0);
    let raw = |s: &str| s.contains('\u{202E}') || s.contains('\u{1b}');
    assert!(!raw(&run.stdout) && !raw(&run.stderr), "{}", run.stdout);
    assert!(
        run.stdout.contains("app-\\u{202E}evil\\u{001B}[2J"),
        "{}",
        run.stdout
    );
    // JSON keeps the value (as JSON escapes) for a program to read.
    let json = home.run(Bus::None, &["status", "--json"]);
    json.expect(0);
    assert!(!raw(&json.stdout), "{}", json.stdout);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["registrations"][0]["app_id"], app_id);
}

#[test]
fn status_of_an_empty_computer_says_so_and_creates_nothing() {
    let home = Home::new();
    let run = home.run(Bus::None, &["status"]);
    run.expect(0);
    assert!(run.stdout.contains(text::status::NOTHING_YET));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(!home.data_dir().exists());
}

// ----- record -----

#[test]
fn record_prints_every_entry_and_reports_damaged_lines_in_text_and_json() {
    let home = Home::new();
    let log = CeremonyLog::open(home.data_dir()).unwrap();
    log.append(
        &LogEntry::new(
            Utc::now(),
            false,
            CeremonyKind::Onboarding,
            "register",
            Outcome::Succeeded,
        )
        .with_secret_fingerprint("0011223344556677")
        .with_request_id("req-1"),
    )
    .unwrap();
    let mut raw = std::fs::read(log.path()).unwrap();
    raw.extend_from_slice(b"{\"time\": \"half a line\n");
    std::fs::write(log.path(), raw).unwrap();

    let run = home.run(Bus::None, &["record"]);
    run.expect(0);
    assert!(
        run.stdout.contains("Registration  register  succeeded"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("secret 0011223344556677"));
    assert!(run.stdout.contains("Circle request id req-1"));
    assert!(run.stdout.contains("  line 2: "), "{}", run.stdout);

    let run = home.run(Bus::None, &["record", "--json"]);
    run.expect(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(keys(&v), set(&["schema", "log", "entries", "damaged"]));
    assert_eq!(v["entries"][0]["step"], "register");
    assert_eq!(v["entries"][0]["request_id"], "req-1");
    assert_eq!(v["damaged"][0]["line"], 2);
    // The rehearsal log is another file, empty here.
    let run = home.run(Bus::None, &["record", "--rehearsal"]);
    run.expect(0);
    assert!(run.stdout.contains(text::cli::LOG_EMPTY));
}

// ----- rehearse -----

/// Start `rehearse --serve`, read what it prints up to "Serving", make a
/// real request with the printed key, stop it with `signal`.
#[cfg(unix)]
fn serve_and_stop(signal: rustix::process::Signal) {
    let home = Home::new();
    let mut child = home
        .command(Bus::None, &["rehearse", "--serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    while !printed.contains("Serving until") {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "ended: {printed}");
        printed.push_str(&line);
    }
    let field = |name: &str| -> String {
        printed
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap()
            .trim()
            .to_owned()
    };
    let (url, key, fingerprint) = (
        field("Simulated Circle:"),
        field("Practice API key:"),
        field("Circle public key SHA-256:"),
    );
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let client = entity_secret_wizard::circle::CircleClient::new(
        entity_secret_wizard::circle::ClientConfig::with_base_url(url.parse().unwrap()),
    )
    .unwrap();
    let api_key = entity_secret_wizard::secret::ApiKey::parse(&key).unwrap();
    let answer = runtime
        .block_on(client.public_key(&api_key))
        .unwrap_or_else(|e| panic!("{}", explain(&e)));
    assert_eq!(answer.value.fingerprint(), fingerprint);
    let config = runtime.block_on(client.entity_config(&api_key)).unwrap();
    assert_eq!(config.value.app_id, field("App id:"));

    let pid = rustix::process::Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    rustix::process::kill_process(pid, signal).unwrap();
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(status.code(), Some(0), "{rest}");
    assert_eq!(rest, "Stopped.\n");
}

#[cfg(unix)]
#[test]
fn rehearse_serve_answers_on_the_printed_address_until_sigterm() {
    serve_and_stop(rustix::process::Signal::TERM);
}

#[cfg(unix)]
#[test]
fn rehearse_serve_stops_on_sigint_as_on_ctrl_c() {
    serve_and_stop(rustix::process::Signal::INT);
}
