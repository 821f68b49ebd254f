//! `flowlane verify`: the library checked in itself, against its linked repository and against
//! a checkpoint file.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Context};
use flowlane::store::{Checkpoint, Library, VerifyReport};
use flowlane::sync;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::failure::{bad_input, Failure};
use crate::input::open;
use crate::team;

pub fn run(path: &Path, checkpoint: Option<&Path>, out: &mut impl Write) -> Result<(), Failure> {
    let library = open(path)?;
    let mut report = verify_with_bar(&library)?;
    let mut notes = Vec::new();
    match sync::anchor::check(&library, &sync::cache_dir(path)) {
        Ok(None) => {}
        Ok(Some(anchor)) => {
            notes.push(format!(
                "checked against the linked repository {}",
                anchor.against
            ));
            report.problems.extend(anchor.problems);
        }
        Err(err) => notes.push(format!("not checked against the linked repository: {err}")),
    }
    let refused = signatures(&library, path, &mut notes)?;
    let earlier = match checkpoint {
        Some(file) if file.exists() => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the checkpoint {}", file.display()))?;
            let earlier = Checkpoint::from_json(&text).map_err(|e| {
                bad_input(anyhow!(e).context(format!("checkpoint {}", file.display())))
            })?;
            report.problems.extend(library.check_checkpoint(&earlier)?);
            notes.push(format!("checked against the checkpoint {}", file.display()));
            Some(earlier)
        }
        _ => None,
    };
    write!(out, "{}", report.render())?;
    for note in &notes {
        writeln!(out, "{note}")?;
    }
    for finding in &refused {
        writeln!(out, "refused: {finding}")?;
    }
    if !refused.is_empty() && report.is_clean() {
        return Err(bad_input(anyhow!(
            "{} signature problem(s) this library's policy refuses",
            refused.len()
        )));
    }
    if !report.is_clean() {
        if let Some(file) = checkpoint {
            writeln!(out, "the checkpoint {} was left as it was", file.display())?;
        }
        return Err(bad_input(anyhow!(
            "the library was changed outside Flowlane: {} problem(s) found",
            report.problems.len()
        )));
    }
    if let Some(file) = checkpoint {
        let now = library.checkpoint()?;
        let verb = match &earlier {
            None => "written",
            Some(earlier) if *earlier == now => "unchanged",
            Some(_) => "updated",
        };
        if verb != "unchanged" {
            std::fs::write(file, now.to_json())
                .with_context(|| format!("cannot write the checkpoint {}", file.display()))?;
        }
        writeln!(out, "checkpoint {verb}: {}", file.display())?;
    }
    Ok(())
}

/// Every signature of the shared branch and every signed approval checked again: what the
/// policy refuses is returned, the rest is noted.
fn signatures(
    library: &Library,
    path: &Path,
    notes: &mut Vec<String>,
) -> Result<Vec<String>, Failure> {
    let mut refused = Vec::new();
    match sync::signing::check_shared(library, &sync::cache_dir(path)) {
        Ok(Some(check)) if !check.in_use => {
            notes.push("signatures not checked: nobody signs (no allowed signers)".into());
        }
        Ok(None) => {}
        Ok(Some(check)) => {
            notes.push(format!(
                "signatures checked on {}: {} commit(s) signed by an allowed signer",
                check.against, check.signed
            ));
            for (finding, refuses) in check.findings {
                match refuses {
                    true => refused.push(finding),
                    false => notes.push(format!("warning: {finding}")),
                }
            }
        }
        Err(err) => notes.push(format!("signatures not checked: {err}")),
    }
    let four_eyes = library.signing()?.four_eyes;
    for record in library.signed_tags()? {
        let (info, _) = library.load(record.process, Some(record.number))?;
        let what = format!(
            "\"{}\" on \"{}\" v{} by {}",
            record.tag,
            info_name(library, record.process)?,
            record.number,
            record.author
        );
        match sync::approval::check(library, &record).map_err(team::failure)? {
            None => refused.push(format!("{what}: its signature does not verify")),
            Some(signer) if four_eyes && signer == sync::signing::principal(&info.author) => {
                refused.push(format!(
                    "{what}: signed by {signer}, the version's own author (four eyes)"
                ))
            }
            Some(_) => {}
        }
    }
    Ok(refused)
}

fn info_name(library: &Library, process: flowlane::model::Id) -> anyhow::Result<String> {
    Ok(library.load(process, None)?.1.info.name)
}

/// `Library::verify` with a progress bar of the versions read, drawn on standard error only
/// when it is a terminal (so scripts and redirected output see none), and gone when done.
fn verify_with_bar(library: &Library) -> Result<VerifyReport, Failure> {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("verifying {bar:40} {pos}/{len} versions, {eta} left")
            .map_err(|e| anyhow!(e))?,
    );
    let report = library.verify_with_progress(&mut |done, total| {
        if done == 1 {
            bar.set_length(total);
        }
        // Each call costs an atomic add; drawing is rate-limited by indicatif.
        bar.set_position(done);
    });
    bar.finish_and_clear();
    Ok(report?)
}
