//! The comparison as one self-contained HTML page for a reviewer: a summary line, a close-up of
//! where the diagram changed, the newer diagram with the comparison over it (scrollable), the
//! change list (each change links to its element and each mark back to its change), the older
//! diagram, and the text diff. Inline CSS and SVG, no script, nothing fetched; every text from
//! the definitions is escaped.

use std::fmt::Write;

use super::marks::{sides, Sides};
use crate::diff::semantic::{DiffStatus, ElementChange};
use crate::diff::{self, ProcessNames};
use crate::export::svg::{render_marked, Look, Overlay};
use crate::model::{Id, Process};
use crate::xml::escaped as escape;

const STYLE: &str = "\
body{font:14px/1.45 'DejaVu Sans',Verdana,'Segoe UI',sans-serif;color:#1c2633;margin:0;background:#f3f5f8}\
header{background:#fff;border-bottom:1px solid #d5dbe4;padding:1rem 1.5rem .8rem}\
h1{font-size:1.35rem;margin:0 0 .3rem}h2{font-size:1.05rem;margin:0 0 .5rem}\
main{padding:1rem 1.5rem 2rem;display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}section{min-width:0;background:#fff;border:1px solid #d5dbe4;border-radius:6px;padding:.8rem 1rem}\
.summary{font-weight:600;margin:0 0 .4rem}.sides{color:#5f6b7c;margin:0 0 .5rem}\
.legend{display:flex;gap:1.2rem;margin:0;padding:0;list-style:none;font-size:.9em}\
.legend li::before{content:'';display:inline-block;width:.9em;height:.9em;border:2px solid var(--c);border-radius:3px;margin-right:.35em;vertical-align:-.15em}\
.legend .removed::before{border-style:dashed}\
.diagram{overflow:auto;max-height:75vh;border:1px solid #e4e8ee}.diagram svg{display:block}\
.close-up svg{display:block;max-width:100%;height:auto;border:1px solid #e4e8ee}\
.mark:target{stroke-width:7;fill-opacity:.3}a .mark{cursor:pointer}\
ol.changes{margin:0;padding:0;list-style:none;columns:26rem;column-gap:1.5rem}\
ol.changes li{break-inside:avoid;border-left:4px solid var(--c);padding:.25rem .6rem;margin:0 0 .5rem;background:#fafbfc}\
ol.changes li:target{background:#fff4d6}ol.changes a{color:inherit;font-weight:600;text-decoration:none}\
ol.changes a:hover{text-decoration:underline}ol.changes pre{margin:.15rem 0 0;font:inherit;font-size:.92em;color:#3d4a5c;white-space:pre-wrap}\
.added{--c:#2e9a5a}.removed{--c:#d0453f}.changed{--c:#d98a0b}.moved{--c:#2f6fdb}\
pre.text-diff{margin:0;overflow:auto;max-height:60vh;font:12.5px/1.4 'DejaVu Sans Mono',monospace}\
pre.text-diff span{display:block;white-space:pre}pre.text-diff .add{background:#e3f3e9;color:#1d6b3d}\
pre.text-diff .del{background:#fbe8e7;color:#a3302b}pre.text-diff .hunk{color:#5f6b7c;background:#f1f4f8}";

