//! Throwaway SSH keys made by `ssh-keygen` for one test, and a library set up to sign with one.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use flowlane::store::{Library, FOUR_EYES, REQUIRE_SIGNATURES, SIGNERS, SIGNING_KEY};
use flowlane::sync::signing;

/// A new ed25519 key pair without a passphrase in `dir`: (private key file, public key line).
pub fn keygen(dir: &Path, name: &str) -> (PathBuf, String) {
    let key = dir.join(format!("{name}_ed25519"));
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&key)
        .output()
        .expect("ssh-keygen is installed (scripts/setup.sh installs openssh-client)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    (key, public)
}

/// `library` signs with `key` and allows each of `signers` (name, public key line).
pub fn signs_with(
    library: &mut Library,
    key: &Path,
    signers: &[(&str, &str)],
    who: &str,
    at: DateTime<Utc>,
) {
    let key = key.to_string_lossy();
    library
        .set_signing(SIGNING_KEY, Some(&key), who, at)
        .unwrap();
    allows(library, signers, who, at);
}

/// `library` allows each of `signers` (name, public key line) to sign.
pub fn allows(library: &mut Library, signers: &[(&str, &str)], who: &str, at: DateTime<Utc>) {
    let mut list = library.signing().unwrap().signers;
    for (name, public) in signers {
        list = signing::with_line(&list, &signing::line(name, public).unwrap());
    }
    library.set_signing(SIGNERS, Some(&list), who, at).unwrap();
}

/// Turns on signed versions required, or four-eyes approval.
pub fn requires(library: &mut Library, setting: Policy, who: &str, at: DateTime<Utc>) {
    let key = match setting {
        Policy::Signatures => REQUIRE_SIGNATURES,
        Policy::FourEyes => FOUR_EYES,
    };
    library.set_signing(key, Some("on"), who, at).unwrap();
}

pub enum Policy {
    Signatures,
    FourEyes,
}
