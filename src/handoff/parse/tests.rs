use super::*;
use crate::handoff::RecipientKind;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/handoff/",
            $name
        ))
    };
}

const X25519: &str = fixture!("x25519.txt");
const X25519_IDENTITY: &str = fixture!("x25519-identity.txt");
const ED25519: &str = fixture!("ed25519.pub");
const ED25519_PRIVATE: &str = fixture!("ed25519-private");
const RSA2048: &str = fixture!("rsa2048.pub");
const RSA1024: &str = fixture!("rsa1024.pub");
const RSA8192: &str = fixture!("rsa8192.pub");
const ECDSA: &str = fixture!("ecdsa.pub");
const DSA: &str = fixture!("dsa.pub");
const ECDSA_CERT: &str = fixture!("ecdsa-cert.pub");

fn one_problem(text: &str) -> Problem {
    match parse_recipients(text) {
        Err(RecipientsError::BadLines { problems, total }) => {
            assert_eq!(total, 1, "{problems:?}");
            assert_eq!(problems[0].line, 1);
            problems[0].problem
        }
        other => panic!("expected one bad line, got {other:?}"),
    }
}

fn key_part(line: &str) -> &str {
    let mut parts = line.split_whitespace();
    let kind = parts.next().unwrap();
    let data = parts.next().unwrap();
    &line[..kind.len() + 1 + data.len()]
}

#[test]
fn each_kind_of_recipient_is_read_with_its_name_and_fingerprint() {
    let text = format!("{}\n{}\n{}", X25519.trim(), ED25519.trim(), RSA2048.trim());
    let found = parse_recipients(&text).unwrap();
    let kinds: Vec<RecipientKind> = found.iter().map(Recipient::kind).collect();
    assert_eq!(
        kinds,
        [
            RecipientKind::X25519,
            RecipientKind::SshEd25519,
            RecipientKind::SshRsa
        ]
    );
    assert_eq!(found[0].public_key(), X25519.trim());
    assert_eq!(found[0].name(), None);
    assert_eq!(found[1].public_key(), key_part(ED25519));
    assert_eq!(found[1].name(), Some("deploy@web1"));
    assert_eq!(found[2].name(), Some("ops@db"));
    // What `ssh-keygen -l -f` printed for these keys when they were made.
    assert_eq!(
        found[1].fingerprint(),
        "SHA256:DuNB0CwsVpYSnMNvp1+3P3QQhmiTIPF/54Me+HsSoYA"
    );
    assert_eq!(
        found[2].fingerprint(),
        "SHA256:WEJLBRfa4KD2fL8rF0k4xH0BSrH9Oud+3ypdsnFtnG0"
    );
    assert_eq!(found[1].short_fingerprint(), "SHA256:DuNB0CwsVpYS");
    assert!(found[0].fingerprint().starts_with("SHA256:"));
}

#[test]
fn comments_blank_lines_crlf_a_bom_and_names_after_age_keys_are_fine() {
    let text = format!(
        "\u{FEFF}# deploy team\r\n\r\n   \r\n{} web servers\r\n  # indented comment\r\n{}\r\n",
        X25519.trim(),
        ED25519.trim()
    );
    let found = parse_recipients(&text).unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].name(), Some("web servers"));
    // age-keygen's own comment lines, a recipients file as `age -R` reads.
    let age_file = "# created: 2026-12-01T21:21:05Z\n# public key: age1dcerw9dsnyxfzszeass87mlvf7vks0tcxvt4yez9hjtqx30rtpvs6ss92m\nage1dcerw9dsnyxfzszeass87mlvf7vks0tcxvt4yez9hjtqx30rtpvs6ss92m\n";
    assert_eq!(parse_recipients(age_file).unwrap().len(), 1);
}

