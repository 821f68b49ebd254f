//! OpenPGP (GPG) signers beside SSH ones. A library keeps one list of allowed signers; a GPG
//! signer is one line of it, `NAME openpgp FINGERPRINT KEY` (KEY the public key, base64 of its
//! binary form, as SSH lines carry theirs), so adding, revoking and merging lists work alike for
//! both. The shared repository holds the SSH lines in `allowed_signers`, which git and
//! ssh-keygen read as they are, and the GPG lines beside it in `allowed_signers.openpgp`.

use super::files::{ALLOWED_SIGNERS, OPENPGP_SIGNERS};
use super::git::{CommitSignature, Repository};
use super::SyncError;

/// The word that marks a GPG signer's line.
const KIND: &str = "openpgp";

/// Whether `line` is a GPG signer's.
fn is_openpgp(line: &str) -> bool {
    line.split_whitespace().nth(1) == Some(KIND)
}

/// The SSH part of an allowed-signers list, as git and ssh-keygen read it.
pub fn ssh_part(signers: &str) -> String {
    part(signers, false)
}

/// The GPG part of an allowed-signers list.
pub fn openpgp_part(signers: &str) -> String {
    part(signers, true)
}

fn part(signers: &str, openpgp: bool) -> String {
    signers
        .lines()
        .filter(|l| !l.trim().is_empty() && is_openpgp(l) == openpgp)
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A list in the order the shared repository gives it back: SSH signers, then GPG ones.
pub fn ordered(signers: &str) -> String {
    ssh_part(signers) + &openpgp_part(signers)
}

/// The GPG signers of a list: name, fingerprint (upper-case hex) and public key (base64).
pub fn entries(signers: &str) -> Vec<(String, String, String)> {
    signers
        .lines()
        .filter(|l| is_openpgp(l))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let name = parts.next()?;
            let _kind = parts.next()?;
            let fingerprint = parts.next()?;
            let key = parts.next()?;
            Some((name.into(), fingerprint.to_uppercase(), key.into()))
        })
        .collect()
}

/// The line that allows `name` (already a principal) to sign with the GPG key `fingerprint`,
/// whose public key is `armored` (`gpg --armor --export`).
pub fn line(name: &str, fingerprint: &str, armored: &str) -> Result<String, String> {
    let key = base64_of(armored)?;
    Ok(format!(
        "{name} {KIND} {} {key}",
        fingerprint.to_uppercase()
    ))
}

/// Whether a key file holds an armoured GPG public key rather than an SSH one.
pub fn is_armored(text: &str) -> bool {
    text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")
}

/// The base64 body of an armoured public key: its data lines without headers or checksum.
fn base64_of(armored: &str) -> Result<String, String> {
    let (_, rest) = armored
        .split_once("-----BEGIN PGP PUBLIC KEY BLOCK-----")
        .ok_or("that is not a GPG public key (expected `gpg --armor --export` output)")?;
    let (body, _) = rest
        .split_once("-----END PGP PUBLIC KEY BLOCK-----")
        .ok_or("the GPG public key has no END line")?;
    let mut lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains(':'))
        .collect();
    // The checksum is the last line, `=` and four characters; a data line may be padding alone.
    if lines.len() > 1
        && lines
            .last()
            .is_some_and(|l| l.starts_with('=') && l.len() == 5)
    {
        lines.pop();
    }
    let key: String = lines.concat();
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    if key.is_empty() || !key.chars().all(base64) {
        return Err("the GPG public key's body is not base64".into());
    }
    Ok(key)
}

/// A signer's public key armoured again, for `gpg --import`: the checksum is optional, but
/// gpg needs its `=` to see where the data ends.
pub fn armored(key: &str) -> String {
    let mut out = String::from("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n");
    for chunk in key.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str("=\n-----END PGP PUBLIC KEY BLOCK-----\n");
    out
}

/// The allowed signers a commit of the shared repository holds: both files, one list.
pub fn shared_signers(repo: &Repository, commit: &str) -> Result<String, SyncError> {
    let mut out = String::new();
    for name in [ALLOWED_SIGNERS, OPENPGP_SIGNERS] {
        if let Some(bytes) = repo.top_file(commit, name)? {
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    Ok(out)
}

/// A GPG signature git found good (or good but of unknown trust: Flowlane's throwaway keyring
/// trusts nobody) by a key the list names is a good signature by that signer; any other
/// signature git could check with the listed keys only is by no allowed signer.
pub fn vouch(signature: &mut CommitSignature, signers: &str) {
    let Some(fingerprint) = signature.primary.clone() else {
        return;
    };
    if !matches!(signature.status, 'G' | 'U') {
        return;
    }
    let fingerprint = fingerprint.to_uppercase();
    match entries(signers)
        .into_iter()
        .find(|(_, f, _)| *f == fingerprint)
    {
        Some((name, _, _)) => {
            signature.status = 'G';
            signature.signer = Some(name);
        }
        None => {
            signature.status = 'U';
            signature.signer = None;
        }
    }
    signature.key = Some(fingerprint);
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARMORED: &str = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nComment: ana\n\nmDMEZ0\nabc+/1\n==\n=AbCd\n-----END PGP PUBLIC KEY BLOCK-----\n";

    #[test]
    fn a_gpg_signer_is_one_line_of_the_list_and_the_parts_split_by_kind() {
        let gpg = line("ana", "abcd1234", ARMORED).unwrap();
        assert_eq!(gpg, "ana openpgp ABCD1234 mDMEZ0abc+/1==");
        let list = format!("bob namespaces=\"git,flowlane\" ssh-ed25519 AAAAbob\n{gpg}\n");
        assert_eq!(
            ssh_part(&list),
            "bob namespaces=\"git,flowlane\" ssh-ed25519 AAAAbob\n"
        );
        assert_eq!(openpgp_part(&list), format!("{gpg}\n"));
        assert_eq!(
            entries(&list),
            vec![("ana".into(), "ABCD1234".into(), "mDMEZ0abc+/1==".into())]
        );
        assert!(armored("mDMEZ0abc+/1").contains("\nmDMEZ0abc+/1\n"));
        assert!(line("ana", "ab", "ssh-ed25519 AAAA").is_err());
    }

    #[test]
    fn only_a_listed_fingerprint_vouches_for_a_gpg_signature() {
        let list = line("ana", "abcd1234", ARMORED).unwrap();
        let signature = |primary: &str, status| CommitSignature {
            commit: "c".into(),
            status,
            signer: None,
            key: None,
            primary: Some(primary.into()),
        };
        let mut good = signature("abcd1234", 'U');
        vouch(&mut good, &list);
        assert_eq!((good.status, good.signer.as_deref()), ('G', Some("ana")));
        let mut other = signature("FFFF0000", 'G');
        vouch(&mut other, &list);
        assert_eq!((other.status, other.signer), ('U', None));
        let mut bad = signature("abcd1234", 'B');
        vouch(&mut bad, &list);
        assert_eq!(bad.status, 'B');
    }
}
