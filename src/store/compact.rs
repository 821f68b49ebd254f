//! How a saved definition is stored: a zstd frame, most of them compressed with the canonical
//! text of the version before as their prefix (zstd's "patch from", with long-distance
//! matching), so a version costs about what changed.
//!
//! A row's `definition` is either a frame (an SQLite BLOB) or, in a library written before
//! compaction and not upgraded yet, the canonical text itself (TEXT). A frame with a `base` was
//! compressed against version `base` (always the version before it); a frame without one is
//! self-contained. Every [`KEY_EVERY`]th version is self-contained, so reading any version
//! decompresses at most that many frames. Only the stored form changes: the canonical bytes,
//! their hash and the hash chain are those of the text.

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use zstd::zstd_safe::{CCtx, CParameter, DCtx, DParameter};

use super::{Result, StoreError};
use crate::model::Id;

/// Versions 1, 1 + KEY_EVERY, 1 + 2 × KEY_EVERY, … are stored self-contained.
pub const KEY_EVERY: u32 = 8;

/// zstd level: 3 is zstd's default; higher levels cost save time and barely shrink a delta.
const LEVEL: i32 = 3;

/// The largest window a frame may ask for when decompressed (2 GiB, zstd's limit on 64-bit).
const MAX_WINDOW_LOG: u32 = 31;

/// A definition as a version row stores it.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// The canonical text, as libraries before compaction stored it.
    Text(Vec<u8>),
    /// A zstd frame, compressed against version `base` when it has one.
    Frame { base: Option<u32>, frame: Vec<u8> },
}

/// Why a stored definition cannot be turned back into its text.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Damage {
    #[error("its stored definition cannot be decompressed ({0})")]
    Frame(String),
    #[error("it is stored against version {0}, which cannot be read")]
    BaseUnreadable(u32),
    #[error(
        "it is stored against version {0}, whose definition was changed, so it cannot be read back"
    )]
    BaseChanged(u32),
    #[error("it is stored against version {0}, which is not the version before it")]
    WrongBase(u32),
    #[error("its stored definition is neither text nor a compressed frame")]
    NotStored,
}

impl Stored {
    /// The row's `definition` and `base` columns.
    pub fn from_columns(
        definition: ValueRef,
        base: Option<u32>,
    ) -> std::result::Result<Stored, Damage> {
        match definition {
            ValueRef::Text(text) => Ok(Stored::Text(text.to_vec())),
            ValueRef::Blob(frame) => Ok(Stored::Frame {
                base,
                frame: frame.to_vec(),
            }),
            _ => Err(Damage::NotStored),
        }
    }

    /// The version this one is stored against, if any.
    pub fn base(&self) -> Option<u32> {
        match self {
            Stored::Text(_) => None,
            Stored::Frame { base, .. } => *base,
        }
    }

    /// The canonical text; `dictionary` is the text of [`Stored::base`] when there is one.
    pub fn text(&self, dictionary: Option<&[u8]>) -> std::result::Result<Vec<u8>, Damage> {
        match self {
            Stored::Text(text) => Ok(text.clone()),
            Stored::Frame { frame, .. } => decompress(frame, dictionary.unwrap_or_default())
                .map_err(|e| Damage::Frame(e.to_string())),
        }
    }
}

