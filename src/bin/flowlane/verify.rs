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
