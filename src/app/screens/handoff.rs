//! The handoff panel, over the screen it was asked from: which secret,
//! the recipients (pasted from the clipboard or loaded from a file, never
//! typed into a field that would keep a pasted private key in its undo
//! history), each with its fingerprint and a name for the record; binary
//! or armored; saved as a new file; then how to open it and how sensitive
//! it is.

use egui::{RichText, Ui};

use crate::app::chrome::log_problem_ui;
use crate::app::handoff_view::{HandoffPanel, HandoffView};
use crate::app::widgets::{ErrorView, error_box_ui, typed_path_ui};
use crate::app::wizard::WizardApp;
use crate::app::worker::HandoffCommand;
use crate::ceremony::Handed;
use crate::handoff::{self, HandoffFormat};
use crate::text::handoff as words;

impl WizardApp {
    pub(in crate::app) fn handoff_ui(&mut self, ui: &mut Ui) {
        ui.heading(words::TITLE);
        let view = self.handoff.as_ref().and_then(|p| p.view.clone());
        if let Some(view) = &view {
            ui.add(egui::Label::new(RichText::new(target_line(view)).strong()).wrap());
            ui.add_space(6.0);
            match &view.handed {
                Some(handed) => handed_ui(ui, view, handed),
                None => self.recipients_ui(ui, view),
            }
        }
        self.busy_ui(ui);
        self.messages_ui(ui);
        log_problem_ui(ui, view.as_ref().and_then(|v| v.log_problem.as_deref()));
        ui.add_space(8.0);
        let enabled = self.busy.is_none();
        ui.horizontal_wrapped(|ui| {
            let handed = view.as_ref().is_some_and(|v| v.handed.is_some());
            if handed
                && ui
                    .add_enabled(enabled, egui::Button::new(words::ANOTHER))
                    .clicked()
                && let Some(v) = self.handoff.as_mut().and_then(|p| p.view.as_mut())
            {
                v.handed = None;
            }
            if ui
                .add_enabled(enabled, egui::Button::new(words::CLOSE))
                .clicked()
            {
                self.handoff = None;
                self.send(HandoffCommand::Close);
            }
        });
    }

    /// The recipients, the format and the save.
    fn recipients_ui(&mut self, ui: &mut Ui, view: &HandoffView) {
        let enabled = self.busy.is_none();
        ui.label(RichText::new(words::RECIPIENTS_HEADING).strong());
        ui.add(egui::Label::new(words::RECIPIENTS_HELP).wrap());
        ui.add(egui::Label::new(RichText::new(words::NO_FIELD_EXPLAINED).weak()).wrap());
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(
                    enabled && self.clipboard.available(),
                    egui::Button::new(words::PASTE),
                )
                .on_disabled_hover_text(words::NO_CLIPBOARD_NEXT)
                .clicked()
            {
                self.paste_recipients();
            }
            if ui
                .add_enabled(enabled, egui::Button::new(words::LOAD_FILE))
                .clicked()
            {
                self.send_handoff(HandoffCommand::LoadRecipients(None));
            }
        });
        ui.add(egui::Label::new(words::RECIPIENTS_FILE_TYPED).wrap());
        let Some(panel) = self.handoff.as_mut() else {
            return;
        };
        if let Some(path) = typed_path_ui(
            ui,
            &mut panel.recipients_path,
            words::RECIPIENTS_FILE_PATH,
            words::LOAD_THIS_FILE,
            enabled,
        ) {
            self.send_handoff(HandoffCommand::LoadRecipients(Some(path)));
        }
        let Some(panel) = self.handoff.as_mut() else {
            return;
        };
        if let Some(refused) = &panel.refused {
            error_box_ui(ui, refused);
        }
        recipient_list_ui(ui, panel, enabled);
        ui.add_space(6.0);
        ui.label(RichText::new(words::FORMAT_HEADING).strong());
        ui.radio_value(
            &mut panel.format,
            HandoffFormat::Binary,
            words::FORMAT_BINARY,
        );
        ui.radio_value(
            &mut panel.format,
            HandoffFormat::Armored,
            words::FORMAT_ARMORED,
        );
        ui.add(
            egui::Label::new(
                RichText::new(words::offered_name(&view.default_file_name)).monospace(),
            )
            .wrap(),
        );
        let ready = !panel.recipients.is_empty();
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(enabled && ready, egui::Button::new(words::SAVE))
                .clicked()
            {
                self.save_handoff(None);
            }
            if !ready {
                ui.label(RichText::new(words::RECIPIENTS_NEEDED).italics().weak());
            }
        });
        ui.add(egui::Label::new(words::SAVE_TYPED).wrap());
        let Some(panel) = self.handoff.as_mut() else {
            return;
        };
        if let Some(path) = typed_path_ui(
            ui,
            &mut panel.save_path,
            words::SAVE_PATH,
            words::SAVE_HERE,
            enabled && ready,
        ) {
            self.save_handoff(Some(path));
        }
    }

    /// Read the clipboard once, parse it, and keep only the public keys
    /// found: the text itself is wiped when this returns, whatever it held.
    fn paste_recipients(&mut self) {
        let pasted = self.clipboard.read();
        let parsed = pasted.as_deref().map(|t| handoff::parse_recipients(t));
        if let (Some(Err(handoff::RecipientsError::PrivateKey { .. })), Some(text)) =
            (&parsed, &pasted)
        {
            self.clipboard.clear_if_holding(text);
        }
        drop(pasted);
        let Some(panel) = self.handoff.as_mut() else {
            return;
        };
        self.error = None;
        self.notice = None;
        match parsed {
            Some(Ok(found)) => {
                panel.refused = None;
                panel.add(found);
            }
            Some(Err(e)) => panel.refused = Some(ErrorView::from_error(&e)),
            None => {
                panel.refused = Some(ErrorView {
                    message: words::CLIPBOARD_EMPTY.to_owned(),
                    next_step: words::CLIPBOARD_EMPTY_NEXT.to_owned(),
                    request_id: None,
                });
            }
        }
    }

    fn save_handoff(&mut self, path: Option<std::path::PathBuf>) {
        let Some(panel) = self.handoff.as_ref() else {
            return;
        };
        let command = HandoffCommand::Save {
            recipients: panel.named(),
            format: panel.format,
            path,
        };
        self.send_handoff(command);
    }

    /// Send a handoff step; the panel waits for its news.
    pub(in crate::app) fn send_handoff(&mut self, command: HandoffCommand) {
        self.send(command);
        self.busy = Some(words::WORKING_BUSY);
    }
}

