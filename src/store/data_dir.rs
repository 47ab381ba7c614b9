//! Where the app keeps its non-secret files.

use std::path::{Path, PathBuf};

use super::json_file::RecordsError;

/// The subdirectory of the data folder that rehearsal mode uses, so a
/// rehearsal never mixes with real records.
pub const REHEARSAL_SUBDIR: &str = "rehearsal";

/// The platform's data folder for the app (records, ceremony log, journal):
/// e.g. `~/.local/share/entity-secret-wizard` on Linux. Every type in this
/// module takes its folder explicitly, so tests use a temporary one.
pub fn default_data_dir() -> Result<PathBuf, RecordsError> {
    directories::ProjectDirs::from("com", "Circle Entity Secret Wizard", "entity-secret-wizard")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(RecordsError::NoDataDir)
}

/// The rehearsal-mode folder under a data folder.
pub fn rehearsal_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(REHEARSAL_SUBDIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rehearsal_is_a_subfolder() {
        let base = Path::new("/data/esw");
        assert_eq!(rehearsal_dir(base), Path::new("/data/esw/rehearsal"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn default_folder_is_named_after_the_app() {
        // Needs HOME, which every test environment here has.
        let dir = default_data_dir().unwrap();
        assert!(dir.ends_with("entity-secret-wizard"), "{}", dir.display());
    }
}
