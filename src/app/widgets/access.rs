//! What egui does not say to screen readers by itself, said through
//! AccessKit: a widget's description, the message a field is described by,
//! and messages announced as they appear (live regions).

use egui::Response;
use egui::accesskit::Live;

/// Give the widget a description, read after its name (a hint, an example,
/// the sentence beside a button).
pub fn describe(response: &Response, description: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_description(description);
    });
}

/// Tie `field` to the message about it: the field is described by the
/// message, so a screen reader on the field reads what is wrong with it.
pub fn described_by(field: &Response, message: &Response) {
    field.ctx.accesskit_node_builder(field.id, |node| {
        node.push_described_by(message.id.accesskit_id());
    });
}

/// Have the message read out when it appears or changes, without moving the
/// focus: interrupting (an error) or when the reader is idle (news).
pub fn announce(message: &Response, interrupt: bool) {
    message.ctx.accesskit_node_builder(message.id, |node| {
        node.set_live(if interrupt {
            Live::Assertive
        } else {
            Live::Polite
        });
    });
}
