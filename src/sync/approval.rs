//! Four-eyes approval: tagging a version "approved" or "in production" as a signed record. The
//! approval statement names the process, the version's number and hash, the tag, the approver
//! and the time; it is signed with the approver's SSH key, and the signer must be an allowed
//! signer and, when the library's policy asks for four eyes, not the version's author.

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};

use super::{keys, SyncError};
use crate::model::Id;
use crate::store::{Library, TagRecord};

/// The tags that approve a version.
pub const APPROVAL_TAGS: &[&str] = &["approved", "in production"];

pub fn is_approval(tag: &str) -> bool {
    APPROVAL_TAGS
        .iter()
        .any(|t| t.eq_ignore_ascii_case(tag.trim()))
}

/// The text an approval's signature is of: everything that makes it this approval.
pub fn statement(
    process: Id,
    number: u32,
    hash: &str,
    tag: &str,
    approver: &str,
    at: DateTime<Utc>,
) -> String {
    format!(
        "Flowlane approval\nprocess: {process}\nversion: {number}\nhash: {hash}\ntag: {}\napprover: {}\nat: {}\n",
        tag.trim(),
        approver.replace(['\n', '\r'], " "),
        at.to_rfc3339_opts(SecondsFormat::Millis, true)
    )
}

/// Tags a version. An approval tag is signed when the user has a signing key, and must be when
/// the library asks for four eyes, by an allowed signer other than the version's author.
pub fn tag(
    library: &mut Library,
    process: Id,
    number: u32,
    tag: &str,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<(), SyncError> {
    let signing = library.signing()?;
    if !is_approval(tag) || (signing.key.is_none() && !signing.four_eyes) {
        library.tag(process, number, tag, actor, at)?;
        return Ok(());
    }
    let (info, _) = library.load(process, Some(number))?;
    let refuse = |why: String| {
        SyncError::ApprovalRefused(format!("cannot tag v{number} \"{}\": {why}", tag.trim()))
    };
    let Some(key) = &signing.key else {
        return Err(refuse(
            "this library asks for four-eyes approval, which is signed: set your SSH key with `flowlane signing key PATH`".into(),
        ));
    };
    let text = statement(process, number, &info.hash, tag, actor, at);
    let signature = keys::sign(Path::new(key), &text)?;
    let signer = keys::signer(&signing.signers, &text, &signature)?.ok_or_else(|| {
        refuse("your key is not an allowed signer; someone already allowed adds it with `flowlane signing allow NAME KEY.pub` (and pushes)".into())
    })?;
    let author = super::signing::principal(&info.author);
    if signing.four_eyes && (signer == author || actor == info.author) {
        return Err(refuse(format!(
            "v{number} was saved by {}, and this library asks for four eyes: someone else approves it",
            info.author
        )));
    }
    library.tag_signed(
        process,
        number,
        tag.trim(),
        Some((&signer, &signature)),
        actor,
        at,
    )?;
    Ok(())
}

/// An approval tag checked again: the allowed signer its signature verifies for now, if any.
pub fn check(library: &Library, record: &TagRecord) -> Result<Option<String>, SyncError> {
    let Some(signature) = &record.signature else {
        return Ok(None);
    };
    let (info, _) = library.load(record.process, Some(record.number))?;
    let text = statement(
        record.process,
        record.number,
        &info.hash,
        &record.tag,
        &record.author,
        record.tagged_at,
    );
    keys::signer(&library.signing()?.signers, &text, signature)
}
