//! Lines of text: captions and flow texts outlined in white, single lines placed by their
//! middle.

use super::num;
use crate::export::diagram::text::{self, Font};
use crate::export::diagram::theme::{colour, MIDDLE_TO_BASELINE};
use crate::export::diagram::{Align, TextBlock};
use crate::xml::{tag, Xml};

/// A caption or flow text on a white halo so it stays readable where it crosses a line. The
/// halo is a <text> of its own drawn first, not a stroke under the fill (`paint-order`): a
/// renderer that skips `paint-order` would paint the stroke over the letters and blank them.
pub(super) fn text_block(out: &mut Xml, block: &TextBlock, fill: &str) {
    let font = block.style.font();
    let anchor = match block.align {
        Align::Left => "start",
        Align::Right => "end",
        Align::Center => "middle",
    };
    let (x, size) = (num(block.x), num(font.size));
    for (y, line) in block.positioned_lines() {
        let y = num(baseline(y, font));
        let place = [
            ("x", x.as_str()),
            ("y", &y),
            ("font-size", &size),
            ("text-anchor", anchor),
        ];
        let halo = [
            ("fill", colour::HALO),
            ("fill-opacity", colour::HALO_OPACITY),
            ("stroke", colour::HALO),
            ("stroke-opacity", colour::HALO_OPACITY),
            ("stroke-width", "3.5"),
            ("stroke-linejoin", "round"),
        ];
        text_element(out, &[&place[..], &halo[..]].concat(), line);
        text_element(out, &[&place[..], &[("fill", fill)][..]].concat(), line);
    }
}

/// One line of text whose middle is at `y`.
pub(super) fn text_line(
    out: &mut Xml,
    x: f64,
    y: f64,
    line: &str,
    font: Font,
    fill: &str,
    anchor: &str,
) {
    let (x, y, size) = (num(x), num(baseline(y, font)), num(font.size));
    let mut attributes = vec![("x", x.as_str()), ("y", &y), ("font-size", &size)];
    if font.bold {
        attributes.push(("font-weight", "bold"));
    }
    attributes.extend([("fill", fill), ("text-anchor", anchor)]);
    text_element(out, &attributes, line);
}

/// `<text>` on a line of its own.
fn text_element(out: &mut Xml, attributes: &[(&str, &str)], line: &str) {
    let mut start = tag("text");
    for (key, value) in attributes {
        start.push_attribute((*key, *value));
    }
    out.start(start);
    out.plain_text(line);
    out.end("text");
    out.raw("\n");
}

pub(super) fn baseline(middle: f64, font: Font) -> f64 {
    middle + MIDDLE_TO_BASELINE * font.size
}

pub(super) fn first_line(text: &str, font: Font, width: f64) -> String {
    text::wrap(text, font, width, 1)
        .into_iter()
        .next()
        .unwrap_or_default()
}

pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
