//! Signed versions with GPG keys: a throwaway key made in a temporary `GNUPGHOME` signs the
//! versions pushed; the shared repository lists the allowed GPG fingerprints (and their public
//! keys) in `allowed_signers.openpgp` beside `allowed_signers`; a version Mallory forges and
//! signs with her own GPG key is refused by `pull` and `verify`.
//!
//! `GNUPGHOME` is set for the whole test binary, so it holds this one test.

mod support;

use std::path::Path;
use std::process::Command;

use flowlane::sync::SyncError;
use support::cli;
use support::forge::*;
use support::keys::*;
use support::team::*;

/// Runs gpg in `home`; its output.
fn gpg(home: &Path, args: &[&str]) -> String {
    let out = Command::new("gpg")
        .arg("--homedir")
        .arg(home)
        .args(["--batch", "--quiet"])
        .args(args)
        .output()
        .expect("gpg is installed (scripts/setup.sh installs gnupg)");
    succeeded(out, &format!("gpg {args:?}"))
}

/// A new GPG key without a passphrase for `name`: (fingerprint, armoured public key).
fn gpg_key(home: &Path, name: &str) -> (String, String) {
    let uid = format!("{name} <{name}@example.org>");
    gpg(
        home,
        &[
            "--passphrase",
            "",
            "--quick-gen-key",
            &uid,
            "ed25519",
            "sign",
            "never",
        ],
    );
    let listing = gpg(home, &["--with-colons", "--list-secret-keys", &uid]);
    let fingerprint = listing
        .lines()
        .find_map(|l| l.strip_prefix("fpr:"))
        .and_then(|l| l.split(':').nth(8))
        .unwrap()
        .to_string();
    let public = gpg(home, &["--armor", "--export", &fingerprint]);
    (fingerprint, public)
}

#[test]
fn gpg_signed_versions_pass_and_a_version_forged_with_another_gpg_key_is_refused() {
    let home = tempfile::tempdir().unwrap();
    std::env::set_var("GNUPGHOME", home.path());
    let (ana_fpr, ana_public) = gpg_key(home.path(), "ana");
    let (mallory_fpr, _) = gpg_key(home.path(), "mallory");
    assert_eq!(ana_fpr.len(), 40);

    let team = Team::new();
    let mut ana = team.library("ana");
    cli::flowlane(ana.path(), &["signing", "key", &ana_fpr, "--author", "ana"])
        .succeeded()
        .printed(&format!("signed with openpgp:{ana_fpr}"));
    let key_file = home.path().join("ana.asc");
    std::fs::write(&key_file, &ana_public).unwrap();
    let key_arg = key_file.to_string_lossy();
    cli::flowlane(
        ana.path(),
        &["signing", "allow", "ana", &key_arg, "--author", "ana"],
    )
    .succeeded()
    .printed("ana may sign");
    requires(&mut ana, Policy::Signatures, "ana", at(0));
    let base = onboarding();
    ana.save_version(&base, "ana", "Initial design", at(1))
        .unwrap();
    let pushed = team.push(&mut ana, "ana", 2);
    assert!(pushed.signers);

    // The repository lists Ana's fingerprint beside `allowed_signers`; git sees her key sign.
    let listed = git(
        &team.remote,
        &["cat-file", "blob", "main:allowed_signers.openpgp"],
        None,
    );
    assert!(
        listed.starts_with(&format!("ana openpgp {ana_fpr} ")),
        "{listed}"
    );
    let log = git(&team.remote, &["log", "--format=%GP %s", "main"], None);
    assert_eq!(
        log,
        format!("{ana_fpr} Initial design\n{ana_fpr} Allowed signers: ana")
    );

    // Bob requires signed versions and takes Ana's in, signed by her.
    let mut bob = team.library("bob");
    requires(&mut bob, Policy::Signatures, "bob", at(0));
    team.pull(&mut bob, "bob", 3).unwrap();
    assert_eq!(
        bob.history(base.id).unwrap()[0].signed_by.as_deref(),
        Some("ana")
    );

    // Mallory forges a version and signs it with her own GPG key, which nobody allowed.
    let forged = forge(
        &team,
        base.id,
        Forger::Gpg {
            fingerprint: &mallory_fpr,
        },
    );
    let bob_path = bob.path().to_path_buf();
    let (err, unchanged) = refused_pull(&team, bob);
    assert!(matches!(err, SyncError::SignatureRefused(_)), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("\"Employee onboarding\" v2 by mallory")
            && text.contains("signed by a key no allowed signer has")
            && text.contains(&mallory_fpr[24..]),
        "{text}"
    );
    assert!(unchanged, "the refused pull changed nothing");
    let run = cli::flowlane(&bob_path, &["verify"]);
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    run.printed(&format!(
        "refused: \"Employee onboarding\" v2 by mallory (commit {})",
        &forged[..10]
    ));
    // No gpg-agent outlives the test.
    let _ = Command::new("gpgconf")
        .args(["--kill", "all"])
        .env("GNUPGHOME", home.path())
        .status();
}
