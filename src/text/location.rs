//! Where the recovery file goes: the location notes and their "I
//! understand" texts.

/// Warning: same disk as the keychain.
pub const SAME_FILESYSTEM_MESSAGE: &str = "This place is on the same disk as your home folder, where this computer's keychain keeps the entity secret. If that disk fails or this computer is lost, the secret and its recovery file are lost together.";

/// Acknowledgement of the same-disk warning.
pub const SAME_FILESYSTEM_ACK: &str =
    "I understand the recovery file will be on the same disk as this computer's keychain";

/// Good case: removable media.
pub const REMOVABLE_MEDIA_MESSAGE: &str = "This place looks like removable media: the best place for a recovery file. Keep the drive somewhere safe, away from this computer.";

/// Warning: a cloud-synced folder.
pub fn cloud_sync_message(provider: &str) -> String {
    format!(
        "This folder is synced by {provider}: a copy of the recovery file will be uploaded to {provider}'s servers and to every device signed in to that account. Anyone who gets that copy and into your Circle Console could reset your entity secret."
    )
}

/// Acknowledgement of the cloud-sync warning.
pub fn cloud_sync_ack(provider: &str) -> String {
    format!("I understand the recovery file will be copied to {provider}")
}
