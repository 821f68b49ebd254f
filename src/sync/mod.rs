//! Sharing a library through git: every saved version is one commit of a shared repository
//! (`layout`, `message`), `push` sends local versions there, `pull` takes in others' versions
//! and starts a semantic three-way `merge` when both sides saved versions of one process.
//!
//! `git.rs` is the only place that runs git; everything else here decides, and the library
//! (`store`) writes what was decided in one transaction, so a refused pull changes nothing.

pub mod anchor;
pub mod approval;
pub mod commits;
mod error;
pub mod files;
pub mod git;
pub mod gpg;
pub mod keys;
pub mod merge;
pub mod message;
pub mod openpgp;
pub mod pull;
pub mod push;
pub mod readable;
pub mod remote;
pub mod resolve;
pub mod signing;
pub mod signing_key;
mod summary;

pub use error::SyncError;
pub use pull::{pull, PullReport};
pub use push::{push, PushReport};
pub use remote::{cache_dir, link};
pub use summary::summary;
