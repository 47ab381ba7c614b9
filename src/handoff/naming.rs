//! The name a handoff file is offered under.

use crate::secret::Environment;

/// How many characters of the secret's fingerprint the name carries.
const FINGERPRINT_CHARS: usize = 8;

/// `entity-secret-<env>-<app id>-<fingerprint>[-REHEARSAL].age`.
///
/// The environment and app say which Circle account it is for; the start
/// of the secret's fingerprint tells the file of a rotation's new secret
/// from the one of the secret it replaces (same app, same folder, and a
/// new file never replaces an old one). Armored files end in `.age` too:
/// `age -d` recognises the armor itself, and tools that look for age files
/// look for that suffix.
pub fn default_file_name(
    environment: Environment,
    app_id: &str,
    secret_fingerprint: &str,
    rehearsal: bool,
) -> String {
    let fingerprint: String = secret_fingerprint.chars().take(FINGERPRINT_CHARS).collect();
    format!(
        "entity-secret-{}-{}-{}{}.age",
        environment.slug(),
        file_name_safe(app_id),
        file_name_safe(&fingerprint),
        if rehearsal { "-REHEARSAL" } else { "" }
    )
}

/// `text` with anything but ASCII letters, digits, `-` and `_` replaced by
/// `_`: app ids come from records, which are files a person can edit.
fn file_name_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_says_environment_app_secret_and_rehearsal() {
        let app = "6f1c2b4e-8a59-4a43-9d53-2d2f4f7e1c11";
        assert_eq!(
            default_file_name(Environment::Live, app, "0011223344556677", false),
            format!("entity-secret-live-{app}-00112233.age")
        );
        assert_eq!(
            default_file_name(Environment::Test, app, "0011223344556677", true),
            format!("entity-secret-test-{app}-00112233-REHEARSAL.age")
        );
        assert_eq!(
            default_file_name(Environment::Test, "../../etc/x y", "ab", false),
            "entity-secret-test-______etc_x_y-ab.age"
        );
    }
}
