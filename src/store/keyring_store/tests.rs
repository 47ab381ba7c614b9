//! Tests of `keyring_store`.

use super::*;

fn boxed(e: impl StdError + Send + Sync + 'static) -> keyring_core::error::PlatformError {
    Box::new(e)
}

#[test]
fn damaged_values_are_wiped_and_reported_by_account() {
    let e = map_error(KeyringError::BadEncoding(vec![0xff; 64]), "test:a");
    assert_eq!(
        e,
        StoreError::Damaged {
            account: "test:a".into()
        }
    );
    let e = map_error(
        KeyringError::BadDataFormat(vec![1; 8], boxed(std::io::Error::other("x"))),
        "test:a",
    );
    assert_eq!(
        e,
        StoreError::Damaged {
            account: "test:a".into()
        }
    );
}

#[test]
fn no_default_store_means_no_service() {
    assert!(matches!(
        map_error(KeyringError::NoDefaultStore, ""),
        StoreError::NoSecretService { .. }
    ));
}

#[test]
fn storage_access_means_locked_and_other_failures_stay_platform() {
    let e = map_error(
        KeyringError::NoStorageAccess(boxed(std::io::Error::other("nope"))),
        "a",
    );
    assert!(matches!(e, StoreError::Locked { .. }), "{e:?}");
    let e = map_error(
        KeyringError::PlatformFailure(boxed(std::io::Error::other("boom"))),
        "a",
    );
    assert_eq!(
        e,
        StoreError::Platform {
            detail: "boom".into()
        }
    );
    let e = map_error(KeyringError::Invalid("user".into(), "too long".into()), "a");
    assert!(matches!(e, StoreError::Platform { .. }));
}

#[test]
fn service_unknown_in_text_means_no_service() {
    let e = map_error(
        KeyringError::PlatformFailure(boxed(std::io::Error::other(
            "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files",
        ))),
        "",
    );
    assert!(matches!(e, StoreError::NoSecretService { .. }), "{e:?}");
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
fn secret_service_errors_are_classified() {
    use secret_service::Error as Ss;
    type Check = fn(&StoreError) -> bool;
    let cases: Vec<(Ss, Check)> = vec![
        (Ss::Unavailable, |e| {
            matches!(e, StoreError::NoSecretService { .. })
        }),
        (Ss::Locked, |e| matches!(e, StoreError::Locked { .. })),
        (Ss::Prompt, |e| matches!(e, StoreError::Locked { .. })),
        (
            Ss::ZbusFdo(zbus::fdo::Error::ServiceUnknown("gone".into())),
            |e| matches!(e, StoreError::NoSecretService { .. }),
        ),
        (
            Ss::Zbus(zbus::Error::InputOutput(Arc::new(std::io::Error::from(
                std::io::ErrorKind::ConnectionRefused,
            )))),
            |e| matches!(e, StoreError::NoSecretService { .. }),
        ),
        (
            Ss::Zbus(zbus::Error::FDO(Box::new(zbus::fdo::Error::AccessDenied(
                "no".into(),
            )))),
            |e| matches!(e, StoreError::Locked { .. }),
        ),
        (Ss::Crypto("bad padding"), |e| {
            matches!(e, StoreError::Platform { .. })
        }),
    ];
    for (ss, want) in cases {
        let shown = ss.to_string();
        let e = map_error(KeyringError::PlatformFailure(Box::new(ss)), "a");
        assert!(want(&e), "{shown} -> {e:?}");
    }
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
fn provider_names() {
    let name = platform::provider_from_process_name;
    assert_eq!(name("gnome-keyring-d").as_deref(), Some("GNOME Keyring"));
    assert_eq!(name("kwalletd6").as_deref(), Some("KWallet"));
    assert_eq!(name("ksecretd").as_deref(), Some("KWallet"));
    assert_eq!(name("keepassxc").as_deref(), Some("KeePassXC"));
    assert_eq!(name("something").as_deref(), Some("something"));
    assert_eq!(name(""), None);
}
