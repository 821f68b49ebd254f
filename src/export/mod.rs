//! Renderings of a definition for people and other tools.

pub mod outline;
