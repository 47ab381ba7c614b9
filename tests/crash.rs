//! Faults injected from outside the process: the real binary runs a whole
//! rehearsal with a small fault injector preloaded (`tests/fault_injection/
//! fault.c`, built here with the C compiler), which kills it (SIGKILL) at a
//! chosen `rename` or `linkat`, and the next launch must say exactly what
//! happened and finish it without losing the secret or the recovery file.
//!
//! The kill points are found by a dry run of the same rehearsal with the
//! injector only logging: the link of the recovery file into place, the
//! journal write after it, the write of the records, and the journal write
//! after that.
//!
//! These need a Secret Service (the rehearsal keeps its secret in the real
//! keychain): `tests/run.sh` provides one and runs them.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

use entity_secret_wizard::ceremony::status::{NextStep, Situation, StatusView};
use entity_secret_wizard::ceremony::{CeremonyContext, Deps, Finishing, Mode, SimulatorSource};
use entity_secret_wizard::circle::ClientConfig;
use entity_secret_wizard::clock::SystemClock;
use entity_secret_wizard::secret::sha256_hex;
use entity_secret_wizard::store::{self, KeyringStore, Presence, SecretStore};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_entity-secret-wizard");

/// A home folder of its own for one run of the binary.
struct Home {
    dir: tempfile::TempDir,
}

impl Drop for Home {
    fn drop(&mut self) {
        common::forget_rehearsal_entries(BIN, self.dir.path(), &self.dir.path().join("share"));
    }
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn target(&self) -> PathBuf {
        self.dir.path().join("recovery_file.dat")
    }

    /// The app's data folder, as the binary finds it from XDG_DATA_HOME.
    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("share").join("entity-secret-wizard")
    }

    fn rehearsal_dir(&self) -> PathBuf {
        store::rehearsal_dir(&self.data_dir())
    }

    /// Run `rehearse` with the fault injector preloaded and these
    /// variables set for it.
    fn rehearse_with(&self, fault_env: &[(&str, String)]) -> std::process::Output {
        self.rehearse_ceremony(&[], fault_env)
    }

    /// `rehearse` with extra arguments (`--ceremony rotation`).
    fn rehearse_ceremony(
        &self,
        args: &[&str],
        fault_env: &[(&str, String)],
    ) -> std::process::Output {
        let mut command = Command::new(BIN);
        command
            .arg("rehearse")
            .args(args)
            .arg("--recovery-file")
            .arg(self.target())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("share"))
            .env("LD_PRELOAD", injector());
        for (name, value) in fault_env {
            command.env(name, value);
        }
        command.output().unwrap()
    }

    /// What the next launch finds, with the real keychain.
    fn deps(&self) -> Deps {
        Deps {
            data_dir: self.data_dir(),
            home: self.dir.path().to_path_buf(),
            clock: Arc::new(SystemClock),
            stores: Arc::new(|service: &str| {
                KeyringStore::new(service).map(|s| Arc::new(s) as Arc<dyn SecretStore>)
            }),
            circle: ClientConfig::default(),
            simulator: SimulatorSource::Generate,
        }
    }

    fn ctx(&self) -> CeremonyContext {
        // No Circle call is made when finishing: the address is never used.
        let unused = url::Url::parse("http://127.0.0.1:9").unwrap();
        CeremonyContext::open(&self.deps(), &Mode::Rehearsal(unused)).unwrap()
    }

    fn leftover_temp_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.rehearsal_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        names.sort();
        names
    }
}

/// The fault injector, built once per test run with the C compiler.
fn injector() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fault_injection/fault.c");
        // Under the target folder cargo gives integration tests, not a
        // temporary folder that would outlive every run (a static is never
        // dropped). Built beside and renamed into place, so two runs at
        // once never load a half-written library.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fault-injector");
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("fault.so");
        let building = dir.join(format!("fault.so.{}", std::process::id()));
        let status = Command::new("cc")
            .args(["-shared", "-fPIC", "-O2", "-o"])
            .arg(&building)
            .arg(&source)
            .arg("-ldl")
            .status()
            .expect("a C compiler (cc) builds the fault injector");
        assert!(status.success(), "cc failed to build {}", source.display());
        std::fs::rename(&building, &out).unwrap();
        out
    })
}

/// The `rename` and `linkat` calls of a whole rehearsal, in order, as
/// `(call, target path)`, from a dry run with the injector only logging.
fn call_order() -> Vec<(String, String)> {
    let home = Home::new();
    let log = home.dir.path().join("calls.log");
    let out = home.rehearse_with(&[("ESW_FAULT_LOG", log.display().to_string())]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let (call, target) = line.split_once(' ')?;
            Some((call.to_owned(), target.to_owned()))
        })
        .collect()
}

