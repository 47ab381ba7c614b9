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

    fn painted_texts(&self) -> Vec<egui::epaint::TextShape> {
        fn walk(shape: &egui::epaint::Shape, out: &mut Vec<egui::epaint::TextShape>) {
            match shape {
                egui::epaint::Shape::Text(t) => out.push(t.clone()),
                egui::epaint::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for clipped in &self.harness.output().shapes {
            walk(&clipped.shape, &mut out);
        }
        out
    }
}
