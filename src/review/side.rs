//! One side of a comparison as a person names it: a file (BPMN 2.0 or a `.json` definition) or
//! a version of the library (`PROCESS@3`, `PROCESS@draft`). The CLI's `flowlane diff` and the
//! app's `--compare` read sides the same way; they look at the disk and the library themselves.

use std::path::Path;

use crate::bpmn::ImportError;
use crate::canonical::{self, ParseError};
use crate::model::Process;

/// Where one side of a comparison comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side<'a> {
    /// A file, or `/dev/null` (the side of a file that was added or deleted).
    File(&'a Path),
    /// A version of a process of the library (the process by name, id or BPMN id; the
    /// revision as `store::Revision` reads it).
    Version { process: &'a str, revision: &'a str },
}

impl<'a> Side<'a> {
    /// `text` read as a side: a file when `is_file` says one is there (the caller looked) or for
    /// `/dev/null`, else `PROCESS@REVISION`.
    pub fn parse(text: &'a str, is_file: bool) -> Result<Side<'a>, SideError> {
        if is_file || text == "/dev/null" {
            return Ok(Side::File(Path::new(text)));
        }
        let (process, revision) = text
            .rsplit_once('@')
            .ok_or_else(|| SideError::Neither(text.to_string()))?;
        Ok(Side::Version { process, revision })
    }
}

/// Why a side could not be read; each names the file or text it is about.
#[derive(Debug, thiserror::Error)]
pub enum SideError {
    #[error("{0} is not a file, nor a version of the library (PROCESS@3 or PROCESS@draft)")]
    Neither(String),
    // Not `source`: the message already says it, a chain would say it twice.
    #[error("{file}: {error}")]
    Bpmn { file: String, error: ImportError },
    #[error("{file}:{line}:{column}: not UTF-8 text (a definition file is JSON in UTF-8)")]
    NotUtf8 {
        file: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: {error}")]
    Definition { file: String, error: ParseError },
}

/// The process a file holds: BPMN or a `.json` definition, told apart by the extension (`.bpmn`,
/// `.xml`, `.json`), else by the first character (git's temporary copies may have other names).
/// An empty file holds nothing.
pub fn read_file(path: &Path, bytes: &[u8]) -> Result<Option<Process>, SideError> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Some(first) = text.iter().find(|b| !b.is_ascii_whitespace()) else {
        return Ok(None);
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let bpmn = match extension.as_deref() {
        Some("bpmn" | "xml") => true,
        Some("json") => false,
        _ => *first == b'<',
    };
    let file = path.display().to_string();
    if bpmn {
        return super::read_bpmn(bytes)
            .map(Some)
            .map_err(|error| SideError::Bpmn { file, error });
    }
    read_definition(path, bytes).map(Some)
}

/// A `.json` definition file's process; a malformed one is named with its line and column.
pub fn read_definition(path: &Path, bytes: &[u8]) -> Result<Process, SideError> {
    let file = path.display().to_string();
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position(bytes, e.valid_up_to());
        SideError::NotUtf8 {
            file: file.clone(),
            line,
            column,
        }
    })?;
    canonical::parse(text).map_err(|error| SideError::Definition { file, error })
}

/// Line and column (from 1, in characters) of byte `offset`, as editors count them.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = String::from_utf8_lossy(&bytes[..offset]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_is_a_file_when_one_is_there_else_a_version() {
        assert_eq!(
            Side::parse("a@b.bpmn", true).ok(),
            Some(Side::File(Path::new("a@b.bpmn")))
        );
        assert_eq!(
            Side::parse("Accounts payable@v2", false).ok(),
            Some(Side::Version {
                process: "Accounts payable",
                revision: "v2"
            })
        );
        assert_eq!(
            Side::parse("x@draft", false).ok(),
            Some(Side::Version {
                process: "x",
                revision: "draft"
            })
        );
        assert!(
            matches!(Side::parse("old.bpmn", false), Err(SideError::Neither(t)) if t == "old.bpmn")
        );
    }

    #[test]
    fn a_file_is_bpmn_or_json_by_extension_else_by_its_first_character() {
        let bad_json = read_file(Path::new("p.json"), b"<definitions/>");
        assert!(matches!(bad_json, Err(SideError::Definition { .. })));
        let bpmn_without_extension = read_file(Path::new("tmp_x"), b" <nothing/>");
        assert!(matches!(
            bpmn_without_extension,
            Err(SideError::Bpmn { .. })
        ));
        assert!(matches!(
            read_file(Path::new("empty.bpmn"), b"\xEF\xBB\xBF \n"),
            Ok(None)
        ));
    }

    #[test]
    fn text_that_is_not_utf8_is_named_with_its_line_and_column() {
        let err = read_definition(Path::new("latin1.json"), b"{\n  \"name\": \"Caf\xe9\"")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("latin1.json:2:15: not UTF-8 text (a definition file is JSON in UTF-8)")
        );
    }
}
