//! A process as a PNG picture: its SVG (see `svg`) rasterised with resvg. Pure: the fonts are
//! passed in (the edges pass `system_fonts`, which reads the system's font folders).

use std::sync::Arc;

pub use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};

use crate::model::Process;

/// Pictures larger than this many pixels, or wider or taller than `MAX_SIDE`, are drawn at a
/// smaller scale, so a huge process still gives a file image viewers open (160 MB of pixels at
/// most; many viewers refuse sides over 32,767).
pub const MAX_PIXELS: f64 = 40_000_000.0;
pub const MAX_SIDE: f64 = 32_767.0;

/// The fonts installed on this machine, for the edges to pass when a PNG is asked for.
pub fn system_fonts() -> Arc<fontdb::Database> {
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    Arc::new(fonts)
}

#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("no fonts were found to draw the text with; install a sans-serif font (on Debian: apt-get install fonts-dejavu-core)")]
    NoFonts,
    #[error("the picture could not be drawn: {0}")]
    Svg(#[from] usvg::Error),
    #[error("the picture is empty")]
    Empty,
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
}

/// Draws `process` at `scale` device pixels per diagram unit (2 gives a crisp print), less if the
/// picture would pass `MAX_PIXELS`.
pub fn png(
    process: &Process,
    fonts: Arc<fontdb::Database>,
    scale: f32,
) -> Result<Vec<u8>, PngError> {
    rasterise(&super::svg::svg(process), fonts, scale)
}

/// Rasterises an SVG document on a white background.
pub fn rasterise(svg: &str, fonts: Arc<fontdb::Database>, scale: f32) -> Result<Vec<u8>, PngError> {
    if fonts.is_empty() {
        return Err(PngError::NoFonts);
    }
    let options = usvg::Options {
        fontdb: fonts,
        font_family: "DejaVu Sans".to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let fit = (MAX_PIXELS / (w * h))
        .sqrt()
        .min(MAX_SIDE / w)
        .min(MAX_SIDE / h) as f32;
    let scale = scale.min(fit).max(f32::MIN_POSITIVE);
    let width = (size.width() * scale).ceil() as u32;
    let height = (size.height() * scale).ceil() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PngError::Empty)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
