//! `signing` (key, allowed signers, policy) and `tag`: signed versions and four-eyes approval.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Context};
use chrono::{DateTime, Utc};
use flowlane::store::{Library, VersionInfo, FOUR_EYES, REQUIRE_SIGNATURES, SIGNERS, SIGNING_KEY};
use flowlane::sync::git::OPENPGP_KEY;
use flowlane::sync::{approval, gpg, openpgp, signing};

use crate::args::{OnOff, SigningCommand};
use crate::failure::{bad_input, Failure};
use crate::input::open;
use crate::team::{author, failure};

pub fn run(
    path: &Path,
    command: SigningCommand,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut library = open(path)?;
    match command {
        SigningCommand::Show => show(&library, out)?,
        SigningCommand::Key {
            path: key,
            author: who,
        } => {
            let value = if key == "off" {
                None
            } else if let Some(fingerprint) = gpg_key(&key) {
                Some(format!("{OPENPGP_KEY}{fingerprint}"))
            } else {
                let absolute = std::fs::canonicalize(&key)
                    .map_err(|e| bad_input(anyhow!("cannot read the key {key}: {e}")))?;
                Some(absolute.to_string_lossy().into_owned())
            };
            library.set_signing(SIGNING_KEY, value.as_deref(), &author(who), now)?;
            match value {
                Some(key) => writeln!(
                    out,
                    "versions pushed and approvals made here are signed with {key}"
                )?,
                None => writeln!(out, "versions pushed from here are no longer signed")?,
            }
        }
        SigningCommand::Allow {
            name,
            key_file,
            author: who,
        } => {
            let text = std::fs::read_to_string(&key_file)
                .with_context(|| format!("cannot read {}", key_file.display()))?;
            let line = if openpgp::is_armored(&text) {
                let fingerprint = gpg::fingerprint(&text).map_err(|e| bad_input(anyhow!(e)))?;
                signing::signer_name(&name)
                    .and_then(|name| openpgp::line(&name, &fingerprint, &text))
            } else {
                signing::line(&name, &text)
            }
            .map_err(|e| bad_input(anyhow!(e)))?;
            let signers = openpgp::ordered(&signing::with_line(&library.signing()?.signers, &line));
            library.set_signing(SIGNERS, Some(&signers), &author(who), now)?;
            writeln!(
                out,
                "{} may sign; allowed signers: {} (the next push shares the list)",
                signing::principal(&name),
                signing::names(&signers).join(", ")
            )?;
        }
        SigningCommand::Revoke { name, author: who } => {
            let before = library.signing()?.signers;
            let name = signing::principal(&name);
            if !signing::names(&before).contains(&name) {
                return Err(bad_input(anyhow!("{name} is not an allowed signer")));
            }
            let signers = signing::without(&before, &name);
            let value = (!signers.is_empty()).then_some(signers.as_str());
            library.set_signing(SIGNERS, value, &author(who), now)?;
            writeln!(
                out,
                "{name} may no longer sign (the next push shares the list)"
            )?;
        }
        SigningCommand::Require { state, author: who } => {
            library.set_signing(REQUIRE_SIGNATURES, on(state), &author(who), now)?;
            writeln!(
                out,
                "{}",
                match state {
                    OnOff::On => "signed versions required: pull refuses, and verify reports, versions that are unsigned or signed by someone the allowed signers do not list",
                    OnOff::Off => "signed versions not required: pull and verify report unsigned versions as warnings",
                }
            )?;
        }
        SigningCommand::FourEyes { state, author: who } => {
            library.set_signing(FOUR_EYES, on(state), &author(who), now)?;
            writeln!(
                out,
                "{}",
                match state {
                    OnOff::On => "four-eyes approval: tagging a version \"approved\" or \"in production\" takes a signed approval by an allowed signer other than its author",
                    OnOff::Off => "four-eyes approval off",
                }
            )?;
        }
    }
    Ok(())
}

/// A GPG key named by its fingerprint or long key id (`gpg --list-secret-keys` shows it),
/// optionally as `openpgp:FINGERPRINT`; anything that is a file is an SSH key.
fn gpg_key(value: &str) -> Option<String> {
    let hex = value.strip_prefix(OPENPGP_KEY).unwrap_or(value);
    let hex = hex.strip_prefix("0x").unwrap_or(hex);
    let looks = matches!(hex.len(), 16 | 40 | 64) && hex.chars().all(|c| c.is_ascii_hexdigit());
    (looks && !Path::new(value).exists()).then(|| hex.to_uppercase())
}

fn on(state: OnOff) -> Option<&'static str> {
    match state {
        OnOff::On => Some("on"),
        OnOff::Off => None,
    }
}

fn show(library: &Library, out: &mut impl Write) -> anyhow::Result<()> {
    let s = library.signing()?;
    writeln!(
        out,
        "signing key:      {}",
        s.key.as_deref().unwrap_or("none")
    )?;
    let names = signing::names(&s.signers);
    writeln!(
        out,
        "allowed signers:  {}",
        if names.is_empty() {
            "none".into()
        } else {
            names.join(", ")
        }
    )?;
    let word = |b: bool| if b { "on" } else { "off" };
    writeln!(
        out,
        "signed versions required: {}",
        word(s.require_signatures)
    )?;
    writeln!(out, "four-eyes approval:       {}", word(s.four_eyes))?;
    Ok(())
}

pub fn tag(
    path: &Path,
    process: &str,
    version: u32,
    tag: &str,
    who: Option<String>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut library = open(path)?;
    let found = library.find(process)?;
    approval::tag(&mut library, found.id, version, tag, &author(who), now).map_err(failure)?;
    let record = library
        .tags_of(found.id, version)?
        .into_iter()
        .find(|t| t.tag == tag.trim());
    let signed = match record.and_then(|r| r.signer) {
        Some(signer) => format!(", signed by {signer}"),
        None => String::new(),
    };
    writeln!(
        out,
        "tagged {} v{version} \"{}\"{signed}",
        found.name,
        tag.trim()
    )?;
    Ok(())
}

/// Who approved the version in force at `at`, and when, each approval's signature checked
/// again against the allowed signers.
pub fn approvals_then(
    library: &Library,
    version: &VersionInfo,
    at: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let approvals: Vec<_> = library
        .tags_of(version.process, version.number)?
        .into_iter()
        .filter(|t| approval::is_approval(&t.tag) && t.tagged_at <= at)
        .collect();
    if approvals.is_empty() {
        writeln!(out, "  not approved by then")?;
    }
    for a in approvals {
        let seal = match approval::check(library, &a).map_err(failure)? {
            Some(signer) if signer == signing::principal(&version.author) => {
                format!("signed by {signer}, who is also its author: not four eyes")
            }
            Some(signer) => format!("signed by {signer}"),
            None if a.signature.is_some() => "its signature does not verify".into(),
            None => "not signed".into(),
        };
        writeln!(
            out,
            "  {} by {} on {} ({seal})",
            a.tag,
            a.author,
            a.tagged_at.format("%Y-%m-%d %H:%M:%SZ")
        )?;
    }
    Ok(())
}
