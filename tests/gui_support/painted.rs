//! What the last frame painted, for what the eye sees rather than what a
//! screen reader hears: colours, glyphs, text past the window's edge.

use super::Wizard;

impl Wizard {
    /// All text the last frame painted (galleys), for what the eye sees
    /// rather than what a screen reader hears.
    pub fn painted_text(&self) -> Vec<String> {
        self.painted_texts()
            .into_iter()
            .map(|t| t.galley.job.text.clone())
            .collect()
    }

    /// The colour the last frame painted the text containing `needle` in.
    pub fn painted_color_of(&self, needle: &str) -> Option<egui::Color32> {
        self.painted_texts()
            .into_iter()
            .find(|t| t.galley.job.text.contains(needle))
            .and_then(|t| t.galley.job.sections.first().map(|s| s.format.color))
    }

    /// Each of `texts` with characters the app's fonts cannot draw, and
    /// those characters.
    pub fn lacking_glyphs(&self, texts: &[String]) -> Vec<(String, String)> {
        let font = egui::FontId::proportional(14.0);
        let ctx = &self.harness.ctx;
        texts
            .iter()
            .filter(|t| !ctx.fonts_mut(|f| f.has_glyphs(&font, t)))
            .map(|t| {
                let chars = t
                    .chars()
                    .filter(|c| !ctx.fonts_mut(|f| f.has_glyph(&font, *c)))
                    .collect();
                (t.clone(), chars)
            })
            .collect()
    }

    /// Every text on screen can be drawn, and every control can be reached
    /// by role and name.
    #[track_caller]
    pub fn assert_readable(&self) {
        self.harness.check_accessibility();
        let lacking = self.lacking_glyphs(&self.texts());
        assert!(lacking.is_empty(), "glyphs the fonts lack: {lacking:?}");
    }

    /// The colour of errors and problems in the theme shown.
    pub fn error_color(&self) -> egui::Color32 {
        let ctx = &self.harness.ctx;
        ctx.style_of(ctx.theme()).visuals.error_fg_color
    }

    /// The texts the last frame painted past `width` (their right edge),
    /// for a window that must not need sideways scrolling.
    pub fn painted_past(&self, width: f32) -> Vec<String> {
        self.painted_texts()
            .into_iter()
            .filter(|t| t.pos.x + t.galley.rect.right() > width + 0.5)
            .map(|t| {
                format!(
                    "{:.0}..{:.0}: {}",
                    t.pos.x + t.galley.rect.left(),
                    t.pos.x + t.galley.rect.right(),
                    t.galley.job.text
                )
            })
            .collect()
    }