/// A kill point, as the injector's `ESW_FAULT` value.
fn kill_at(call: &str, suffix: &str, nth: usize) -> String {
    format!("{call}:{suffix}:{nth}:kill")
}

struct KillPoints {
    /// The link of the recovery file into place.
    link: String,
    /// The journal write right after the link.
    after_link: String,
    /// The write of the records.
    records: String,
    /// The journal write right after the records.
    after_records: String,
}

fn kill_points() -> KillPoints {
    let order = call_order();
    let journal_writes_before = |index: usize| {
        order[..index]
            .iter()
            .filter(|(call, to)| call == "rename" && to.ends_with("journal.json"))
            .count()
    };
    let link = order
        .iter()
        .position(|(call, to)| call == "linkat" && to.ends_with("recovery_file.dat"))
        .expect("the recovery file is linked into place");
    let records = order
        .iter()
        .position(|(call, to)| call == "rename" && to.ends_with("registrations.json"))
        .expect("the records are written");
    assert!(order[link + 1].1.ends_with("journal.json"), "{order:?}");
    assert!(order[records + 1].1.ends_with("journal.json"), "{order:?}");
    KillPoints {
        link: kill_at("linkat", "recovery_file.dat", 1),
        after_link: kill_at("rename", "journal.json", journal_writes_before(link) + 1),
        records: kill_at("rename", "registrations.json", 1),
        after_records: kill_at("rename", "journal.json", journal_writes_before(records) + 1),
    }
}

/// Run a rehearsal killed at `point`.
fn killed_at(home: &Home, point: &str) {
    let out = home.rehearse_with(&[("ESW_FAULT", point.to_owned())]);
    assert_eq!(
        out.status.signal(),
        Some(9),
        "killed by SIGKILL at {point}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout)
    );
}

fn the_unfinished(home: &Home) -> entity_secret_wizard::ceremony::status::Unfinished {
    let status = StatusView::load(&home.deps());
    let mine: Vec<_> = status
        .unfinished
        .into_iter()
        .filter(|u| u.entry.rehearsal)
        .collect();
    assert_eq!(mine.len(), 1, "{mine:#?}");
    mine.into_iter().next().unwrap()
}

