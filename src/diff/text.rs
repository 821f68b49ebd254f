//! Line diff of two outline renderings, made with `similar`: unified text for terminals, and
//! side-by-side rows with the changed words emphasised for the UI.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp, DiffTag, TextDiff};
use ts_rs::TS;

use crate::export::outline::outline;
use crate::model::Process;

/// A huge model must not stall the caller: past this the line diff falls back to a coarser
/// (still correct) result.
const DEADLINE: Duration = Duration::from_millis(30);

/// Past this many words on a side, a changed line is emphasised whole: word diffs grow with the
/// square of the line, and a line this long is a pasted text, not a step.
const MAX_WORDS: usize = 400;

/// Unified diff of the outlines of `old` and `new`, labelled with the given names.
pub fn unified(old: &Process, new: &Process, old_label: &str, new_label: &str) -> String {
    let (a, b) = (outline(old), outline(new));
    line_diff(&a, &b)
        .unified_diff()
        .context_radius(2)
        .header(old_label, new_label)
        .to_string()
}

/// Rows for a two-column view, grouped into hunks with `context` unchanged lines around changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SideBySide {
    pub hunks: Vec<DiffHunk>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffHunk {
    pub rows: Vec<DiffRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffRowTag {
    Equal,
    /// The old line was replaced by the new one; the changed words are emphasised.
    Changed,
    Removed,
    Added,
}

/// One row: the old line on the left, the new on the right (either may be missing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffRow {
    pub tag: DiffRowTag,
    pub old: Option<DiffLine>,
    pub new: Option<DiffLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffLine {
    /// 1-based line number in its outline.
    pub number: u32,
    pub spans: Vec<DiffSpan>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffSpan {
    pub text: String,
    pub emphasised: bool,
}

/// Side-by-side diff of the outlines of `old` and `new`.
pub fn side_by_side(old: &Process, new: &Process, context: usize) -> SideBySide {
    side_by_side_text(&outline(old), &outline(new), context)
}

/// Side-by-side diff of any two texts, line by line.
pub fn side_by_side_text(old: &str, new: &str, context: usize) -> SideBySide {
    let diff = line_diff(old, new);
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    // Guard the arithmetic inside `grouped_ops` against "all the context there is".
    let context = context.min(old_lines.len().max(new_lines.len()) + 1);
    let hunks = diff
        .grouped_ops(context)
        .iter()
        .map(|group| {
            let mut rows = Vec::new();
            for op in group {
                op_rows(op, &old_lines, &new_lines, &mut rows);
            }
            DiffHunk { rows }
        })
        .collect();
    SideBySide { hunks }
}

fn line_diff<'a>(old: &'a str, new: &'a str) -> TextDiff<'a, 'a, str> {
    TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DEADLINE)
        .diff_lines(old, new)
}

fn plain(lines: &[&str], index: usize) -> Option<DiffLine> {
    lines.get(index).map(|text| DiffLine {
        number: line_number(index),
        spans: vec![DiffSpan {
            text: (*text).to_string(),
            emphasised: false,
        }],
    })
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn op_rows(op: &DiffOp, old: &[&str], new: &[&str], rows: &mut Vec<DiffRow>) {
    let (old_range, new_range) = (op.old_range(), op.new_range());
    let paired = old_range.len().min(new_range.len());
    for i in 0..old_range.len().max(new_range.len()) {
        let (o, n) = (old_range.start + i, new_range.start + i);
        let row = match op {
            DiffOp::Equal { .. } => DiffRow {
                tag: DiffRowTag::Equal,
                old: plain(old, o),
                new: plain(new, n),
            },
            DiffOp::Replace { .. } if i < paired => {
                let (old_spans, new_spans) = word_spans(old[o], new[n]);
                DiffRow {
                    tag: DiffRowTag::Changed,
                    old: Some(DiffLine {
                        number: line_number(o),
                        spans: old_spans,
                    }),
                    new: Some(DiffLine {
                        number: line_number(n),
                        spans: new_spans,
                    }),
                }
            }
            _ if i < old_range.len() => DiffRow {
                tag: DiffRowTag::Removed,
                old: plain(old, o),
                new: None,
            },
            _ => DiffRow {
                tag: DiffRowTag::Added,
                old: None,
                new: plain(new, n),
            },
        };
        rows.push(row);
    }
}

/// The words of a changed line pair, with what differs emphasised on each side.
fn word_spans(old: &str, new: &str) -> (Vec<DiffSpan>, Vec<DiffSpan>) {
    let (a, b) = (words(old), words(new));
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return (vec![whole(old)], vec![whole(new)]);
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (old_words, new_words) = (&a[op.old_range()], &b[op.new_range()]);
        let changed = op.tag() != DiffTag::Equal;
        push_span(&mut left, old_words, changed);
        push_span(&mut right, new_words, changed);
    }
    (left, right)
}

