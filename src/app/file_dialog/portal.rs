//! The desktop portal's file chooser (`org.freedesktop.portal.FileChooser`),
//! asked over the session bus.
//!
//! rfd's portal client waits for the answer with no end and cannot close
//! its request, and it answers `None` for a Cancel, a refused request and a
//! missing portal alike. Asked directly, the request:
//! - names the window it belongs to, so the dialog stays above it;
//! - is closed (`Request.Close`) when the person gives up on it or wants it
//!   shown again;
//! - has [`ACCEPT_WITHIN`] to be taken by the portal, after which the
//!   wizard stops waiting;
//! - ends with the portal's own answer: chosen, cancelled, or ended
//!   otherwise.

use futures_util::StreamExt;
use std::collections::HashMap;
use zbus::names::BusName;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

use super::control::ACCEPT_WITHIN;
use super::{DialogAsk, DialogControl, DialogResult, Kind, NoPath, Wish};

const DESKTOP: &str = "org.freedesktop.portal.Desktop";
const DESKTOP_PATH: &str = "/org/freedesktop/portal/desktop";
const FILE_CHOOSER: &str = "org.freedesktop.portal.FileChooser";
const REQUEST: &str = "org.freedesktop.portal.Request";

/// The portal's answer codes (`Request.Response`): chosen, cancelled, and
/// "ended in some other way", which is what xdg-desktop-portal-gtk answers
/// when the person presses Escape or closes the dialog's window.
const RESPONSE_CHOSEN: u32 = 0;
const RESPONSE_CANCELLED: u32 = 1;
const RESPONSE_CLOSED: u32 = 2;

/// Show the dialog and wait for the person, or for the window's wish.
pub(super) async fn ask(kind: Kind, ask: &DialogAsk, control: &DialogControl) -> DialogResult {
    // A wish made while no dialog was open is not about this one.
    control.clear();
    let conn = zbus::Connection::session()
        .await
        .map_err(|_| NoPath::NoService)?;
    if !portal_exists(&conn).await {
        return Err(NoPath::NoService);
    }
    loop {
        let request = open(&conn, kind, ask, control.parent_name()).await?;
        let mut responses = request.responses;
        tokio::select! {
            response = responses.next() => {
                let Some(response) = response else {
                    return Err(NoPath::Failed(String::new()));
                };
                return answer(&response);
            }
            wish = control.wished() => {
                // Closing ends the dialog on screen; it sends no answer.
                let _ = request.proxy.call_method("Close", &()).await;
                match wish {
                    Wish::GiveUp => return Err(NoPath::GaveUp),
                    Wish::ShowAgain => continue,
                }
            }
        }
    }
}

/// Whether a portal runs on the bus, or would be started by it.
async fn portal_exists(conn: &zbus::Connection) -> bool {
    let Ok(bus) = zbus::fdo::DBusProxy::new(conn).await else {
        return false;
    };
    let Ok(name) = BusName::try_from(DESKTOP) else {
        return false;
    };
    if bus.name_has_owner(name).await.unwrap_or(false) {
        return true;
    }
    bus.list_activatable_names()
        .await
        .map(|names| names.iter().any(|n| n.as_str() == DESKTOP))
        .unwrap_or(false)
}

/// A request the portal took: its object, and its answer to come.
struct Open {
    proxy: zbus::Proxy<'static>,
    responses: zbus::proxy::SignalStream<'static>,
}

