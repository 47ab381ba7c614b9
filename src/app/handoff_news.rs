//! The worker's news of a handoff, applied to the panel (and to the list
//! of handoff files a Done screen shows).

use super::handoff_view::{HandoffNews, HandoffPanel};
use super::wizard::WizardApp;

impl WizardApp {
    /// The handoff panel's state, if it is open: what the window keeps of
    /// a handoff (public keys and names, never what was pasted).
    pub fn handoff_panel(&self) -> Option<&HandoffPanel> {
        self.handoff.as_ref()
    }

    pub(super) fn on_handoff(&mut self, news: HandoffNews) {
        if let HandoffNews::Files(fingerprint, files) = news {
            // Read without a progress line: whatever else runs keeps its own.
            if self.handoff_files.asked.as_deref() == Some(fingerprint.as_str()) {
                self.handoff_files.files = Some(files);
            }
            return;
        }
        self.busy = None;
        // The panel was closed while the worker was at it: nothing to show.
        let Some(panel) = self.handoff.as_mut() else {
            return;
        };
        match news {
            HandoffNews::View(view) => {
                if view.handed.is_some() {
                    panel.save_path.clear();
                    // A Done screen under the panel lists the new file.
                    self.handoff_files.asked = None;
                }
                panel.view = Some(*view);
            }
            HandoffNews::Recipients(found) => {
                panel.refused = None;
                panel.recipients_path.clear();
                panel.add(found);
            }
            HandoffNews::Refused(why) => panel.refused = Some(why),
            // The dialog's own news already said why.
            HandoffNews::NoPathChosen => {}
            HandoffNews::Files(..) | HandoffNews::Closed => {}
        }
    }
}