#[test]
fn authorized_keys_options_are_passed_over_but_a_certificate_authority_is_refused() {
    let line = format!(
        r#"from="10.0.0.1,10.0.0.2",command="echo \"hi there\"",no-pty {}"#,
        ED25519.trim()
    );
    let found = parse_recipients(&line).unwrap();
    assert_eq!(found[0].public_key(), key_part(ED25519));
    assert_eq!(found[0].name(), Some("deploy@web1"));
    assert_eq!(
        one_problem(&format!("cert-authority {}", ED25519.trim())),
        Problem::CertificateAuthority
    );
    // Something that is not an options list before a key is no key.
    assert_eq!(
        one_problem(&format!("hello there {}", ED25519.trim())),
        Problem::NotARecipient
    );
    assert_eq!(
        one_problem(&format!(r#"command="unclosed {}"#, ED25519.trim())),
        Problem::NotARecipient
    );
}

#[test]
fn every_wrong_shape_is_refused_with_its_own_reason() {
    let ed_data = ED25519.split_whitespace().nth(1).unwrap();
    let rsa_data = RSA2048.split_whitespace().nth(1).unwrap();
    let cases: Vec<(String, Problem)> = vec![
        ("hello world".into(), Problem::NotARecipient),
        ("deadbeef".repeat(8), Problem::NotARecipient),
        ("TEST_API_KEY:abcd:efgh".into(), Problem::NotARecipient),
        ("-----BEGIN PUBLIC KEY-----".into(), Problem::NotARecipient),
        // An age key with one character changed fails its checksum.
        (
            X25519.trim().replace("age1d", "age1e"),
            Problem::AgeMalformed,
        ),
        (X25519.trim()[..40].to_owned(), Problem::AgeMalformed),
        ("age1".into(), Problem::AgeMalformed),
        ("age1pq1qqqqqqqq".into(), Problem::AgeUnsupported),
        ("age1yubikey1qwerty".into(), Problem::AgeUnsupported),
        ("age1tag1qqqq".into(), Problem::AgeUnsupported),
        ("ssh-ed25519".into(), Problem::SshMalformed),
        ("ssh-ed25519 !!!!".into(), Problem::SshMalformed),
        (
            format!("ssh-ed25519 {}", &ed_data[..30]),
            Problem::SshMalformed,
        ),
        // Two keys run together: the first one's data is too long.
        (
            format!("ssh-ed25519 {ed_data}{ed_data}"),
            Problem::SshMalformed,
        ),
        // The label says RSA, the data is an Ed25519 key.
        (format!("ssh-rsa {ed_data}"), Problem::SshMalformed),
        (format!("ssh-ed25519 {rsa_data}"), Problem::SshMalformed),
        (RSA1024.trim().into(), Problem::RsaTooSmall),
        (RSA8192.trim().into(), Problem::RsaTooLarge),
        (
            ECDSA.trim().into(),
            Problem::SshUnsupported(OtherSshKey::Ecdsa),
        ),
        (DSA.trim().into(), Problem::SshUnsupported(OtherSshKey::Dsa)),
        (
            ECDSA_CERT.trim().into(),
            Problem::SshUnsupported(OtherSshKey::Certificate),
        ),
        (
            format!("sk-ssh-ed25519@openssh.com {ed_data}"),
            Problem::SshUnsupported(OtherSshKey::SecurityKey),
        ),
        (
            format!("ssh-xmss@openssh.com {ed_data}"),
            Problem::SshUnsupported(OtherSshKey::Other),
        ),
        (
            "---- BEGIN SSH2 PUBLIC KEY ----".into(),
            Problem::Ssh2Format,
        ),
        (
            "-----BEGIN AGE ENCRYPTED FILE-----".into(),
            Problem::EncryptedFile,
        ),
        ("age-encryption.org/v1".into(), Problem::EncryptedFile),
    ];
    for (text, want) in cases {
        assert_eq!(one_problem(&text), want, "{text}");
        let error = parse_recipients(&text).unwrap_err();
        let said = format!("{error}");
        assert!(
            said.starts_with("One line is not a recipient: line 1: "),
            "{said}"
        );
        if text.len() >= 16 {
            assert!(!said.contains(&text), "the error repeats the input: {said}");
        }
    }
}

#[test]
fn a_private_key_anywhere_refuses_the_whole_text_and_says_so() {
    let cases: Vec<(String, usize, PrivateKeyKind)> = vec![
        (X25519_IDENTITY.to_owned(), 3, PrivateKeyKind::AgeIdentity),
        (
            X25519_IDENTITY.to_lowercase(),
            3,
            PrivateKeyKind::AgeIdentity,
        ),
        (ED25519_PRIVATE.to_owned(), 1, PrivateKeyKind::OpenSsh),
        // The body of an OpenSSH key copied without its first line.
        (
            ED25519_PRIVATE
                .lines()
                .skip(1)
                .collect::<Vec<_>>()
                .join("\n"),
            1,
            PrivateKeyKind::OpenSsh,
        ),
        (
            format!(
                "{}\n{}",
                ED25519.trim(),
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/fixtures/rsa2048.key.pem"
                ))
            ),
            2,
            PrivateKeyKind::Pem,
        ),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow".into(),
            1,
            PrivateKeyKind::Pem,
        ),
        (
            "PuTTY-User-Key-File-3: ssh-ed25519".into(),
            1,
            PrivateKeyKind::Putty,
        ),
        (
            "AGE-PLUGIN-YUBIKEY-1QQQQQQ".into(),
            1,
            PrivateKeyKind::AgePluginIdentity,
        ),
        // In a name after a valid key, too.
        (
            format!("{} AGE-SECRET-KEY-1QQQ", X25519.trim()),
            1,
            PrivateKeyKind::AgeIdentity,
        ),
    ];
    for (text, line, kind) in cases {
        let error = parse_recipients(&text).unwrap_err();
        assert_eq!(
            error,
            RecipientsError::PrivateKey { line, kind },
            "{}",
            &text[..text.len().min(40)]
        );
        let said = format!("{error}\n{}", crate::error::Explain::next_step(&error));
        for secret_line in text.lines().filter(|l| l.len() > 12) {
            assert!(!said.contains(secret_line.trim()), "{said}");
        }
        assert!(
            said.contains("Nothing of what was given was kept"),
            "{said}"
        );
    }
}

