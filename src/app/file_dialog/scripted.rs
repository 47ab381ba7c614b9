//! A dialog that answers from a script (tests, screenshots).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;

use super::{DialogAsk, DialogControl, DialogFuture, DialogResult, FileDialog, NoPath, Wish};

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Scripted {
    /// The person chose this path.
    Path(PathBuf),
    /// No path, for this reason.
    No(NoPath),
    /// The dialog stays open until the window wishes something: shown
    /// again, it gives the next answer; given up, it ends with
    /// [`NoPath::GaveUp`].
    Hang,
}

impl From<Option<PathBuf>> for Scripted {
    fn from(answer: Option<PathBuf>) -> Self {
        answer.map_or(Self::No(NoPath::Cancelled), Self::Path)
    }
}

/// A dialog that answers with scripted answers, in order: one queue for
/// save dialogs, one for open dialogs; an empty queue answers Cancel.
#[derive(Debug, Default)]
pub struct ScriptedFileDialog {
    saves: Mutex<VecDeque<Scripted>>,
    opens: Mutex<VecDeque<Scripted>>,
    /// What each save dialog was asked, in order.
    save_asks: Mutex<Vec<DialogAsk>>,
}

impl ScriptedFileDialog {
    /// A dialog whose save dialogs give these answers (a path, or `None`
    /// for Cancel), one per call; its open dialogs answer Cancel.
    pub fn new(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self::answering(answers.into_iter().map(Scripted::from))
    }

    /// A dialog whose save dialogs give these answers, one per call.
    pub fn answering(answers: impl IntoIterator<Item = Scripted>) -> Self {
        Self {
            saves: Mutex::new(answers.into_iter().collect()),
            ..Self::default()
        }
    }

    /// The same, with these answers for open dialogs, one per call.
    pub fn with_opens(self, answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            opens: Mutex::new(answers.into_iter().map(Scripted::from).collect()),
            ..self
        }
    }

    /// The folder each save dialog so far was asked to start in.
    pub fn save_folders(&self) -> Vec<Option<PathBuf>> {
        self.save_asks()
            .into_iter()
            .map(|ask| Some(ask.directory))
            .collect()
    }

    /// What each save dialog so far was asked (its title, folder, name).
    pub fn save_asks(&self) -> Vec<DialogAsk> {
        self.save_asks
            .lock()
            .map(|asks| asks.clone())
            .unwrap_or_default()
    }
}

/// The next answer; a poisoned lock means a test already panicked, and
/// answering Cancel is fine then.
fn next_answer(queue: &Mutex<VecDeque<Scripted>>) -> Scripted {
    queue
        .lock()
        .ok()
        .and_then(|mut q| q.pop_front())
        .unwrap_or(Scripted::No(NoPath::Cancelled))
}

/// Play the queue's answers for one dialog, as the window wishes.
async fn play(
    queue: &Mutex<VecDeque<Scripted>>,
    control: &DialogControl,
    mut shown: impl FnMut(),
) -> DialogResult {
    loop {
        match next_answer(queue) {
            Scripted::Path(path) => return Ok(path),
            Scripted::No(why) => return Err(why),
            Scripted::Hang => match control.wished().await {
                Wish::GiveUp => return Err(NoPath::GaveUp),
                Wish::ShowAgain => shown(),
            },
        }
    }
}

impl FileDialog for ScriptedFileDialog {
    fn save_file<'a>(&'a self, ask: &'a DialogAsk, control: &'a DialogControl) -> DialogFuture<'a> {
        let record = move || {
            if let Ok(mut asks) = self.save_asks.lock() {
                asks.push(ask.clone());
            }
        };
        record();
        Box::pin(play(&self.saves, control, record))
    }

    fn open_file<'a>(
        &'a self,
        _ask: &'a DialogAsk,
        control: &'a DialogControl,
    ) -> DialogFuture<'a> {
        Box::pin(play(&self.opens, control, || {}))
    }
}
