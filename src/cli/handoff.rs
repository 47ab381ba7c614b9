//! `handoff`: a registration's secret encrypted with age to the public keys
//! of the people or servers that deploy it, written as a new file; stdout
//! says where, to whom, how to open it, and how sensitive it is. The secret
//! itself is never printed.

use std::path::PathBuf;

use zeroize::{Zeroize, Zeroizing};

use super::args::HandoffArgs;
use super::error::CliError;
use super::exit::Exit;
use super::{choose, reach, say};
use crate::ceremony::{Deps, HandoffRequest, HandoffSession, HandoffTarget};
use crate::circle::ClientConfig;
use crate::handoff::{
    self, HandoffError, HandoffFormat, Recipient, RecipientsError, read_recipients_file,
};
use crate::text::cli as cli_text;

/// Hand the secret over and say how to open it.
pub fn run(
    mut args: HandoffArgs,
    runtime: &tokio::runtime::Runtime,
    circle: ClientConfig,
) -> Result<Exit, CliError> {
    // The recipients first: a private key given by mistake is refused
    // before anything is opened, read or written.
    let recipients = recipients(&mut args)?;
    let deps = Deps::real(circle)?;
    let rehearsal = args.which.rehearsal;
    let record = choose::named(&deps, &args.which)?;
    let format = if args.armor {
        HandoffFormat::Armored
    } else {
        HandoffFormat::Binary
    };
    let report = runtime.block_on(async {
        let (ctx, _) = reach::open(&deps, rehearsal, false, Some(record.app_id.as_str())).await?;
        let session = HandoffSession::new(ctx, HandoffTarget::Registration(record))?;
        let path = target(args.out, &session);
        let handed = session
            .hand_off(HandoffRequest {
                recipients,
                format,
                path,
            })
            .await?;
        if let Some(problem) = session.log_problem() {
            say::warning(&cli_text::bookkeeping_problem(&problem));
        }
        Ok::<_, CliError>(handed.report())
    })?;
    say::out(&report)?;
    Ok(Exit::Ok)
}

/// The recipients of `--to` (one a value, read as lines in the order
/// given) or of `--recipients-file`. The `--to` values are wiped once read:
/// one of them may be a private key given by mistake.
fn recipients(args: &mut HandoffArgs) -> Result<Vec<Recipient>, CliError> {
    if let Some(file) = &args.recipients_file {
        return Ok(read_recipients_file(file)?);
    }
    let mut given = std::mem::take(&mut args.to);
    let text = Zeroizing::new(given.join("\n"));
    given.zeroize();
    Ok(handoff::parse_recipients(&text).map_err(HandoffError::from)?)
}

/// `--out`, or the offered name inside it when it is a folder.
fn target(out: PathBuf, session: &HandoffSession) -> PathBuf {
    if out.is_dir() {
        out.join(session.default_file_name())
    } else {
        out
    }
}

/// The status a handoff failure ends the command with.
pub fn exit_of(error: &HandoffError) -> Exit {
    match error {
        HandoffError::Ceremony(e) => Exit::of(e),
        HandoffError::Recipients(RecipientsError::PrivateKey { .. })
        | HandoffError::PendingNotHanded(_) => Exit::Refused,
        HandoffError::Recipients(_) => Exit::Usage,
        HandoffError::RecipientsFile { .. }
        | HandoffError::RecipientsFileNotText { .. }
        | HandoffError::Write(_) => Exit::Files,
        HandoffError::Encrypt(_) => Exit::Failed,
    }
}
