//! Bytes to an XML tree, refusing what no process file needs: DTDs and entity declarations,
//! files over 50 MB, more than 200,000 elements, nesting deeper than 100.

use std::borrow::Cow;

use encoding_rs::Encoding;
use roxmltree::{Document, ParsingOptions};

use super::ImportError;

pub const MAX_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_ELEMENTS: usize = 200_000;
pub const MAX_DEPTH: usize = 100;
/// Text and comment nodes count towards roxmltree's limit too; this bounds memory before the
/// element count is known.
const MAX_NODES: u32 = 1_000_000;

/// The file as text: a byte order mark wins, then the XML declaration's `encoding`, else UTF-8.
/// UTF-8 is read in place: a 5 MB file is not copied to be parsed.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::new(
            "too-large",
            format!(
                "the file is {} MB; files over {} MB are not imported",
                bytes.len().div_ceil(1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None => (declared_encoding(bytes)?, bytes),
    };
    if encoding == encoding_rs::UTF_8 {
        return std::str::from_utf8(body).map(Cow::Borrowed).map_err(|e| {
            let line = body[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            ImportError::new(
                "encoding",
                "the file is not valid UTF-8; save it as UTF-8 or declare its encoding",
            )
            .at_line(u32::try_from(line).unwrap_or(u32::MAX))
        });
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| {
            ImportError::new(
                "encoding",
                format!("the file is not valid {}", encoding.name()),
            )
        })
}

/// The `encoding` of an `<?xml …?>` declaration; ASCII-compatible encodings only, since the
/// declaration itself was readable as ASCII.
fn declared_encoding(bytes: &[u8]) -> Result<&'static Encoding, ImportError> {
    let head = &bytes[..bytes.len().min(512)];
    if !head.starts_with(b"<?xml") {
        return Ok(encoding_rs::UTF_8);
    }
    let Some(end) = head.windows(2).position(|w| w == b"?>") else {
        return Ok(encoding_rs::UTF_8);
    };
    let declaration = String::from_utf8_lossy(&head[..end]);
    let Some(at) = declaration.find("encoding") else {
        return Ok(encoding_rs::UTF_8);
    };
    let rest = declaration[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=').unwrap_or(rest).trim_start();
    let quote = rest.chars().next().unwrap_or('"');
    let label = rest[quote.len_utf8().min(rest.len())..]
        .split(quote)
        .next()
        .unwrap_or("");
    match Encoding::for_label(label.as_bytes()) {
        Some(encoding) if encoding.is_ascii_compatible() => Ok(encoding),
        _ => Err(ImportError::new(
            "encoding",
            format!("the file declares the encoding `{label}`, which Flowlane cannot read"),
        )
        .at_line(1)),
    }
}

/// Parses the text, refusing DTDs, entity declarations and oversized trees.
pub fn parse(text: &str) -> Result<Document<'_>, ImportError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        let line = e.pos().row;
        match e {
            roxmltree::Error::DtdDetected => ImportError::new(
                "dtd",
                "the file has a DTD (<!DOCTYPE …>); DTDs and entity declarations are refused",
            ),
            roxmltree::Error::NodesLimitReached => ImportError::new(
                "too-many-elements",
                format!("the file has more than {MAX_ELEMENTS} elements"),
            ),
            other => ImportError::new(
                "not-xml",
                format!("the file is not well-formed XML: {other}"),
            )
            .at_line(line),
        }
    })?;
    // roxmltree lets an empty `<!DOCTYPE x>` through; refuse it all the same.
    let prolog = &text[..doc.root_element().range().start];
    if let Some(at) = prolog.find("<!DOCTYPE") {
        let line = prolog[..at].matches('\n').count() + 1;
        return Err(ImportError::new(
            "dtd",
            "the file has a DTD (<!DOCTYPE …>); DTDs and entity declarations are refused",
        )
        .at_line(u32::try_from(line).unwrap_or(u32::MAX)));
    }
    // Depth of each node by its index; descendants come in document order, parents first.
    let mut depths = vec![0u8; doc.descendants().count()];
    let mut elements = 0usize;
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let parent = node.parent().map_or(0, |p| depths[p.id().get_usize()]);
        let depth = usize::from(parent) + 1;
        if depth > MAX_DEPTH {
            return Err(ImportError::new(
                "too-deep",
                format!("elements are nested more than {MAX_DEPTH} deep"),
            )
            .at(node));
        }
        depths[node.id().get_usize()] = u8::try_from(depth).unwrap_or(u8::MAX);
        elements += 1;
        if elements > MAX_ELEMENTS {
            return Err(ImportError::new(
                "too-many-elements",
                format!("the file has more than {MAX_ELEMENTS} elements"),
            )
            .at(node));
        }
    }
    Ok(doc)
}
