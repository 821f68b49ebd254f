//! The one place Flowlane runs `gpg`: reading a public key's fingerprint, and a throwaway
//! keyring holding only the allowed signers' keys, against which git checks GPG-signed commits
//! (so nobody's personal keyring or trust settings decide what the shared repository accepts).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::openpgp;
use super::SyncError;

/// The fingerprint of the (first) primary key in an armoured public key.
pub fn fingerprint(armored: &str) -> Result<String, SyncError> {
    let home = scratch()?;
    let out = run(
        home.path(),
        &["--with-colons", "--import-options", "show-only", "--import"],
        armored,
    )?;
    let text = String::from_utf8_lossy(&out);
    // `pub` then its `fpr` record; subkeys' fingerprints follow their own `sub` records.
    let mut after_primary = false;
    for record in text.lines() {
        let fields: Vec<&str> = record.split(':').collect();
        match fields.first() {
            Some(&"pub") => after_primary = true,
            Some(&"fpr") if after_primary => {
                if let Some(f) = fields.get(9).filter(|f| !f.is_empty()) {
                    return Ok(f.to_uppercase());
                }
            }
            Some(&"sub") => after_primary = false,
            _ => {}
        }
    }
    Err(failed("the file holds no GPG public key".into()))
}

/// A keyring (a GnuPG home) holding the public keys of the list's GPG signers and nothing else
/// (empty when it has none, so the user's own keyring never vouches), removed when dropped.
pub fn keyring(signers: &str) -> Result<tempfile::TempDir, SyncError> {
    let home = scratch()?;
    for (_, _, key) in openpgp::entries(signers) {
        // A key gpg cannot read vouches for nothing; the others still count.
        let _ = run(home.path(), &["--import"], &openpgp::armored(&key));
    }
    Ok(home)
}

fn scratch() -> Result<tempfile::TempDir, SyncError> {
    tempfile::Builder::new()
        .prefix("flowlane-gpg")
        .tempdir()
        .map_err(|e| failed(e.to_string()))
}

fn failed(message: String) -> SyncError {
    SyncError::Git {
        command: "gpg".into(),
        message,
    }
}

/// Runs gpg on `home` with `input` on stdin; its stdout, or its last complaint.
fn run(home: &Path, args: &[&str], input: &str) -> Result<Vec<u8>, SyncError> {
    let mut child = Command::new("gpg")
        .args(["--batch", "--quiet", "--no-tty", "--homedir"])
        .arg(home)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("gpg cannot be run ({e}); install GnuPG")))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| failed(e.to_string()))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| failed(e.to_string()))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(failed(
            err.lines()
                .rfind(|l| !l.trim().is_empty())
                .unwrap_or("gpg failed")
                .to_string(),
        ))
    }
}