/// The canonical text of version `number` of `process`, read through the frames it is stored
/// against (at most [`KEY_EVERY`] of them).
pub fn read(conn: &Connection, process: Id, number: u32) -> Result<Vec<u8>> {
    let damaged = |number, damage: Damage| StoreError::Damaged {
        process,
        number,
        detail: damage.to_string(),
    };
    let mut chain = Vec::new();
    let mut next = Some(number);
    while let Some(n) = next {
        let stored = conn
            .query_row(
                "SELECT definition, base FROM versions WHERE process_id = ?1 AND number = ?2",
                params![process.to_string(), n],
                |r| Ok(Stored::from_columns(r.get_ref(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::UnknownVersion { process, number: n })?
            .map_err(|d| damaged(n, d))?;
        next = stored.base();
        if let Some(base) = next.filter(|b| *b + 1 != n) {
            return Err(damaged(n, Damage::WrongBase(base)));
        }
        chain.push((n, stored));
    }
    let mut text = Vec::new();
    for (i, (n, stored)) in chain.iter().rev().enumerate() {
        let dictionary = (i > 0).then_some(text.as_slice());
        text = stored.text(dictionary).map_err(|d| damaged(*n, d))?;
    }
    Ok(text)
}

/// Whether version `number` is stored self-contained.
pub fn is_key(number: u32) -> bool {
    number % KEY_EVERY == 1 || KEY_EVERY == 1
}

/// `text` as version `number` stores it: the version it is compressed against, if any, and the
/// frame. `previous` is the number and text of the version before, if there is one.
pub fn compress(
    number: u32,
    text: &[u8],
    previous: Option<(u32, &[u8])>,
) -> std::io::Result<(Option<u32>, Vec<u8>)> {
    let (base, dictionary) = match previous {
        Some((base, dictionary)) if !is_key(number) => (Some(base), dictionary),
        _ => (None, &[][..]),
    };
    let mut cctx = CCtx::create();
    check(cctx.set_parameter(CParameter::CompressionLevel(LEVEL)))?;
    // A change sits as far back in the previous text as the whole text is long: the window
    // must reach over both, and long-distance matching finds those matches at a fast level.
    check(cctx.set_parameter(CParameter::WindowLog(window_log(
        dictionary.len() + text.len(),
    ))))?;
    // A self-contained frame's matches are near enough without it, and it costs a third of the
    // compression time.
    check(cctx.set_parameter(CParameter::EnableLongDistanceMatching(
        !dictionary.is_empty(),
    )))?;
    // A damaged frame (or one read against the wrong text) fails its checksum.
    check(cctx.set_parameter(CParameter::ChecksumFlag(true)))?;
    if !dictionary.is_empty() {
        check(cctx.ref_prefix(dictionary))?;
    }
    let mut frame = Vec::with_capacity(zstd::zstd_safe::compress_bound(text.len()));
    check(cctx.compress2(&mut frame, text))?;
    Ok((base, frame))
}

/// A zstd result as an I/O error, named.
fn check(result: zstd::zstd_safe::SafeResult) -> std::io::Result<usize> {
    result.map_err(|code| std::io::Error::other(zstd::zstd_safe::get_error_name(code)))
}

/// The smallest window (as a power of two, within zstd's bounds) that covers `len` bytes.
fn window_log(len: usize) -> u32 {
    let bits = usize::BITS - len.saturating_sub(1).leading_zeros();
    bits.clamp(10, MAX_WINDOW_LOG)
}

fn decompress(frame: &[u8], dictionary: &[u8]) -> std::io::Result<Vec<u8>> {
    let size = zstd::zstd_safe::get_frame_content_size(frame)
        .ok()
        .flatten()
        .ok_or_else(|| std::io::Error::other("the frame does not say how long its text is"))?;
    let size = usize::try_from(size)
        .map_err(|_| std::io::Error::other("the frame's text is larger than memory"))?;
    let mut dctx = DCtx::create();
    check(dctx.set_parameter(DParameter::WindowLogMax(MAX_WINDOW_LOG)))?;
    if !dictionary.is_empty() {
        check(dctx.ref_prefix(dictionary))?;
    }
    let mut text = Vec::with_capacity(size);
    check(dctx.decompress(&mut text, frame))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_reads_back_through_its_base() {
        let first = b"{\n  \"name\": \"Onboarding\"\n}\n".repeat(50);
        let mut second = first.clone();
        second.extend_from_slice(b"{ \"renamed\": true }\n");
        let stored = |number, text: &[u8], previous| {
            let (base, frame) = compress(number, text, previous).unwrap();
            Stored::Frame { base, frame }
        };
        let key = stored(1, &first, None);
        let delta = stored(2, &second, Some((1, &first[..])));
        assert_eq!(key.base(), None);
        assert_eq!(delta.base(), Some(1));
        assert_eq!(key.text(None).unwrap(), first);
        assert_eq!(delta.text(Some(&first)).unwrap(), second);
        assert!(
            delta.text(None).is_err(),
            "a delta does not read without its base"
        );
        let every = stored(1 + KEY_EVERY, &second, Some((KEY_EVERY, &first[..])));
        assert_eq!(every.base(), None);
    }

    #[test]
    fn a_damaged_frame_is_reported_not_read() {
        let (_, mut broken) = compress(1, b"some text", None).unwrap();
        let last = broken.len() - 2;
        broken[last] ^= 0xff;
        broken.truncate(broken.len() - 1);
        let damaged = Stored::Frame {
            base: None,
            frame: broken,
        };
        assert!(matches!(damaged.text(None), Err(Damage::Frame(_))));
    }
}
