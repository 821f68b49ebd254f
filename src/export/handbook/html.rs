//! The handbook as one self-contained HTML page: inline CSS, the process diagram embedded as
//! SVG (full size and scrollable on screen, fitted to the page in print), no scripts and nothing
//! fetched. Every text from the definition is escaped.

use std::fmt::Write;

use super::content::document;
use super::words::{
    facts, history_row, lane_facts, step_details, step_summary, way_out, Inline, HISTORY_COLUMNS,
};
use super::Source;
use crate::export::svg::svg;
use crate::xml::escaped as escape;

const STYLE: &str = "\
body{font:15px/1.5 'DejaVu Sans',Verdana,'Segoe UI',sans-serif;color:#1c2633;margin:2rem auto;max-width:62rem;padding:0 1.5rem}\
h1{font-size:1.7rem;margin:0 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid #d5dbe4}\
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{text-align:left;vertical-align:top;padding:.3rem .8rem .3rem 0;border-bottom:1px solid #e4e8ee}\
th{color:#3d4a5c;font-weight:600}code{font-family:'DejaVu Sans Mono',monospace;font-size:.9em;background:#f1f4f8;padding:0 .25em;border-radius:3px}\
figure{margin:1rem 0;overflow-x:auto;border:1px solid #d5dbe4}figure svg{display:block}\
dl.lane{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}dl.lane dt{color:#3d4a5c;font-weight:600}dl.lane dd{margin:0}\
ol.steps li{margin:.35rem 0}.summary{color:#5f6b7c}ul.ways{margin:.15rem 0;padding-left:1.2rem;list-style:none}ul.ways li{margin:0}\
p.detail{margin:.1rem 0;color:#3d4a5c}@media print{figure{overflow:visible;border:none}figure svg{max-width:100%;height:auto}h2{break-after:avoid}}";

pub fn html(source: &Source) -> String {
    let doc = document(source);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — process handbook</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&doc.name)
    );
    let _ = writeln!(out, "<h1>{} — process handbook</h1>", escape(&doc.name));
    out.push_str("<table class=\"facts\">\n");
    for (label, value) in facts(&doc) {
        let _ = writeln!(out, "<tr><th>{label}</th><td>{}</td></tr>", escape(&value));
    }
    out.push_str("</table>\n");
    let _ = writeln!(out, "<figure>\n{}</figure>", svg(source.process));
    if !doc.variables.is_empty() {
        // The generated-data column only when some variable has any: most processes have none.
        let generated = doc.variables.iter().any(|v| !v.3.is_empty());
        let extra = if generated {
            "<th>Generated data</th>"
        } else {
            ""
        };
        let _ = writeln!(out, "<h2>Instance data</h2>\n<table>\n<tr><th>Variable</th><th>Type</th><th>Meaning</th>{extra}</tr>");
        for (name, kind, description, data) in &doc.variables {
            let data = match generated {
                true => format!("<td>{}</td>", escape(data)),
                false => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{kind}</td><td>{}</td>{data}</tr>",
                escape(name),
                escape(description)
            );
        }
        out.push_str("</table>\n");
    }
    for (i, lane) in doc.lanes.iter().enumerate() {
        let _ = writeln!(out, "<section>\n<h2>{}. {}</h2>", i + 1, escape(&lane.name));
        out.push_str("<dl class=\"lane\">\n");
        for (label, value) in lane_facts(lane) {
            let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", escape(&value));
        }
        out.push_str("</dl>\n");
        if lane.steps.is_empty() {
            out.push_str("<p>No steps yet.</p>\n</section>\n");
            continue;
        }
        out.push_str("<ol class=\"steps\">\n");
        for step in &lane.steps {
            let _ = write!(
                out,
                "<li><strong>{}</strong> <span class=\"summary\">— {}</span>",
                escape(&step.name),
                inline(&step_summary(step))
            );
            for line in step_details(step) {
                let _ = write!(out, "\n<p class=\"detail\">{}</p>", inline(&line));
            }
            if !step.ways_out.is_empty() {
                out.push_str("\n<ul class=\"ways\">");
                for way in &step.ways_out {
                    let _ = write!(out, "<li>{}</li>", inline(&way_out(way)));
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
    if let Some(r) = &doc.reality {
        let _ = writeln!(out, "<h2>In practice: {}</h2>", escape(&r.log));
        out.push_str("<table class=\"reality\">\n");
        for (label, value) in &r.facts {
            let _ = writeln!(out, "<tr><th>{label}</th><td>{}</td></tr>", escape(value));
        }
        out.push_str("</table>\n");
        if !r.deviations.is_empty() {
            out.push_str("<ul class=\"deviations\">\n");
            for d in &r.deviations {
                let _ = writeln!(out, "<li>{}</li>", escape(d));
            }
            out.push_str("</ul>\n");
        }
    }
    out.push_str("<h2>Version history</h2>\n");
    if doc.history.is_empty() {
        out.push_str("<p>Not saved yet.</p>\n");
    } else {
        let heads: Vec<String> = HISTORY_COLUMNS
            .iter()
            .map(|c| format!("<th>{c}</th>"))
            .collect();
        let _ = writeln!(
            out,
            "<table class=\"history\">\n<tr>{}</tr>",
            heads.concat()
        );
        for v in &doc.history {
            let cells: Vec<String> = history_row(v, &doc.tags)
                .iter()
                .map(|c| format!("<td>{}</td>", escape(c)))
                .collect();
            let _ = writeln!(out, "<tr>{}</tr>", cells.concat());
        }
        out.push_str("</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn inline(runs: &[Inline]) -> String {
    runs.iter()
        .map(|run| match run {
            Inline::Text(t) => escape(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Inline::Code(t) => format!("<code>{}</code>", escape(t)),
        })
        .collect()
}
