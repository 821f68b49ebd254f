//! Renderings of a definition for people and other tools, and the one atomic file write every
//! export goes through.

pub mod atomic;
pub mod diagram;
pub mod format;
pub mod handbook;
pub mod outline;
pub mod png;
pub mod svg;
pub mod version;
mod walk;

pub use format::{render, ExportFormat, RenderError};
