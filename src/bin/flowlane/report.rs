//! Writing results for people and scripts.

use std::io::Write;

use flowlane::describe::Names;
use flowlane::store::VersionInfo;
use flowlane::validate;

use crate::args::ReportFormat;

pub fn history_line(v: &VersionInfo) -> String {
    let tags = if v.tags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", v.tags.join(", "))
    };
    let signed = match &v.signed_by {
        Some(signer) => format!("  ✔ signed by {signer}"),
        None => String::new(),
    };
    format!(
        "v{:<3} {}  {:<20} {}{tags}{signed}",
        v.number,
        v.saved_at.format("%Y-%m-%d %H:%M:%SZ"),
        v.author,
        v.message
    )
}

pub fn write_problems(
    out: &mut impl Write,
    subject: &str,
    process: &flowlane::model::Process,
    problems: &[validate::Problem],
    format: ReportFormat,
) -> anyhow::Result<()> {
    let errors = problems
        .iter()
        .filter(|p| p.severity == validate::Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if format == ReportFormat::Json {
        let report = validate::Report::new(subject, problems.to_vec());
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(());
    }
    for p in problems {
        let severity = match p.severity {
            validate::Severity::Error => "error",
            validate::Severity::Warning => "warning",
        };
        writeln!(out, "{severity}[{}]: {}", p.code, p.message)?;
        writeln!(out, "    hint: {}", p.hint)?;
        if !p.path.is_empty() {
            // An unnamed step of the run reads as the core describes it, never `""`.
            let names = Names::of(process);
            let steps: Vec<String> = p.path.iter().map(|s| names.phrase(s.node)).collect();
            writeln!(out, "    run: {}", steps.join(" -> "))?;
        }
    }
    match (errors, warnings) {
        (0, 0) => writeln!(out, "{subject}: no problems")?,
        _ => writeln!(
            out,
            "{subject}: {errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )?,
    }
    Ok(())
}

/// `code  level  (default …)` for `rules`.
pub fn rule_line(
    code: &str,
    set: Option<validate::Level>,
    default: Option<validate::Level>,
) -> String {
    let default = default.unwrap_or(validate::Level::Error);
    match set {
        Some(level) if level != default => format!(
            "{code:<34} {:<8} (default {})",
            level.as_str(),
            default.as_str()
        ),
        _ => format!("{code:<34} {}", default.as_str()),
    }
}
