//! A masked input for secrets that keeps no undo history.
//!
//! egui's `TextEdit` keeps every state of its text in an undo stack inside
//! egui's memory, so a secret typed into it would outlive the field. This
//! field keeps its text only in one zeroizing buffer of fixed capacity (never
//! reallocated, so no stray copies are left on the heap), shows bullets, and
//! exposes itself to screen readers as a password input.

use egui::{Event, Key, Response, Sense, Ui, Vec2, WidgetInfo, accesskit};
use zeroize::Zeroizing;

/// Longest text the field accepts; more is ignored, never reallocated.
const CAPACITY: usize = 512;

/// A masked text field for a secret.
pub struct SecretField {
    text: Zeroizing<String>,
}

impl Default for SecretField {
    fn default() -> Self {
        Self::new()
    }
}

impl SecretField {
    /// An empty field.
    pub fn new() -> Self {
        Self {
            text: Zeroizing::new(String::with_capacity(CAPACITY)),
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the field is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of characters typed.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }

    /// Empty the field (its buffer is zeroed).
    pub fn clear(&mut self) {
        // `String::clear` keeps the bytes; overwrite them first.
        zeroize::Zeroize::zeroize(&mut *self.text);
        self.text.reserve(CAPACITY);
    }

    /// Replace the text (for a filled-in practice key).
    pub fn set_text(&mut self, text: &str) {
        self.clear();
        self.push_str(text);
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_control() {
                continue;
            }
            if self.text.len() + c.len_utf8() > CAPACITY {
                break;
            }
            self.text.push(c);
        }
    }

    /// Draw the field. `reveal` shows the text instead of bullets (the
    /// caller decides when, and for how long). `label` names it for screen
    /// readers.
    pub fn ui(&mut self, ui: &mut Ui, label: &str, reveal: bool, width: f32) -> Response {
        let height = ui
            .spacing()
            .interact_size
            .y
            .max(ui.text_style_height(&egui::TextStyle::Monospace) + 8.0);
        let (rect, mut response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::click());
        if response.clicked() {
            response.request_focus();
        }
        if response.has_focus() {
            let events = ui.input(|i| i.events.clone());
            let before = self.text.len();
            for event in &events {
                match event {
                    Event::Text(t) | Event::Paste(t) => self.push_str(t),
                    Event::Key {
                        key: Key::Backspace,
                        pressed: true,
                        modifiers,
                        ..
                    } => {
                        if modifiers.command {
                            self.clear();
                        } else {
                            self.text.pop();
                        }
                    }
                    _ => {}
                }
            }
            if self.text.len() != before {
                response.mark_changed();
            }
        }

        let visuals = ui
            .style()
            .interact_selectable(&response, response.has_focus());
        let painter = ui.painter_at(rect);
        painter.rect(
            rect,
            visuals.corner_radius,
            ui.visuals().extreme_bg_color,
            if response.has_focus() {
                ui.visuals().selection.stroke
            } else {
                visuals.bg_stroke
            },
            egui::StrokeKind::Inside,
        );
        let shown: Zeroizing<String> = if reveal {
            self.text.clone()
        } else {
            Zeroizing::new("•".repeat(self.char_count()))
        };
        let font = egui::TextStyle::Monospace.resolve(ui.style());
        let text_color = ui.visuals().text_color();
        // One line, as a one-line field is: a text longer than the field
        // slides left so its end (where typing goes) stays in view, as any
        // text field scrolls; it is never wrapped onto a second line that
        // the field's height would cut.
        let galley = painter.layout_no_wrap(shown.to_string(), font, text_color);
        let room = rect.width() - 12.0;
        let slide = (galley.size().x - room).max(0.0);
        let text_left = rect.left() + 6.0 - slide;
        let end_x = text_left + galley.size().x;
        painter.galley(
            egui::pos2(
                text_left,
                rect.top() + (rect.height() - galley.size().y) / 2.0,
            ),
            galley,
            text_color,
        );
        if response.has_focus() {
            let x = end_x.min(rect.right() - 4.0);
            painter.line_segment(
                [
                    egui::pos2(x, rect.top() + 4.0),
                    egui::pos2(x, rect.bottom() - 4.0),
                ],
                egui::Stroke::new(1.5, text_color),
            );
        }

        // Screen readers hear the label and how many characters were typed;
        // the text itself only while the person asked to see it.
        let spoken: Zeroizing<String> = if reveal {
            self.text.clone()
        } else {
            Zeroizing::new("•".repeat(self.char_count()))
        };
        response.widget_info(|| {
            WidgetInfo::text_edit(
                ui.is_enabled(),
                spoken.to_string(),
                spoken.to_string(),
                label,
            )
        });
        // Assistive technology masks password inputs itself, so a shown
        // secret is announced as plain text, as it is drawn.
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_role(if reveal {
                accesskit::Role::TextInput
            } else {
                accesskit::Role::PasswordInput
            });
            node.set_label(label);
        });
        response
    }
}

impl std::fmt::Debug for SecretField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretField({} characters, redacted)", self.char_count())
    }
}
