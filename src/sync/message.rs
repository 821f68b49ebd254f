//! A version as a commit message: the version's own message, then git trailers that make the
//! version recoverable from the commit (process, number in the author's library, sha256 of the
//! definition, exact author and save time, which a git ident rounds to seconds and sanitises).

use chrono::{DateTime, SecondsFormat, Utc};

use crate::model::Id;

/// What the trailers say about the version a commit holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Stamp {
    pub process: Id,
    pub version: u32,
    pub hash: String,
    pub author: String,
    pub saved_at: DateTime<Utc>,
}

const PROCESS: &str = "Flowlane-Process";
const VERSION: &str = "Flowlane-Version";
const HASH: &str = "Flowlane-Hash";
const AUTHOR: &str = "Flowlane-Author";
const SAVED_AT: &str = "Flowlane-Saved-At";
const SCENARIO: &str = "Flowlane-Scenario";
const SIGNERS: &str = "Flowlane-Allowed-Signers";

/// What the trailers say about a trainer scenario a commit adds.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioStamp {
    pub process: Id,
    pub name: String,
    pub author: String,
    pub saved_at: DateTime<Utc>,
}

/// What a commit holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Version {
        message: String,
        stamp: Stamp,
    },
    Scenario(ScenarioStamp),
    /// A change of the allowed signers and nothing else.
    Signers,
}

/// The commit message of a change of the allowed signers, naming who may sign now.
pub fn write_signers(names: &[String]) -> String {
    let list = if names.is_empty() {
        "nobody".to_string()
    } else {
        names.join(", ").replace(['\n', '\r'], " ")
    };
    format!("Allowed signers: {list}\n\n{SIGNERS}: updated\n")
}

/// The commit message for a scenario.
pub fn write_scenario(stamp: &ScenarioStamp) -> String {
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    format!(
        "Scenario “{}”\n\n{PROCESS}: {}\n{SCENARIO}: {}\n{AUTHOR}: {}\n{SAVED_AT}: {}\n",
        one_line(&stamp.name),
        stamp.process,
        one_line(&stamp.name),
        one_line(&stamp.author),
        stamp.saved_at.to_rfc3339_opts(SecondsFormat::Millis, true)
    )
}

/// A version or a scenario, by the trailers the message carries.
pub fn read_any(text: &str) -> Result<Content, String> {
    let trailers = text.trim_end().rsplit_once("\n\n").map_or("", |(_, t)| t);
    if trailer(trailers, SIGNERS).is_ok() {
        return Ok(Content::Signers);
    }
    let Ok(name) = trailer(trailers, SCENARIO) else {
        let (message, stamp) = read(text)?;
        return Ok(Content::Version { message, stamp });
    };
    let field = |key: &str| trailer(trailers, key);
    Ok(Content::Scenario(ScenarioStamp {
        process: field(PROCESS)?
            .parse()
            .map_err(|_| format!("{PROCESS} is not a process id"))?,
        name: name.trim().to_string(),
        author: field(AUTHOR)?.to_string(),
        saved_at: DateTime::parse_from_rfc3339(field(SAVED_AT)?)
            .map_err(|_| format!("{SAVED_AT} is not a time"))?
            .with_timezone(&Utc),
    }))
}

/// The value of the `key: value` trailer line, or what is missing.
fn trailer<'t>(trailers: &'t str, key: &str) -> Result<&'t str, String> {
    trailers
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(": "))
        .map(str::trim)
        .ok_or_else(|| format!("its message has no {key} trailer"))
}

/// The commit message for a version.
pub fn write(message: &str, stamp: &Stamp) -> String {
    let subject = if message.trim().is_empty() {
        "(no message)"
    } else {
        message.trim_end()
    };
    let author: String = stamp.author.replace(['\n', '\r'], " ");
    format!(
        "{subject}\n\n{PROCESS}: {}\n{VERSION}: {}\n{HASH}: {}\n{AUTHOR}: {author}\n{SAVED_AT}: {}\n",
        stamp.process,
        stamp.version,
        stamp.hash,
        stamp.saved_at.to_rfc3339_opts(SecondsFormat::Millis, true)
    )
}

/// The version's message and stamp from a commit message, or what is missing.
pub fn read(text: &str) -> Result<(String, Stamp), String> {
    let text = text.trim_end();
    let (message, trailers) = text
        .rsplit_once("\n\n")
        .ok_or("its message has no Flowlane trailers")?;
    let field = |key: &str| trailer(trailers, key);
    let process = field(PROCESS)?
        .parse()
        .map_err(|_| format!("{PROCESS} is not a process id"))?;
    let version = field(VERSION)?
        .parse()
        .map_err(|_| format!("{VERSION} is not a version number"))?;
    let hash = field(HASH)?.to_string();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("{HASH} is not a sha256"));
    }
    let saved_at = DateTime::parse_from_rfc3339(field(SAVED_AT)?)
        .map_err(|_| format!("{SAVED_AT} is not a time"))?
        .with_timezone(&Utc);
    let stamp = Stamp {
        process,
        version,
        hash,
        author: field(AUTHOR)?.to_string(),
        saved_at,
    };
    let message = if message == "(no message)" {
        String::new()
    } else {
        message.to_string()
    };
    Ok((message, stamp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_stamp_survives_the_commit_message() {
        let stamp = Stamp {
            process: uuid::Uuid::from_u128(7),
            version: 12,
            hash: "ab".repeat(32),
            author: "Ana Silva".into(),
            saved_at: Utc.timestamp_millis_opt(1_780_000_000_123).unwrap(),
        };
        let text = write(
            "Route big invoices to the CFO\n\nbecause audit asked",
            &stamp,
        );
        let (message, read_back) = read(&text).unwrap();
        assert_eq!(
            message,
            "Route big invoices to the CFO\n\nbecause audit asked"
        );
        assert_eq!(read_back, stamp);
    }

    #[test]
    fn a_scenario_stamp_survives_the_commit_message() {
        let stamp = ScenarioStamp {
            process: uuid::Uuid::from_u128(9),
            name: "New hire in Engineering".into(),
            author: "Tom".into(),
            saved_at: Utc.timestamp_millis_opt(1_780_000_000_000).unwrap(),
        };
        assert_eq!(
            read_any(&write_scenario(&stamp)),
            Ok(Content::Scenario(stamp))
        );
    }

    #[test]
    fn a_commit_without_trailers_is_named_as_such() {
        assert_eq!(
            read("Fix typo").unwrap_err(),
            "its message has no Flowlane trailers"
        );
        let err = read("Fix typo\n\nFlowlane-Process: nope").unwrap_err();
        assert_eq!(err, "Flowlane-Process is not a process id");
    }
}