#[test]
fn a_file_of_mixed_lines_is_refused_whole_with_every_bad_line_numbered() {
    let text = format!(
        "# servers\n{}\nnot a key\n{}\n\n{}\n{}\n{}\n",
        X25519.trim(),
        ED25519.trim(),
        RSA1024.trim(),
        X25519.trim(),
        ECDSA.trim(),
    );
    match parse_recipients(&text).unwrap_err() {
        RecipientsError::BadLines { problems, total } => {
            assert_eq!(total, 4);
            assert_eq!(
                problems,
                vec![
                    LineProblem {
                        line: 3,
                        problem: Problem::NotARecipient
                    },
                    LineProblem {
                        line: 6,
                        problem: Problem::RsaTooSmall
                    },
                    LineProblem {
                        line: 7,
                        problem: Problem::Duplicate { first_line: 2 }
                    },
                    LineProblem {
                        line: 8,
                        problem: Problem::SshUnsupported(OtherSshKey::Ecdsa)
                    },
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn nothing_too_much_and_too_many_are_refused() {
    for text in ["", "\n\n", "# only a comment\n   \n"] {
        assert_eq!(
            parse_recipients(text).unwrap_err(),
            RecipientsError::NoRecipients
        );
    }
    assert_eq!(
        parse_recipients(&"#".repeat(MAX_TEXT_BYTES + 1)).unwrap_err(),
        RecipientsError::TooLong
    );
    let many: String = (0..=MAX_RECIPIENTS)
        .map(|_| format!("{}\n", age::x25519::Identity::generate().to_public()))
        .collect();
    assert_eq!(
        parse_recipients(&many).unwrap_err(),
        RecipientsError::TooMany {
            count: MAX_RECIPIENTS + 1
        }
    );
    let lines: String = (0..500).map(|i| format!("junk {i}\n")).collect();
    match parse_recipients(&lines).unwrap_err() {
        RecipientsError::BadLines { problems, total } => {
            assert_eq!(total, 500);
            assert_eq!(problems.len(), MAX_PROBLEMS_KEPT);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_recipient_is_the_same_after_a_trip_through_its_record() {
    let text = format!("{} web\n{}", X25519.trim(), ED25519.trim());
    for recipient in parse_recipients(&text).unwrap() {
        let back = Recipient::from_record(&recipient.to_record()).unwrap();
        assert_eq!(back, recipient);
        assert_eq!(back.fingerprint(), recipient.fingerprint());
    }
}

#[test]
fn the_fuzz_target_holds_for_the_fixtures_and_hostile_text() {
    let inputs: Vec<String> = vec![
        X25519.into(),
        X25519_IDENTITY.into(),
        ED25519.into(),
        ED25519_PRIVATE.into(),
        RSA2048.into(),
        format!("{}\n{}", RSA2048, ECDSA_CERT),
        "\u{202E}age1\u{0}\r\r\n\"\"\"".into(),
        format!("a=\"{}", "\\".repeat(1000)),
        format!("{} {}", X25519.trim(), "\u{200B}".repeat(100)),
    ];
    for input in inputs {
        crate::handoff::fuzzing::recipients(input.as_bytes());
    }
    crate::handoff::fuzzing::recipients(&[0xff, 0xfe, b'\n', 0x80]);
}

#[test]
fn the_fuzz_target_holds_for_mutations_of_the_fixtures() {
    // A small deterministic fuzzer (xorshift): byte flips, cuts, joins and
    // repeats of the fixtures, so a regression shows without the fuzz crate.
    let seeds = [
        X25519,
        X25519_IDENTITY,
        ED25519,
        ED25519_PRIVATE,
        RSA2048,
        RSA1024,
        ECDSA_CERT,
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"age1sh-d25r AQZz09+/=#\n\r\"\\,\x00\xff";
    for _ in 0..3000 {
        let a = seeds[(next() % seeds.len() as u64) as usize].as_bytes();
        let b = seeds[(next() % seeds.len() as u64) as usize].as_bytes();
        let mut data = a.to_vec();
        match next() % 4 {
            0 => data.truncate((next() % (a.len() as u64 + 1)) as usize),
            1 => data.extend_from_slice(&b[(next() % b.len() as u64) as usize..]),
            2 => {
                let copy = data.clone();
                data.extend_from_slice(&copy);
            }
            _ => {}
        }
        for _ in 0..(next() % 4) {
            if data.is_empty() {
                break;
            }
            let at = (next() % data.len() as u64) as usize;
            data[at] = alphabet[(next() % alphabet.len() as u64) as usize];
        }
        crate::handoff::fuzzing::recipients(&data);
    }
}

#[test]
fn a_key_reader_that_panics_refuses_the_line_instead() {
    assert!(matches!(
        refused_if_it_panics(|| -> u8 { panic!("a reader's bug") }),
        Err(Problem::SshMalformed)
    ));
    assert!(matches!(refused_if_it_panics(|| 7), Ok(7)));
}

#[test]
fn an_ssh_rsa_exponent_written_as_zero_bytes_is_refused_not_a_panic() {
    // The wire form age 0.12.1's reader panicked on (fuzz/regressions/
    // recipients/): the exponent is three zero bytes.
    let line =
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAAAAAQBBAQDRxoU/eLyVqpOuQ9H+ZMkGUMGVGw3zQyw3zIXpiW/W ops@db";
    assert_eq!(one_problem(line), Problem::SshMalformed);
}