/// Ask the portal for a dialog; listen for the answer before asking, as the
/// portal may answer before its reply to the call arrives.
async fn open(
    conn: &zbus::Connection,
    kind: Kind,
    ask: &DialogAsk,
    parent: &str,
) -> Result<Open, NoPath> {
    let failed = |e: zbus::Error| NoPath::Failed(e.to_string());
    let token = format!("esw{}", uuid::Uuid::new_v4().simple());
    let sender = conn
        .unique_name()
        .map(|n| n.trim_start_matches(':').replace('.', "_"))
        .unwrap_or_default();
    let expected = format!("{DESKTOP_PATH}/request/{sender}/{token}");
    let mut request = listen(conn, expected.clone()).await.map_err(failed)?;

    let mut options: HashMap<&str, Value<'_>> = HashMap::new();
    options.insert("handle_token", Value::from(token.as_str()));
    options.insert("modal", Value::from(true));
    // The portal wants the folder as bytes ending in NUL.
    let mut folder = ask.directory.as_os_str().as_encoded_bytes().to_vec();
    folder.push(0);
    options.insert("current_folder", Value::from(folder));
    let method = match kind {
        Kind::Save => {
            if let Some(name) = &ask.file_name {
                options.insert("current_name", Value::from(name.as_str()));
            }
            "SaveFile"
        }
        Kind::Open => {
            options.insert("multiple", Value::from(false));
            "OpenFile"
        }
    };
    let body = (parent, ask.title.as_str(), options);
    let call = conn.call_method(
        Some(DESKTOP),
        DESKTOP_PATH,
        Some(FILE_CHOOSER),
        method,
        &body,
    );
    let reply = tokio::time::timeout(ACCEPT_WITHIN, call)
        .await
        .map_err(|_| NoPath::NoAnswer)?
        .map_err(refused)?;
    let handle: OwnedObjectPath = reply.body().deserialize().map_err(failed)?;
    if handle.as_str() != expected {
        // Portals before version 0.9 name the request themselves.
        request = listen(conn, handle.to_string()).await.map_err(failed)?;
    }
    Ok(request)
}

/// Why the portal refused a request: a portal with no file chooser (no
/// backend installed, or none for this desktop) is no dialog service at
/// all; anything else is said in the portal's words.
fn refused(e: zbus::Error) -> NoPath {
    const NO_CHOOSER: [&str; 4] = [
        "org.freedesktop.DBus.Error.UnknownMethod",
        "org.freedesktop.DBus.Error.UnknownInterface",
        "org.freedesktop.DBus.Error.UnknownObject",
        "org.freedesktop.DBus.Error.ServiceUnknown",
    ];
    match &e {
        zbus::Error::MethodError(name, _, _) if NO_CHOOSER.contains(&name.as_str()) => {
            NoPath::NoService
        }
        _ => NoPath::Failed(e.to_string()),
    }
}

/// Subscribe to the answer of the request at `path`.
async fn listen(conn: &zbus::Connection, path: String) -> zbus::Result<Open> {
    let proxy = zbus::Proxy::new_owned(conn.clone(), DESKTOP, path, REQUEST).await?;
    let responses = proxy.receive_signal("Response").await?;
    Ok(Open { proxy, responses })
}

/// The path in the portal's answer.
fn answer(response: &zbus::Message) -> DialogResult {
    let (code, results): (u32, HashMap<String, OwnedValue>) = response
        .body()
        .deserialize()
        .map_err(|e| NoPath::Failed(e.to_string()))?;
    match code {
        RESPONSE_CHOSEN => {}
        RESPONSE_CANCELLED | RESPONSE_CLOSED => return Err(NoPath::Cancelled),
        _ => return Err(NoPath::Failed(String::new())),
    }
    let uris = results
        .get("uris")
        .and_then(|v| Vec::<String>::try_from(v.clone()).ok())
        .unwrap_or_default();
    path_of(&uris)
}

/// The one local path among the portal's URIs.
fn path_of(uris: &[String]) -> DialogResult {
    let Some(uri) = uris.first() else {
        return Err(NoPath::Failed(String::new()));
    };
    url::Url::parse(uri)
        .ok()
        .filter(|u| u.scheme() == "file")
        .and_then(|u| u.to_file_path().ok())
        .ok_or_else(|| NoPath::Failed(uri.clone()))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_file_uri_is_decoded_to_its_path() {
        let uris = vec!["file:///media/usb/recovery%20file.dat".to_owned()];
        assert_eq!(
            path_of(&uris).unwrap(),
            PathBuf::from("/media/usb/recovery file.dat")
        );
    }

    #[test]
    fn a_uri_that_is_not_a_local_file_is_refused_with_its_words() {
        let uris = vec!["sftp://host/recovery.dat".to_owned()];
        assert_eq!(
            path_of(&uris),
            Err(NoPath::Failed("sftp://host/recovery.dat".into()))
        );
        assert!(matches!(path_of(&[]), Err(NoPath::Failed(_))));
    }
}
