//! Values the command line parses: instants, simulated starts, durations, choices.

use chrono::{DateTime, NaiveDate, Utc};
use flowlane::model::Duration;

/// A date means the end of that day (UTC): "as of 2026-03-31" includes everything saved that day.
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 999))
        .map(|t| t.and_utc())
        .ok_or_else(|| format!("`{text}` is not a date (2026-03-31) or an RFC 3339 instant"))
}

/// A simulated start: an RFC 3339 instant, or a date meaning its midnight UTC.
pub fn parse_start(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| format!("`{text}` is not a date (2026-03-02) or an RFC 3339 instant"))
}

/// `2d`, `4h 30m`: a duration as definitions write it.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    text.parse()
        .map_err(|e: flowlane::model::DurationError| e.to_string())
}

/// `GATEWAY=FLOW` or, for an inclusive gateway, `GATEWAY=FLOW,FLOW`.
pub fn parse_choice(text: &str) -> Result<(String, Vec<String>), String> {
    let Some((gateway, ways)) = text.split_once('=').filter(|(g, _)| !g.trim().is_empty()) else {
        return Err(format!("`{text}` is not GATEWAY=FLOW"));
    };
    let ways: Vec<String> = ways
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    if ways.is_empty() {
        let gateway = gateway.trim();
        return Err(format!(
            "`{text}` chooses no way out of \"{gateway}\": name at least one, e.g. \"{gateway}=FLOW\" (several for an inclusive gateway: FLOW,FLOW)"
        ));
    }
    Ok((gateway.trim().to_string(), ways))
}
