//! The command line's shape: the commands and their arguments. Every
//! sentence `--help` shows comes from [`crate::text::cli`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::circle::ClientConfig;
use crate::text::cli as text;
use crate::text::handoff as handoff_text;

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "entity-secret-wizard",
    bin_name = "entity-secret-wizard",
    version = crate::build_info::VERSION,
    about = text::ABOUT,
    long_about = None,
    after_help = text::exit_codes_help(),
    max_term_width = 100
)]
pub struct Cli {
    /// `--circle-url`.
    #[arg(long, global = true, env = "ESW_CIRCLE_URL", hide_env_values = true, value_name = "URL", display_order = 100, help = text::HELP_CIRCLE_URL)]
    pub circle_url: Option<url::Url>,
    /// `--extra-ca`.
    #[arg(long, global = true, env = "ESW_EXTRA_CA", hide_env_values = true, value_name = "PEM-FILE", display_order = 100, help = text::HELP_EXTRA_CA)]
    pub extra_ca: Option<PathBuf>,
    /// The command; none opens the window.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Open the wizard window (the default).
    #[command(about = text::ABOUT_GUI, long_about = None)]
    Gui,
    /// What this computer knows, and the way forward for each item.
    #[command(about = text::ABOUT_STATUS, long_about = None, after_help = text::AFTER_STATUS)]
    Status(StatusArgs),
    /// A fresh ciphertext of a registered secret.
    #[command(about = text::ABOUT_CIPHERTEXT, long_about = None, after_help = text::api_key_help())]
    Ciphertext(CiphertextArgs),
    /// Circle's public key: fingerprint, size, and whether it is the one on
    /// record.
    #[command(name = "public-key", about = text::ABOUT_PUBLIC_KEY, long_about = None, after_help = text::api_key_help())]
    PublicKey(PublicKeyArgs),
    /// A whole registration against the simulated Circle, or the simulated
    /// Circle alone.
    #[command(about = text::ABOUT_REHEARSE, long_about = None)]
    Rehearse(RehearseArgs),
    /// The ceremony log.
    #[command(about = text::ABOUT_RECORD, long_about = None)]
    Record(RecordArgs),
    /// A registered secret encrypted with age for the servers.
    #[command(about = handoff_text::ABOUT_HANDOFF, long_about = None, after_help = handoff_text::AFTER_HANDOFF)]
    Handoff(HandoffArgs),
}

/// `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// `--json`.
    #[arg(long, help = text::HELP_STATUS_JSON)]
    pub json: bool,
}

/// Which registration, and whether it is a rehearsal one.
#[derive(Debug, Args)]
pub struct WhichRegistration {
    /// `--app-id`.
    #[arg(long, value_name = "ID", help = text::HELP_APP_ID)]
    pub app_id: Option<String>,
    /// `--rehearsal`.
    #[arg(long, help = text::HELP_REHEARSAL)]
    pub rehearsal: bool,
}

/// `ciphertext`.
#[derive(Debug, Args)]
pub struct CiphertextArgs {
    /// The registration.
    #[command(flatten)]
    pub which: WhichRegistration,
    /// `--public-key`.
    #[arg(long, value_name = "FILE", help = text::HELP_PUBLIC_KEY_FILE)]
    pub public_key: Option<PathBuf>,
    /// `--api-key-file`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["public_key", "rehearsal"], help = text::HELP_API_KEY_FILE)]
    pub api_key_file: Option<PathBuf>,
    /// `--accept-key`.
    #[arg(long, value_name = "FINGERPRINT", help = text::HELP_ACCEPT_KEY)]
    pub accept_key: Option<String>,
}

/// `public-key`.
#[derive(Debug, Args)]
pub struct PublicKeyArgs {
    /// The registration to compare with.
    #[command(flatten)]
    pub which: WhichRegistration,
    /// `--file`.
    #[arg(long, value_name = "FILE", help = text::HELP_KEY_FILE)]
    pub file: Option<PathBuf>,
    /// `--api-key-file`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["file", "rehearsal"], help = text::HELP_API_KEY_FILE)]
    pub api_key_file: Option<PathBuf>,
}

/// `rehearse`.
#[derive(Debug, Args)]
pub struct RehearseArgs {
    /// `--recovery-file`.
    #[arg(long, value_name = "FILE", help = text::HELP_RECOVERY_FILE)]
    pub recovery_file: Option<PathBuf>,
    /// `--memory-store`.
    #[arg(long, help = text::HELP_MEMORY_STORE)]
    pub memory_store: bool,
    /// `--serve`.
    #[arg(long, conflicts_with_all = ["recovery_file", "memory_store", "ceremony"], help = text::HELP_SERVE)]
    pub serve: bool,
    /// `--ceremony`.
    #[arg(long, value_enum, value_name = "rotation|reset", hide_possible_values = true, help = text::HELP_CEREMONY)]
    pub ceremony: Option<RehearsedCeremony>,
}

/// A Console ceremony `rehearse` runs after the registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RehearsedCeremony {
    /// The current secret replaced by a new one.
    Rotation,
    /// A new secret registered with the recovery file.
    Reset,
}

/// `handoff`.
#[derive(Debug, Args)]
pub struct HandoffArgs {
    /// The registration.
    #[command(flatten)]
    pub which: WhichRegistration,
    /// `--to`.
    #[arg(long, value_name = "RECIPIENT", required_unless_present = "recipients_file", conflicts_with = "recipients_file", help = handoff_text::HELP_TO)]
    pub to: Vec<String>,
    /// `--recipients-file`.
    #[arg(long, value_name = "FILE", help = handoff_text::HELP_RECIPIENTS_FILE)]
    pub recipients_file: Option<PathBuf>,
    /// `--armor`.
    #[arg(long, help = handoff_text::HELP_ARMOR)]
    pub armor: bool,
    /// `--out`.
    #[arg(long, value_name = "FILE", help = handoff_text::HELP_OUT)]
    pub out: PathBuf,
}

/// `record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// `--json`.
    #[arg(long, help = text::HELP_RECORD_JSON)]
    pub json: bool,
    /// `--rehearsal`.
    #[arg(long, help = text::HELP_RECORD_REHEARSAL)]
    pub rehearsal: bool,
}

impl Cli {
    /// The Circle client settings from the arguments. (A malformed URL is
    /// already refused by the parser, as a usage error.)
    pub fn circle_config(&self) -> Result<ClientConfig, String> {
        let mut config = ClientConfig::default();
        if let Some(url) = &self.circle_url {
            config.base_url = url.clone();
        }
        config.extra_ca_pem = self.extra_ca.clone();
        Ok(config)
    }
}
