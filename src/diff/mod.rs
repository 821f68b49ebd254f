//! Comparing two definitions: in meaning (`semantic`, with `render` for people) and as text.

mod beside;
mod changes;
pub(crate) mod fields;
pub(crate) mod matching;
pub mod render;
pub mod semantic;
pub mod text;

pub use render::{render_layout, render_text};
pub use semantic::{diff, Diff};
