//! What a person must never read in an output: an element named by an empty name (`""`) or by
//! a bare UUID.

/// Part of a word or id (`sid-78cf…`, `_5a97…`): text from the file, not an id Flowlane shows.
fn joined(c: Option<&u8>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
}

/// `8-4-4-4-12` hex digits standing alone in `line`.
pub fn has_uuid(line: &str) -> bool {
    let bytes = line.as_bytes();
    (0..bytes.len().saturating_sub(35)).any(|at| {
        let uuid = bytes[at..at + 36].iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
        let before = at.checked_sub(1).and_then(|i| bytes.get(i));
        uuid && !joined(before) && !joined(bytes.get(at + 36))
    })
}

/// `""` standing for a name: not an empty text compared in a condition (`x = ""`), not the
/// end of a quoted text that ends with a quote.
pub fn has_empty_name(line: &str) -> bool {
    line.match_indices("\"\"").any(|(at, _)| {
        let before = line[..at].trim_end();
        let glued = line[..at]
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace());
        !before.ends_with('=') && !glued
    })
}

/// The lines of `text` that name something by `""` or by a UUID, each after `what` printed it.
pub fn unreadable(what: &str, text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| has_empty_name(line) || has_uuid(line))
        .map(|line| format!("{what}: {line}"))
        .collect()
}