/// Which secret the panel hands over.
fn target_line(view: &HandoffView) -> String {
    let environment = view.environment.label();
    match view.pending {
        Some(ceremony) => words::target_pending(
            &ceremony.label().to_lowercase(),
            environment,
            &view.app_id,
            &view.secret_fingerprint,
        ),
        None => words::target_registered(environment, &view.app_id, &view.secret_fingerprint),
    }
}

/// The recipients listed, each with its fingerprint and a name field.
fn recipient_list_ui(ui: &mut Ui, panel: &mut HandoffPanel, enabled: bool) {
    if panel.recipients.is_empty() {
        ui.label(RichText::new(words::NO_RECIPIENTS_YET).weak());
        return;
    }
    ui.label(words::recipients_listed(panel.recipients.len()));
    for (index, (recipient, name)) in panel.recipients.iter_mut().enumerate() {
        let number = index + 1;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(
                egui::Label::new(
                    RichText::new(words::recipient_listed(
                        number,
                        recipient.kind().slug(),
                        recipient.fingerprint(),
                    ))
                    .monospace(),
                )
                .wrap(),
            );
            let field = words::name_field(number);
            let edit = egui::TextEdit::singleline(name)
                .char_limit(handoff::MAX_NAME_CHARS)
                .hint_text(field.as_str())
                .desired_width(ui.available_width().clamp(160.0, 360.0));
            ui.add_enabled(enabled, edit).accessible_name(&field);
        });
    }
    if ui
        .add_enabled(enabled, egui::Button::new(words::CLEAR))
        .clicked()
    {
        panel.recipients.clear();
        panel.refused = None;
    }
}

/// The file written: where, its hash, which secret, to whom, how to open
/// it, and how sensitive it is.
fn handed_ui(ui: &mut Ui, view: &HandoffView, handed: &Handed) {
    let record = &handed.record;
    let file_name = words::file_name_of(&record.path);
    let wrapped = |ui: &mut Ui, text: RichText| ui.add(egui::Label::new(text).wrap());
    wrapped(ui, RichText::new(words::saved(&record.path)).strong());
    wrapped(
        ui,
        RichText::new(words::sha256_line(&record.sha256)).monospace(),
    );
    wrapped(ui, RichText::new(words::carried(record)));
    ui.add_space(4.0);
    wrapped(
        ui,
        RichText::new(words::recipients_heading(record.recipients.len())),
    );
    for r in &record.recipients {
        let line = words::recipient_line(&r.kind, &r.fingerprint, r.name.as_deref());
        wrapped(ui, RichText::new(line).monospace());
    }
    ui.add_space(4.0);
    wrapped(ui, RichText::new(words::OPEN_WITH).strong());
    let command = words::open_command(&file_name, &handed.kinds);
    wrapped(ui, RichText::new(command).monospace());
    wrapped(ui, RichText::new(words::identity_explained(&handed.kinds)));
    wrapped(ui, RichText::new(words::ENV_WITH).strong());
    let env = words::env_example(&file_name, &handed.kinds, view.pending.is_some());
    wrapped(ui, RichText::new(env).monospace());
    if view.pending.is_some() {
        wrapped(ui, RichText::new(words::PENDING_DEPLOY).strong());
    }
    ui.add_space(4.0);
    wrapped(
        ui,
        RichText::new(words::SENSITIVE)
            .strong()
            .color(ui.visuals().warn_fg_color),
    );
}
