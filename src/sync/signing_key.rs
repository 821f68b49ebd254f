//! The key the user signs what they push with: an SSH key file or a GPG key, as the signing-key
//! setting names it.

use std::path::PathBuf;

/// A key git signs commits with.
#[derive(Clone, Debug, PartialEq)]
pub enum SigningKey {
    /// An SSH key file (`gpg.format=ssh`).
    Ssh(PathBuf),
    /// A GPG key in the user's keyring, by fingerprint (`gpg.format=openpgp`).
    OpenPgp(String),
}

/// How a GPG key is named in the signing-key setting: `openpgp:FINGERPRINT`.
pub const OPENPGP_KEY: &str = "openpgp:";

impl SigningKey {
    /// The key a signing-key setting names.
    pub fn of_setting(setting: &str) -> SigningKey {
        match setting.strip_prefix(OPENPGP_KEY) {
            Some(fingerprint) => SigningKey::OpenPgp(fingerprint.to_string()),
            None => SigningKey::Ssh(PathBuf::from(setting)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            SigningKey::Ssh(path) => path.display().to_string(),
            SigningKey::OpenPgp(fingerprint) => format!("GPG key {fingerprint}"),
        }
    }
}