    /// The texts the last frame painted that cannot be read whole where
    /// they are, each with why:
    ///
    /// - sideways, a text must fit inside its clip rect (the panel, the
    ///   scroll area, the frame it is in) and the window: the window scrolls
    ///   only vertically, so nothing reveals what sticks out at the side;
    /// - vertically, a text may run past a scroll area's edge (scrolling
    ///   reveals it) but must not be taller than its clip rect, which no
    ///   scrolling can show whole.
    ///
    /// One-line text fields scroll their own text sideways, as every text
    /// field does: texts clipped to a field are exempt from the first rule,
    /// and must be one line instead (a field one line high shows no second
    /// line).
    pub fn clipped_texts(&self) -> Vec<String> {
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, self.size);
        let fields = self.field_rects();
        let mut problems = Vec::new();
        for (clip, t) in self.painted_texts_clipped() {
            let rect = t.galley.rect.translate(t.pos.to_vec2());
            let text = &t.galley.job.text;
            let in_field = fields.iter().any(|f| f.expand(4.0).contains_rect(clip));
            let describe = |why: &str| {
                format!(
                    "{why}: text {:.0},{:.0}..{:.0},{:.0} in clip {:.0},{:.0}..{:.0},{:.0}: {text:?}",
                    rect.left(),
                    rect.top(),
                    rect.right(),
                    rect.bottom(),
                    clip.left(),
                    clip.top(),
                    clip.right(),
                    clip.bottom()
                )
            };
            if clip.width() <= 0.0 || clip.height() <= 0.0 || text.is_empty() {
                // Not shown at all (scrolled out of view); the tall window
                // of `FIT_SIZES` shows it.
                continue;
            }
            if in_field {
                if t.galley.rows.len() > 1 {
                    problems.push(describe("more than one line in a one-line field"));
                }
                continue;
            }
            if t.galley.elided {
                problems.push(describe("cut short with an ellipsis"));
            }
            let sides = clip.intersect(window);
            if rect.left() < sides.left() - 0.5 || rect.right() > sides.right() + 0.5 {
                problems.push(describe("cut at the side"));
            }
            if rect.height() > clip.height() + 0.5 {
                problems.push(describe("taller than where it is shown"));
            }
        }
        problems
    }

    /// Where the text fields are, from the accessibility tree.
    fn field_rects(&self) -> Vec<egui::Rect> {
        use egui::accesskit::Role;
        use egui_kittest::kittest::NodeT;
        self.harness
            .root()
            .children_recursive()
            .filter_map(|node| {
                let node = node.accesskit_node();
                let field = matches!(
                    node.role(),
                    Role::TextInput | Role::PasswordInput | Role::SearchInput
                );
                let b = node.bounding_box().filter(|_| field)?;
                Some(egui::Rect::from_min_max(
                    egui::pos2(b.x0 as f32, b.y0 as f32),
                    egui::pos2(b.x1 as f32, b.y1 as f32),
                ))
            })
            .collect()
    }

    fn painted_texts(&self) -> Vec<egui::epaint::TextShape> {
        self.painted_texts_clipped()
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    /// Every painted text with the rect it was clipped to.
    fn painted_texts_clipped(&self) -> Vec<(egui::Rect, egui::epaint::TextShape)> {
        fn walk(
            clip: egui::Rect,
            shape: &egui::epaint::Shape,
            out: &mut Vec<(egui::Rect, egui::epaint::TextShape)>,
        ) {
            match shape {
                egui::epaint::Shape::Text(t) => out.push((clip, t.clone())),
                egui::epaint::Shape::Vec(v) => v.iter().for_each(|s| walk(clip, s, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for clipped in &self.harness.output().shapes {
            walk(clipped.clip_rect, &clipped.shape, &mut out);
        }
        out
    }

    /// The painted texts starting with one of `marks` that were broken
    /// over more than one line (a step indicator's "○ Recovery file" must
    /// never leave its mark on one line and its name on the next).
    pub fn broken_marked_texts(&self, marks: &[&str]) -> Vec<String> {
        self.painted_texts()
            .into_iter()
            .filter(|t| marks.iter().any(|m| t.galley.job.text.starts_with(m)))
            .filter(|t| t.galley.rows.len() > 1)
            .map(|t| t.galley.job.text.clone())
            .collect()
    }

    /// The window sizes every screen must fit: the smallest the window
    /// allows, the same width with room for the whole screen (the width
    /// decides how text wraps; the height only what is in view, and the
    /// frame paints only what is in view), and a full-HD screen.
    pub const FIT_SIZES: [(f32, f32); 3] = [(640.0, 520.0), (640.0, 2600.0), (1920.0, 1080.0)];

    /// The screen shown, at each of [`Self::FIT_SIZES`], has no text cut
    /// off (see [`Self::clipped_texts`]); then the window is as it was.
    #[track_caller]
    pub fn assert_fits(&mut self, what: &str) {
        let before = self.size;
        let mut problems = Vec::new();
        for (width, height) in Self::FIT_SIZES {
            self.resize(egui::vec2(width, height));
            problems.extend(
                self.clipped_texts()
                    .into_iter()
                    .map(|p| format!("{width}×{height}: {p}")),
            );
        }
        self.resize(before);
        assert!(
            problems.is_empty(),
            "{what} ({:?}): texts cut off:\n{}",
            self.screen(),
            problems.join("\n")
        );
    }

    /// Resize the window and draw the screen at the new size.
    pub fn resize(&mut self, size: egui::Vec2) {
        self.size = size;
        self.harness.set_size(size);
        // A grid sizes its columns from the frame before: three frames.
        self.settle();
        self.step();
    }
}