fn keychain() -> KeyringStore {
    KeyringStore::new(store::REHEARSAL_SERVICE).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
async fn killed_at_each_write_after_registration_the_next_launch_says_so_and_finishes() {
    let points = kill_points();

    // 1. Killed before the link: the whole recovery file is in the hidden
    //    temporary file beside its destination. The next launch says so and
    //    finishes saving it where it was going.
    let home = Home::new();
    killed_at(&home, &points.link);
    assert!(!home.target().exists());
    let item = the_unfinished(&home);
    let Situation::AcceptedRecoveryInTemp { temp, target } = &item.situation else {
        panic!("{:?}", item.situation)
    };
    assert_eq!(target, &home.target());
    assert!(temp.exists());
    let temp_sha = sha256_hex(&std::fs::read(temp).unwrap());
    assert_eq!(item.next, vec![NextStep::Finish]);
    let mut finishing = Finishing::open(home.ctx(), item.entry.clone())
        .await
        .unwrap();
    finishing.save_leftover(None).await.unwrap();
    let record = finishing.complete().await.unwrap();
    assert_eq!(sha256_hex(&std::fs::read(home.target()).unwrap()), temp_sha);
    assert_eq!(record.recovery_sha256.as_deref(), Some(temp_sha.as_str()));
    assert_finished(
        &home,
        &item.entry.keychain_account,
        &record.keychain_account,
    );

    // 2. Killed after the file was linked and verified, before the journal
    //    heard of it: the next launch finds the file where it went.
    let home = Home::new();
    killed_at(&home, &points.after_link);
    assert!(home.target().exists());
    let item = the_unfinished(&home);
    assert_eq!(item.situation, Situation::AcceptedBookkeepingLeft);
    let mut finishing = Finishing::open(home.ctx(), item.entry.clone())
        .await
        .unwrap();
    assert!(!finishing.holds_unsaved_recovery());
    let record = finishing.complete().await.unwrap();
    assert_eq!(
        record.recovery_path.as_deref(),
        Some(home.target().as_path())
    );
    assert_eq!(
        record.recovery_sha256,
        Some(sha256_hex(&std::fs::read(home.target()).unwrap()))
    );
    assert_finished(
        &home,
        &item.entry.keychain_account,
        &record.keychain_account,
    );

    // 3. Killed while replacing the records: their temporary file is left
    //    behind, and removed by the next launch; no registration is claimed
    //    until the record is written by finishing.
    let home = Home::new();
    killed_at(&home, &points.records);
    assert_eq!(
        home.leftover_temp_files().len(),
        1,
        "the records' temporary file"
    );
    let item = the_unfinished(&home);
    assert!(
        home.leftover_temp_files().is_empty(),
        "removed at the next launch"
    );
    assert_eq!(item.situation, Situation::AcceptedBookkeepingLeft);
    assert!(StatusView::load(&home.deps()).registrations.is_empty());
    let mut finishing = Finishing::open(home.ctx(), item.entry.clone())
        .await
        .unwrap();
    let record = finishing.complete().await.unwrap();
    assert_finished(
        &home,
        &item.entry.keychain_account,
        &record.keychain_account,
    );

    // 4. Killed after the records, before the journal closed: the record is
    //    there, with its recovery file, and finishing only closes the entry.
    let home = Home::new();
    killed_at(&home, &points.after_records);
    let status = StatusView::load(&home.deps());
    let registered: Vec<_> = status
        .registrations
        .iter()
        .filter(|r| r.record.rehearsal)
        .collect();
    assert_eq!(registered.len(), 1);
    assert_eq!(
        registered[0].record.recovery_path.as_deref(),
        Some(home.target().as_path())
    );
    assert!(
        registered[0].attention.is_empty(),
        "{:?}",
        registered[0].attention
    );
    let item = the_unfinished(&home);
    let mut finishing = Finishing::open(home.ctx(), item.entry.clone())
        .await
        .unwrap();
    let record = finishing.complete().await.unwrap();
    assert_eq!(&record, &registered[0].record);
    assert_finished(
        &home,
        &item.entry.keychain_account,
        &record.keychain_account,
    );
}

/// Nothing unfinished, the secret under its active account only, one
/// registration, no temporary file anywhere.
fn assert_finished(home: &Home, pending: &str, active: &str) {
    let status = StatusView::load(&home.deps());
    assert!(status.unfinished.is_empty(), "{:#?}", status.unfinished);
    let keychain = keychain();
    assert_eq!(keychain.presence(active).unwrap(), Presence::Present);
    assert_eq!(keychain.presence(pending).unwrap(), Presence::Absent);
    assert!(home.leftover_temp_files().is_empty());
    let mut in_dest: Vec<String> = std::fs::read_dir(home.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    in_dest.sort();
    assert!(in_dest.is_empty(), "{in_dest:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service (tests/run.sh runs it)"]
async fn a_rotation_killed_while_recording_is_finished_at_the_next_launch() {
    // The second write of the records is the rotation's: kill it there,
    // after Console accepted, the new recovery file was saved and the new
    // secret moved into place.
    let home = Home::new();
    let out = home.rehearse_ceremony(
        &["--ceremony", "rotation"],
        &[("ESW_FAULT", kill_at("rename", "registrations.json", 2))],
    );
    assert_eq!(
        out.status.signal(),
        Some(9),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let status = StatusView::load(&home.deps());
    let before = status
        .registrations
        .iter()
        .find(|r| r.record.rehearsal)
        .unwrap()
        .record
        .clone();
    let item = the_unfinished(&home);
    assert_eq!(item.entry.ceremony, store::CeremonyKind::Rotation);
    assert_eq!(item.situation, Situation::AcceptedBookkeepingLeft);
    let retire = item.entry.retire.clone().unwrap();
    assert_eq!(retire.fingerprint, before.secret_fingerprint);
    let mut finishing = Finishing::open(home.ctx(), item.entry.clone())
        .await
        .unwrap();
    let record = finishing.complete().await.unwrap();
    assert_eq!(record.secret_fingerprint, item.entry.secret_fingerprint);
    assert_eq!(record.retired.len(), 1);
    assert_eq!(record.retired[0].fingerprint, before.secret_fingerprint);
    let keychain = keychain();
    assert_eq!(
        keychain.presence(&record.keychain_account).unwrap(),
        Presence::Present
    );
    assert_eq!(
        keychain.presence(&retire.to_account).unwrap(),
        Presence::Present
    );
    assert_eq!(
        keychain.presence(&item.entry.keychain_account).unwrap(),
        Presence::Absent
    );
    assert!(StatusView::load(&home.deps()).unfinished.is_empty());
}