/// A line as runs of whitespace and of other characters; together they are the whole line.
/// Splitting at ASCII whitespace bytes always falls on a character boundary.
fn words(line: &str) -> Vec<&str> {
    let bytes = line.as_bytes();
    let mut out = Vec::with_capacity(16);
    let mut start = 0;
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_whitespace() != bytes[i - 1].is_ascii_whitespace() {
            out.push(&line[start..i]);
            start = i;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

fn whole(line: &str) -> DiffSpan {
    DiffSpan {
        text: line.to_string(),
        emphasised: true,
    }
}

/// Appends words to the last span when the emphasis is the same. Unchanged whitespace between
/// two emphasised runs joins them, so a changed phrase reads as one mark.
fn push_span(spans: &mut Vec<DiffSpan>, words: &[&str], emphasised: bool) {
    if words.is_empty() {
        return;
    }
    if emphasised && spans.len() >= 2 {
        let gap = &spans[spans.len() - 1];
        if !gap.emphasised && gap.text.trim().is_empty() && spans[spans.len() - 2].emphasised {
            let gap = spans.pop().map(|g| g.text).unwrap_or_default();
            if let Some(last) = spans.last_mut() {
                last.text.push_str(&gap);
            }
        }
    }
    match spans.last_mut() {
        Some(last) if last.emphasised == emphasised => last.text.extend(words.iter().copied()),
        _ => spans.push(DiffSpan {
            text: words.concat(),
            emphasised,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(line: &DiffLine) -> String {
        line.spans
            .iter()
            .map(|s| {
                if s.emphasised {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn changed_lines_emphasise_the_changed_words() {
        let old = "a\ntask \"Approve\" assignee=\"Budget owner\" sla=2d\nz\n";
        let new = "a\ntask \"Approve\" assignee=\"CFO\" sla=3d\nz\nextra\n";
        let sbs = side_by_side_text(old, new, 0);
        let rows: Vec<&DiffRow> = sbs.hunks.iter().flat_map(|h| &h.rows).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].tag, DiffRowTag::Changed);
        let (o, n) = (rows[0].old.as_ref().unwrap(), rows[0].new.as_ref().unwrap());
        assert_eq!((o.number, n.number), (2, 2));
        assert_eq!(
            render(o),
            "task \"Approve\" [assignee=\"Budget owner\" sla=2d]"
        );
        assert_eq!(render(n), "task \"Approve\" [assignee=\"CFO\" sla=3d]");
        assert_eq!(rows[1].tag, DiffRowTag::Added);
        assert_eq!(render(rows[1].new.as_ref().unwrap()), "extra");
    }

    #[test]
    fn context_keeps_unchanged_lines_around_a_change() {
        let old = "1\n2\n3\n4\n5\n6\n7\n";
        let new = "1\n2\n3\nfour\n5\n6\n7\n";
        let tags = |context| -> Vec<DiffRowTag> {
            side_by_side_text(old, new, context)
                .hunks
                .iter()
                .flat_map(|h| h.rows.iter().map(|r| r.tag))
                .collect()
        };
        assert_eq!(
            tags(1),
            [DiffRowTag::Equal, DiffRowTag::Changed, DiffRowTag::Equal]
        );
        assert_eq!(tags(usize::MAX).len(), 7);
        assert!(side_by_side_text(old, old, 3).hunks.is_empty());
    }
}
