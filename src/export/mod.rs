//! Renderings of a definition for people and other tools.

pub mod diagram;
pub mod handbook;
pub mod outline;
pub mod png;
pub mod svg;
mod walk;
