//! Comparing two definitions: in meaning (`semantic`, with `render` for people) and as text.

mod beside;
mod changes;
pub(crate) mod fields;
mod layout_text;
pub(crate) mod matching;
pub mod render;
pub mod semantic;
pub mod text;

/// What names the processes calls run in a diff: a library's process names by id.
pub use crate::describe::ProcessNames;
pub use render::{change_text, render_layout, render_text, summary};
pub use semantic::{diff, diff_in, Diff};
