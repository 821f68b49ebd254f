//! Sharing a library through git: every saved version is one commit of a shared repository
//! (`layout`, `message`, `commits`).
//!
//! `git.rs` is the only place that runs git; everything else here decides, and the library
//! (`store`) writes what was decided in one transaction.

pub mod commits;
mod error;
pub mod git;
pub mod layout;
pub mod message;

pub use error::SyncError;
