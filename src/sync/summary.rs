//! One line for what a sync (pull, then push) did, for the app's Sync button.

use super::{PullReport, PushReport};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "3 new versions from 2 people · pushed 1 version · 1 merge waits (2 conflicts)".
pub fn summary(pulled: &PullReport, pushed: Option<&PushReport>) -> String {
    let mut parts = Vec::new();
    if !pulled.versions.is_empty() {
        parts.push(format!(
            "{} from {}",
            plural(pulled.versions.len(), "new version", "new versions"),
            plural(pulled.people(), "person", "people")
        ));
    }
    if !pulled.scenarios.is_empty() {
        parts.push(plural(
            pulled.scenarios.len(),
            "new scenario",
            "new scenarios",
        ));
    }
    if let Some(p) = pushed.filter(|p| p.versions + p.scenarios > 0) {
        parts.push(format!(
            "pushed {}",
            plural((p.versions + p.scenarios) as usize, "change", "changes")
        ));
    }
    if !pulled.unsigned.is_empty() {
        parts.push(plural(
            pulled.unsigned.len(),
            "change not signed by an allowed signer",
            "changes not signed by an allowed signer",
        ));
    }
    for m in &pulled.merges {
        let open = m.conflicts.iter().filter(|c| c.choice.is_none()).count();
        parts.push(if open == 0 {
            format!("“{}” merged into a draft, no conflicts", m.name)
        } else {
            format!(
                "“{}” needs a merge ({})",
                m.name,
                plural(open, "conflict", "conflicts")
            )
        });
    }
    if parts.is_empty() {
        "Up to date".into()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::pull::{MergeStarted, PulledLine};

    fn line(author: &str) -> PulledLine {
        PulledLine {
            process: "Accounts payable".into(),
            number: 3,
            author: author.into(),
            message: "m".into(),
        }
    }

    #[test]
    fn one_line_says_what_came_in_went_out_and_waits() {
        assert_eq!(summary(&PullReport::default(), None), "Up to date");
        let pulled = PullReport {
            versions: vec![line("ana"), line("bob")],
            merges: vec![MergeStarted {
                process: uuid::Uuid::nil(),
                name: "Employee onboarding".into(),
                theirs_about: String::new(),
                conflicts: Vec::new(),
            }],
            ..PullReport::default()
        };
        let pushed = PushReport {
            versions: 1,
            processes: 1,
            ..PushReport::default()
        };
        assert_eq!(
            summary(&pulled, Some(&pushed)),
            "2 new versions from 2 people · pushed 1 change · “Employee onboarding” merged into a draft, no conflicts"
        );
    }
}
