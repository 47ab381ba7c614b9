//! The place a person chose for a recovery file: its path, what was found
//! about it (the same disk as the keychain, a synced folder, …), and which
//! of those warnings the person acknowledged. Onboarding and the Console
//! ceremonies choose one the same way.

use std::path::{Path, PathBuf};

use super::{CeremonyError, blocking};
use crate::store::{self, LocationNote, RecoveryWriteError};

/// A chosen place, or none yet.
#[derive(Debug, Clone, Default)]
pub struct ChosenPlace {
    path: Option<PathBuf>,
    notes: Vec<LocationNote>,
    acknowledged: Vec<bool>,
}

impl ChosenPlace {
    /// Prove `path` writable (a probe file, written and removed) and find
    /// what to say about it, off the async threads. The outer error: the
    /// blocking task failed; the inner: the place is not usable.
    pub async fn probe(
        path: &Path,
        home: &Path,
    ) -> Result<Result<Vec<LocationNote>, RecoveryWriteError>, CeremonyError> {
        let (probe, home) = (path.to_path_buf(), home.to_path_buf());
        blocking(move || {
            store::prove_writable(&probe).map(|()| store::location_notes(&probe, &home))
        })
        .await
    }

    /// Choose `path`, with its notes; no warning is acknowledged yet.
    pub fn choose(&mut self, path: PathBuf, notes: Vec<LocationNote>) {
        self.acknowledged = vec![false; notes.len()];
        self.notes = notes;
        self.path = Some(path);
    }

    /// No place chosen.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// The file went to `path` after all (a place typed after the chosen
    /// one failed); the notes stay those of the place chosen.
    pub fn written_at(&mut self, path: PathBuf) {
        self.path = Some(path);
    }

    /// The chosen path.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The notes about the place, with whether each is acknowledged.
    pub fn notes(&self) -> impl Iterator<Item = (&LocationNote, bool)> {
        self.notes.iter().zip(self.acknowledged.iter().copied())
    }

    /// Acknowledge (or withdraw) the warning at `index` of the notes.
    pub fn acknowledge(&mut self, index: usize, acknowledged: bool) {
        if let Some(slot) = self.acknowledged.get_mut(index) {
            *slot = acknowledged;
        }
    }

    /// Whether every warning about the place is acknowledged.
    pub fn warnings_acknowledged(&self) -> bool {
        self.notes()
            .all(|(note, acknowledged)| !note.is_warning() || acknowledged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_with(notes: Vec<LocationNote>) -> ChosenPlace {
        let mut place = ChosenPlace::default();
        place.choose(PathBuf::from("/media/usb/recovery_file.dat"), notes);
        place
    }

    #[test]
    fn every_warning_must_be_acknowledged_and_good_news_needs_none() {
        let mut place = place_with(vec![
            LocationNote::RemovableMedia,
            LocationNote::SameFilesystemAsHome,
            LocationNote::CloudSync {
                provider: "Dropbox",
            },
        ]);
        assert!(!place.warnings_acknowledged());
        place.acknowledge(1, true);
        assert!(!place.warnings_acknowledged());
        place.acknowledge(2, true);
        assert!(place.warnings_acknowledged());
        place.acknowledge(2, false);
        assert!(!place.warnings_acknowledged());
        // An index past the notes changes nothing.
        place.acknowledge(7, true);
        assert!(!place.warnings_acknowledged());
        assert!(place_with(vec![LocationNote::RemovableMedia]).warnings_acknowledged());
    }

    #[test]
    fn a_new_choice_asks_again_and_a_cleared_place_has_nothing() {
        let mut place = place_with(vec![LocationNote::SameFilesystemAsHome]);
        place.acknowledge(0, true);
        place.choose(
            PathBuf::from("/home/me/recovery_file.dat"),
            vec![LocationNote::SameFilesystemAsHome],
        );
        assert!(
            !place.warnings_acknowledged(),
            "acknowledged for another place"
        );
        place.written_at(PathBuf::from("/media/other/recovery_file.dat"));
        assert_eq!(
            place.path(),
            Some(Path::new("/media/other/recovery_file.dat"))
        );
        assert_eq!(place.notes().count(), 1);
        place.clear();
        assert!(place.path().is_none());
        assert_eq!(place.notes().count(), 0);
    }
}
