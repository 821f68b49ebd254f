//! Comparing two definitions.

pub mod text;
