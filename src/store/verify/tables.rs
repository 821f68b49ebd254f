//! The audited rows besides versions, each checked against the audit log: tags and scenarios
//! (written once, each by one entry), archiving, rule levels and the linked repository (the
//! newest entry says what the row must be now).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;

use super::rows::{self, AuditRow};
use super::{Findings, TamperKind};

pub(super) fn check(
    conn: &Connection,
    audit: &[AuditRow],
    findings: &mut Findings,
) -> rusqlite::Result<()> {
    tags(conn, audit, findings)?;
    scenarios(conn, audit, findings)?;
    archived(conn, audit, findings)?;
    settings(conn, audit, findings)?;
    remote(conn, audit, findings)
}

fn process_of(row: &AuditRow) -> &str {
    row.process.as_ref().map_or("", |p| p.0.as_str())
}

fn tags(conn: &Connection, audit: &[AuditRow], findings: &mut Findings) -> rusqlite::Result<()> {
    let recorded: BTreeSet<(String, u32, String)> = audit
        .iter()
        .filter(|r| r.action == "tag")
        .filter_map(|r| {
            Some((
                process_of(r).to_string(),
                r.number("version")?,
                r.text("tag")?.to_string(),
            ))
        })
        .collect();
    let mut stmt = conn.prepare("SELECT process_id, number, tag FROM tags")?;
    let stored = stmt
        .query_map([], |r| {
            Ok((rows::lossy(r, 0)?, rows::number(r, 1)?, rows::lossy(r, 2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut present = BTreeSet::new();
    for (process, number, tag) in stored {
        let Some(number) = number else {
            let message = format!("its tag \"{tag}\" names no version number");
            findings.add(TamperKind::UnreadableRow, Some(&process), None, message);
            continue;
        };
        let key = (process, number, tag);
        if !recorded.contains(&key) {
            let message = format!("its tag \"{}\" was never recorded in the audit log", key.2);
            findings.add(
                TamperKind::UnrecordedChange,
                Some(&key.0),
                Some(number),
                message,
            );
        }
        present.insert(key);
    }
    for (process, number, tag) in recorded.difference(&present) {
        let message = format!("its tag \"{tag}\" was removed: the audit log records adding it");
        findings.add(
            TamperKind::UndoneChange,
            Some(process),
            Some(*number),
            message,
        );
    }
    Ok(())
}

fn scenarios(
    conn: &Connection,
    audit: &[AuditRow],
    findings: &mut Findings,
) -> rusqlite::Result<()> {
    let recorded: BTreeMap<String, (String, u32)> = audit
        .iter()
        .filter(|r| r.action == "save_scenario")
        .filter_map(|r| {
            let name = r.text("scenario")?.to_string();
            Some((name, (process_of(r).to_string(), r.number("version")?)))
        })
        .collect();
    let mut stmt = conn.prepare("SELECT name, process_id, version, scenario FROM scenarios")?;
    let stored = stmt
        .query_map([], |r| {
            Ok((
                rows::lossy(r, 0)?,
                rows::lossy(r, 1)?,
                rows::number(r, 2)?,
                rows::bytes(r, 3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut present = BTreeSet::new();
    for (name, process, version, scenario) in stored {
        let readable = std::str::from_utf8(&scenario)
            .ok()
            .is_some_and(|text| serde_json::from_str::<crate::simulate::Scenario>(text).is_ok());
        if !readable {
            let message =
                format!("its scenario \"{name}\" cannot be read (not UTF-8 JSON of a scenario)");
            findings.add(TamperKind::UnreadableRow, Some(&process), version, message);
        }
        match recorded.get(&name) {
            Some((p, v)) if *p == process && Some(*v) == version => {}
            Some((_, v)) => {
                let message = format!("its scenario \"{name}\" was moved: the audit log records it on v{v} of another process or version");
                findings.add(
                    TamperKind::UnrecordedChange,
                    Some(&process),
                    version,
                    message,
                );
            }
            None => {
                let message =
                    format!("its scenario \"{name}\" was never recorded in the audit log");
                findings.add(
                    TamperKind::UnrecordedChange,
                    Some(&process),
                    version,
                    message,
                );
            }
        }
        present.insert(name);
    }
    for (name, (process, version)) in &recorded {
        if !present.contains(name) {
            let message =
                format!("its scenario \"{name}\" was removed: the audit log records saving it");
            findings.add(
                TamperKind::UndoneChange,
                Some(process),
                Some(*version),
                message,
            );
        }
    }
    Ok(())
}

/// Whether each process is archived, as the newest archive / unarchive entry says.
fn archived(
    conn: &Connection,
    audit: &[AuditRow],
    findings: &mut Findings,
) -> rusqlite::Result<()> {
    let mut recorded: BTreeMap<String, bool> = BTreeMap::new();
    for r in audit
        .iter()
        .filter(|r| r.action == "archive" || r.action == "unarchive")
    {
        recorded.insert(process_of(r).to_string(), r.action == "archive");
    }
    let mut stmt = conn.prepare("SELECT process_id FROM archived")?;
    let stored = stmt
        .query_map([], |r| rows::lossy(r, 0))?
        .collect::<rusqlite::Result<BTreeSet<_>>>()?;
    for process in &stored {
        if recorded.get(process) != Some(&true) {
            let message =
                "it is archived, but the audit log does not record archiving it".to_string();
            findings.add(TamperKind::UnrecordedChange, Some(process), None, message);
        }
    }
    for (process, _) in recorded
        .iter()
        .filter(|(p, archived)| **archived && !stored.contains(*p))
    {
        let message = "it is not archived, but the audit log records archiving it last".to_string();
        findings.add(TamperKind::UndoneChange, Some(process), None, message);
    }
    Ok(())
}

/// Each rule level as the newest `set_rule_level` entry says ("default" is no row).
fn settings(
    conn: &Connection,
    audit: &[AuditRow],
    findings: &mut Findings,
) -> rusqlite::Result<()> {
    let mut recorded: BTreeMap<String, String> = BTreeMap::new();
    for r in audit.iter() {
        if r.action == "set_rule_level" {
            if let (Some(rule), Some(level)) = (r.text("rule"), r.text("level")) {
                recorded.insert(format!("rule.{rule}"), level.to_string());
            }
        } else if r.action == crate::store::signing::SET_SETTING {
            if let Some(key) = r.text("key") {
                let value = r.text("value").unwrap_or("default");
                recorded.insert(key.to_string(), value.to_string());
            }
        }
    }
    let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
    let stored = stmt
        .query_map([], |r| Ok((rows::lossy(r, 0)?, rows::lossy(r, 1)?)))?
        .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
    let keys: BTreeSet<&String> = stored.keys().chain(recorded.keys()).collect();
    for key in keys {
        let now = stored.get(key).map_or("default", String::as_str);
        let logged = recorded.get(key).map_or("default", String::as_str);
        if now != logged {
            let message = format!(
                "the setting {key} is \"{now}\", but the audit log records \"{logged}\" last"
            );
            findings.add(TamperKind::UnrecordedChange, None, None, message);
        }
    }
    Ok(())
}

/// The linked repository as the newest `link_remote` entry names it.
fn remote(conn: &Connection, audit: &[AuditRow], findings: &mut Findings) -> rusqlite::Result<()> {
    let recorded = audit.iter().rfind(|r| r.action == "link_remote").map(|r| {
        (
            r.text("url").unwrap_or("").to_string(),
            r.text("branch").unwrap_or("").to_string(),
        )
    });
    let mut stmt = conn.prepare("SELECT url, branch FROM sync_remote")?;
    let stored = stmt
        .query_map([], |r| Ok((rows::lossy(r, 0)?, rows::lossy(r, 1)?)))?
        .next()
        .transpose()?;
    if stored != recorded {
        let show = |link: &Option<(String, String)>| {
            link.as_ref()
                .map_or("no repository".to_string(), |(url, branch)| {
                    format!("{url} ({branch})")
                })
        };
        let message = format!(
            "the library is linked to {}, but the audit log records {} last",
            show(&stored),
            show(&recorded)
        );
        findings.add(TamperKind::UnrecordedChange, None, None, message);
    }
    Ok(())
}
