//! The exported SVG's labels are drawn by every common renderer: resvg (our PNG export) and
//! librsvg (`rsvg-convert`, what GNOME, Inkscape's import and many converters use). Each label's
//! box must hold ink after rendering; and no label relies on `paint-order`, which renderers that
//! skip it (ImageMagick's own) answer by painting the white halo over the letters.

use std::process::Command;

use flowlane::export::png::{rasterise, system_fonts};
use flowlane::export::svg::svg;
use flowlane::{canonical, samples};
use resvg::tiny_skia::Pixmap;

fn sample(file: &str) -> flowlane::model::Process {
    let (_, text, _) = samples::FILES
        .iter()
        .find(|(name, _, _)| *name == file)
        .expect("sample exists");
    canonical::parse(text).expect("sample parses")
}

/// A label as drawn: its line and the box its letters fill, in SVG user units.
struct Label {
    text: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// The labels drawn in black or grey over a white halo (captions and flow texts), and the
/// viewBox origin.
fn labels(svg: &str) -> ((f64, f64), Vec<Label>) {
    let doc = roxmltree::Document::parse(svg).expect("the export is XML");
    let root = doc.root_element();
    let view: Vec<f64> = root
        .attribute("viewBox")
        .expect("viewBox")
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    let number = |n: roxmltree::Node, key: &str| -> f64 {
        n.attribute(key).and_then(|v| v.parse().ok()).unwrap_or(0.0)
    };
    let texts: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .collect();
    let mut found = Vec::new();
    for pair in texts.windows(2) {
        let (halo, label) = (pair[0], pair[1]);
        if halo.attribute("stroke").is_none() || label.attribute("stroke").is_some() {
            continue;
        }
        let text = label.text().unwrap_or_default().to_string();
        let size = number(label, "font-size");
        // A generous lower bound of the advance of sans-serif letters.
        let w = 0.4 * size * text.chars().count() as f64;
        let x = number(label, "x");
        let x = match label.attribute("text-anchor") {
            Some("middle") => x - w / 2.0,
            Some("end") => x - w,
            _ => x,
        };
        let y = number(label, "y") - 0.7 * size;
        found.push(Label {
            text,
            x,
            y,
            w,
            h: 0.8 * size,
        });
    }
    ((view[0], view[1]), found)
}

/// Pixels inside `label` clearly darker than the white page and the lane fills.
fn ink(picture: &Pixmap, origin: (f64, f64), scale: f64, label: &Label) -> usize {
    let x0 = ((label.x - origin.0) * scale).max(0.0) as u32;
    let y0 = ((label.y - origin.1) * scale).max(0.0) as u32;
    let x1 = (((label.x + label.w - origin.0) * scale) as u32).min(picture.width());
    let y1 = (((label.y + label.h - origin.1) * scale) as u32).min(picture.height());
    let mut dark = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = picture.pixel(x, y).expect("inside");
            let luminance =
                (u32::from(p.red()) * 3 + u32::from(p.green()) * 6 + u32::from(p.blue())) / 10;
            if luminance < 150 {
                dark += 1;
            }
        }
    }
    dark
}

/// Every label has ink in its box: none was left blank.
fn assert_drawn(
    renderer: &str,
    picture: &Pixmap,
    origin: (f64, f64),
    scale: f64,
    labels: &[Label],
) {
    assert!(labels.len() >= 10, "{} labels found", labels.len());
    let blank: Vec<&str> = labels
        .iter()
        .filter(|l| ink(picture, origin, scale, l) < l.text.chars().count())
        .map(|l| l.text.as_str())
        .collect();
    assert!(
        blank.is_empty(),
        "{renderer} left these labels blank: {blank:?}"
    );
}

fn exported() -> (String, (f64, f64), Vec<Label>) {
    let drawn = svg(&sample("accounts-payable.v2.json"));
    let (origin, labels) = labels(&drawn);
    (drawn, origin, labels)
}

#[test]
fn labels_are_plain_text_with_a_font_stack_and_no_paint_order() {
    let (drawn, _, labels) = exported();
    assert!(
        !drawn.contains("paint-order"),
        "a label relies on paint-order"
    );
    let doc = roxmltree::Document::parse(&drawn).expect("the export is XML");
    assert_eq!(
        doc.root_element().attribute("font-family"),
        Some("'DejaVu Sans', Verdana, 'Segoe UI', sans-serif"),
        "a font stack every renderer can resolve"
    );
    assert!(labels.len() >= 10, "{} halo labels", labels.len());
    assert!(labels.iter().any(|l| l.text == "Approved?"));
}

#[test]
fn resvg_draws_every_label() {
    let (drawn, origin, labels) = exported();
    let png = rasterise(&drawn, system_fonts(), 2.0).expect("resvg renders the export");
    let picture = Pixmap::decode_png(&png).expect("a PNG");
    assert_drawn("resvg", &picture, origin, 2.0, &labels);
}

#[test]
fn rsvg_convert_draws_every_label() {
    let (drawn, origin, labels) = exported();
    let dir = tempfile::tempdir().expect("temp dir");
    let (input, output) = (dir.path().join("export.svg"), dir.path().join("export.png"));
    std::fs::write(&input, &drawn).expect("write the export");
    let status = Command::new("rsvg-convert")
        .args(["--zoom", "2", "--background-color", "white", "--output"])
        .arg(&output)
        .arg(&input)
        .status()
        .expect("rsvg-convert runs (apt-get install librsvg2-bin; scripts/setup.sh installs it)");
    assert!(status.success(), "rsvg-convert failed: {status}");
    let picture = Pixmap::decode_png(&std::fs::read(&output).expect("the PNG")).expect("a PNG");
    assert_drawn("rsvg-convert", &picture, origin, 2.0, &labels);
}
