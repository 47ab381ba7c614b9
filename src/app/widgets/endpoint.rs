//! Where the ceremony talks to, shown where the API key is given and on
//! the review: a ceremony sent elsewhere (`--circle-url`, `ESW_CIRCLE_URL`)
//! must not go unnoticed.

use egui::{RichText, Ui};

use crate::circle::DEFAULT_BASE_URL;
use crate::text::window as text;

/// How the address in use stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// Circle's own API (there is no separate sandbox host for Wallets:
    /// TEST and LIVE keys both go to it).
    Circle,
    /// The simulated Circle of a rehearsal, inside this app.
    Simulated,
    /// Anything else: loud.
    Elsewhere,
}

impl Endpoint {
    /// Classify `url` for a session that is (or is not) a rehearsal.
    pub fn of(url: &str, rehearsal: bool) -> Self {
        let circle = url::Url::parse(DEFAULT_BASE_URL).ok();
        let used = url::Url::parse(url).ok();
        let same = |a: &url::Url, b: &url::Url| {
            a.scheme() == b.scheme()
                && a.host_str() == b.host_str()
                && a.port_or_known_default() == b.port_or_known_default()
        };
        if rehearsal {
            Self::Simulated
        } else if let (Some(c), Some(u)) = (circle, used)
            && same(&c, &u)
        {
            Self::Circle
        } else {
            Self::Elsewhere
        }
    }

    /// The sentence that says it.
    pub fn sentence(self, url: &str) -> String {
        match self {
            Self::Circle => text::endpoint_circle(url),
            Self::Simulated => text::endpoint_simulated(url),
            Self::Elsewhere => text::endpoint_elsewhere(url),
        }
    }
}

/// Draw where the session talks to: quietly for Circle and the simulated
/// Circle, strong in the error colour for anything else.
pub fn endpoint_ui(ui: &mut Ui, url: &str, rehearsal: bool) -> egui::Response {
    let endpoint = Endpoint::of(url, rehearsal);
    let sentence = endpoint.sentence(url);
    let shown = match endpoint {
        Endpoint::Elsewhere => RichText::new(sentence)
            .strong()
            .color(ui.visuals().error_fg_color),
        Endpoint::Circle | Endpoint::Simulated => RichText::new(sentence).weak(),
    };
    ui.add(egui::Label::new(shown).wrap())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_circles_own_address_is_circle() {
        assert_eq!(
            Endpoint::of("https://api.circle.com/", false),
            Endpoint::Circle
        );
        assert_eq!(
            Endpoint::of("https://api.circle.com", false),
            Endpoint::Circle
        );
        for elsewhere in [
            "http://api.circle.com/",
            "https://api.circle.com.evil.example/",
            "https://api.circle.com:8443/",
            "http://127.0.0.1:4000/",
        ] {
            assert_eq!(
                Endpoint::of(elsewhere, false),
                Endpoint::Elsewhere,
                "{elsewhere}"
            );
        }
        assert_eq!(
            Endpoint::of("http://127.0.0.1:4000/", true),
            Endpoint::Simulated
        );
    }
}
