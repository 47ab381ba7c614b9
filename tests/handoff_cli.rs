//! The `handoff` command's refusals, which happen before the keychain is
//! even opened: a private key given as a recipient (on the command line or
//! in a file) is refused with exit status 7 and no copy of it is printed or
//! kept; a recipients file with one bad line writes nothing (status 2); and
//! its `--help`, word for word.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod cli_support;

use cli_support::registered::Registered;
use cli_support::{Bus, Home, fixture_dir, snapshot};

const APP: &str = "2f0c1d4e-5b6a-4789-8abc-def012345678";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_dir().join("handoff").join(name)).unwrap()
}

/// Everything under `dir`, as bytes (nothing if it does not exist).
fn bytes_under(dir: &std::path::Path) -> Vec<u8> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flat_map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() {
                bytes_under(&p)
            } else {
                std::fs::read(&p).unwrap()
            }
        })
        .collect()
}

#[test]
fn the_help_of_handoff() {
    let home = Home::new();
    let run = home.run(Bus::None, &["handoff", "--help"]);
    run.expect(0);
    snapshot("help-handoff", &run.both());
}

#[test]
fn a_private_key_given_as_a_recipient_is_refused_and_no_copy_is_printed_or_kept() {
    let home = Home::new();
    Registered::record_only(&home, false, APP, "AA:BB", 1);
    let out = home.root().join("handoff.age");
    let identity = fixture("x25519-identity.txt");
    let age_line = identity.lines().nth(2).unwrap().to_owned();
    let ssh_private = fixture("ed25519-private");
    let ssh_file = home.root().join("id_ed25519");
    std::fs::write(&ssh_file, &ssh_private).unwrap();
    let runs = [
        home.run(
            Bus::None,
            &["handoff", "--to", &age_line, "--out", out.to_str().unwrap()],
        ),
        home.run(
            Bus::None,
            &[
                "handoff",
                "--to",
                fixture("ed25519.pub").trim(),
                "--to",
                &age_line,
                "--out",
                out.to_str().unwrap(),
            ],
        ),
        home.run(
            Bus::None,
            &[
                "handoff",
                "--recipients-file",
                ssh_file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        ),
    ];
    let secret_lines: Vec<&str> = identity
        .lines()
        .chain(ssh_private.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY") || (l.len() > 40 && !l.starts_with("-----")))
        .collect();
    let kept = bytes_under(&home.data_dir());
    for run in &runs {
        run.expect(7);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(run.stderr.contains("is a private key"), "{}", run.stderr);
        assert!(run.stderr.contains("public key instead"), "{}", run.stderr);
        for line in &secret_lines {
            assert!(
                !run.stderr.contains(line),
                "stderr repeats a private key line"
            );
            assert!(
                !kept.windows(line.len()).any(|w| w == line.as_bytes()),
                "a private key line was kept in the data folder"
            );
        }
    }
    assert!(
        runs[1].stderr.contains("Line 2 is a private key"),
        "{}",
        runs[1].stderr
    );
    assert!(!out.exists());
}

#[test]
fn a_recipients_file_with_one_bad_line_writes_nothing() {
    let home = Home::new();
    Registered::record_only(&home, false, APP, "AA:BB", 1);
    let list = home.root().join("recipients.txt");
    std::fs::write(
        &list,
        format!(
            "# deploy\n{}\n{}\nssh-rsa AAAAB3NzaC1yc2E\n{}\n",
            fixture("x25519.txt").trim(),
            fixture("ed25519.pub").trim(),
            fixture("rsa1024.pub").trim()
        ),
    )
    .unwrap();
    let out = home.root().join("handoff.age");
    let run = home.run(
        Bus::None,
        &[
            "handoff",
            "--recipients-file",
            list.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    run.expect(2);
    assert!(
        run.stderr.contains("2 lines are not recipients: line 4:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("line 5: an ssh-rsa key under 2048 bits")
    );
    assert!(run.stderr.contains("Nothing was written"));
    assert!(!out.exists());
    // Neither recipients nor an unknown app touch the keychain: with no
    // Secret Service at all, the answer is about the app.
    let unknown = home.run(
        Bus::None,
        &[
            "handoff",
            "--app-id",
            "another",
            "--to",
            fixture("x25519.txt").trim(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    unknown.expect(3);
    // --to and --recipients-file are one or the other, and one is needed.
    home.run(Bus::None, &["handoff", "--out", "x"]).expect(2);
    home.run(
        Bus::None,
        &[
            "handoff",
            "--to",
            "age1x",
            "--recipients-file",
            "f",
            "--out",
            "x",
        ],
    )
    .expect(2);
}