/// The page comparing `old` (labelled `old_label`, e.g. a file name) with `new`; `library`
/// names the processes calls run, where there is one.
pub fn html(
    library: Option<&ProcessNames>,
    (old, new): (&Process, &Process),
    old_label: &str,
    new_label: &str,
) -> String {
    let diff = diff::diff_in(library, old, new);
    let sides = sides(old, new, &diff);
    let title = format!("{} — {old_label} → {new_label}", new.info.name);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n",
        escape(&title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"summary\" id=\"summary\">{}</p>",
        escape(&diff::summary(&diff))
    );
    let _ = writeln!(
        out,
        "<p class=\"sides\">before: {} · after: {}</p>",
        escape(old_label),
        escape(new_label)
    );
    legend(&mut out);
    out.push_str("</header>\n<main>\n");
    if let Some(view) = sides.close_up {
        let close = Overlay {
            prefix: "close".into(),
            view: Some(view),
            ..sides.after.clone()
        };
        section(
            &mut out,
            "close-up",
            "Where it changed",
            "close-up",
            &render_marked(new, &close).0,
        );
    }
    let after = render_marked(new, &sides.after).0;
    section(
        &mut out,
        "after",
        &format!("After: {new_label}"),
        "diagram",
        &after,
    );
    changes(&mut out, &diff.changes, &sides);
    let before = render_marked(old, &sides.before).0;
    section(
        &mut out,
        "before",
        &format!("Before: {old_label}"),
        "diagram",
        &before,
    );
    text_diff(
        &mut out,
        &diff::text::unified(old, new, old_label, new_label),
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn legend(out: &mut String) {
    out.push_str("<ul class=\"legend\">");
    for look in [Look::Added, Look::Removed, Look::Changed, Look::Moved] {
        let word = look.word();
        let _ = write!(out, "<li class=\"{word}\">{word}</li>");
    }
    out.push_str("</ul>\n");
}

/// A titled section around markup that is already HTML (a picture).
fn section(out: &mut String, id: &str, heading: &str, class: &str, inner: &str) {
    let _ = write!(
        out,
        "<section id=\"{id}\">\n<h2>{}</h2>\n<div class=\"{class}\">\n{inner}</div>\n</section>\n",
        escape(heading)
    );
}

/// Each change as the text diff prints it; its head line links to its mark in a diagram (the
/// newer one, the older one for what was removed) when it is drawn there.
fn changes(out: &mut String, list: &[ElementChange], sides: &Sides) {
    let _ = writeln!(
        out,
        "<section id=\"changes\">\n<h2>Changes ({})</h2>\n<ol class=\"changes\">",
        list.len()
    );
    for (i, change) in list.iter().enumerate() {
        let text = diff::change_text(change);
        let mut lines = text.lines();
        let head = lines.next().unwrap_or_default();
        let rest: Vec<&str> = lines.map(str::trim).collect();
        let drawn = |overlay: &Overlay, id: Option<Id>| {
            id.filter(|id| overlay.marks.contains_key(id))
                .map(|id| format!("{}-{}", overlay.prefix, id.hyphenated()))
        };
        let target = match change.status {
            DiffStatus::Removed => drawn(&sides.before, change.old_id),
            _ => drawn(&sides.after, change.new_id),
        };
        let status = match change.status {
            DiffStatus::Added => "added",
            DiffStatus::Removed => "removed",
            DiffStatus::Changed => "changed",
            DiffStatus::Moved => "moved",
        };
        let _ = write!(out, "<li id=\"change-{i}\" class=\"{status}\">");
        match target {
            Some(target) => {
                let _ = write!(out, "<a href=\"#{target}\">{}</a>", escape(head));
            }
            None => out.push_str(&escape(head)),
        }
        if !rest.is_empty() {
            let escaped: Vec<String> = rest.iter().map(|l| escape(l)).collect();
            let _ = write!(out, "<pre>{}</pre>", escaped.join("\n"));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

fn text_diff(out: &mut String, unified: &str) {
    out.push_str("<section id=\"text\">\n<h2>Text diff</h2>\n<pre class=\"text-diff\">");
    for line in unified.lines() {
        let class = if line.starts_with("@@") {
            "hunk"
        } else if line.starts_with('+') && !line.starts_with("+++") {
            "add"
        } else if line.starts_with('-') && !line.starts_with("---") {
            "del"
        } else {
            "same"
        };
        let _ = write!(out, "<span class=\"{class}\">{}</span>", escape(line));
    }
    out.push_str("</pre>\n</section>\n");
}
