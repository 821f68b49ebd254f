//! The one place Flowlane runs `ssh-keygen`: signing an approval statement with the user's SSH
//! key and finding which allowed signer signed one (`ssh-keygen -Y`, the same signatures git
//! makes for commits, in the namespace `flowlane`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::SyncError;

/// The namespace approval signatures are made in, so no signature of another purpose (a git
/// commit, a file) can pass for an approval.
pub const NAMESPACE: &str = "flowlane";

/// The armoured SSH signature of `data` made with the key at `key`.
pub fn sign(key: &Path, data: &str) -> Result<String, SyncError> {
    let failed = |reason: String| SyncError::SigningFailed {
        key: key.display().to_string(),
        reason,
    };
    let mut cmd = Command::new("ssh-keygen");
    cmd.args(["-q", "-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(key);
    let out = run(cmd, data).map_err(failed)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The allowed signer (from `allowed`, an allowed-signers file) whose key made `signature` of
/// `data`, or `None` when the signature does not verify or no allowed signer has its key.
pub fn signer(allowed: &str, data: &str, signature: &str) -> Result<Option<String>, SyncError> {
    let scratch = tempfile::tempdir().map_err(|e| unrunnable(e.to_string()))?;
    let signers = scratch.path().join("allowed_signers");
    let sig = scratch.path().join("approval.sig");
    std::fs::write(&signers, super::openpgp::ssh_part(allowed))
        .map_err(|e| unrunnable(e.to_string()))?;
    std::fs::write(&sig, signature).map_err(|e| unrunnable(e.to_string()))?;
    let mut find = Command::new("ssh-keygen");
    find.args(["-Y", "find-principals", "-s"])
        .arg(&sig)
        .arg("-f")
        .arg(&signers);
    let Ok(found) = run(find, "") else {
        return Ok(None);
    };
    for principal in String::from_utf8_lossy(&found).lines().map(str::trim) {
        let mut verify = Command::new("ssh-keygen");
        verify
            .args(["-Y", "verify", "-n", NAMESPACE, "-f"])
            .arg(&signers)
            .args(["-I", principal, "-s"])
            .arg(&sig);
        if run(verify, data).is_ok() {
            return Ok(Some(principal.to_string()));
        }
    }
    Ok(None)
}

fn unrunnable(reason: String) -> SyncError {
    SyncError::Git {
        command: "ssh-keygen".into(),
        message: reason,
    }
}

/// Runs `cmd` with `input` on stdin; its stdout, or the last line it wrote to stderr.
fn run(mut cmd: Command, input: &str) -> Result<Vec<u8>, String> {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("ssh-keygen cannot be run ({e}); install OpenSSH"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(err
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("ssh-keygen failed")
            .to_string())
    }
}
