use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Duration;

/// When a timer fires, as the ISO 8601 text the user or the file wrote (kept exactly): a
/// duration (`P3D`, counted from when the token arrives or the host activity starts), a date
/// (`2026-03-01T09:00:00Z`) or a repeating cycle (`R3/PT1H`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Timer {
    Duration(String),
    Date(String),
    Cycle(String),
}

impl Timer {
    /// The expression as written.
    pub fn text(&self) -> &str {
        match self {
            Timer::Duration(t) | Timer::Date(t) | Timer::Cycle(t) => t,
        }
    }

    /// How long a duration timer waits, when its text is a duration in weeks, days, hours and
    /// minutes (years and months have no fixed length).
    pub fn wait(&self) -> Option<Duration> {
        match self {
            Timer::Duration(text) => parse_iso(text),
            _ => None,
        }
    }
}

/// `P1W`, `P2DT4H30M`, `PT0M`: weeks, days, hours and minutes.
pub fn parse_iso(text: &str) -> Option<Duration> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut minutes: u64 = 0;
    let mut any = false;
    let mut add = |part: &str, units: &[(char, u64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let size = units.iter().find(|(u, _)| *u == c)?.1;
            let n: u64 = number.parse().ok()?;
            minutes = minutes.checked_add(n.checked_mul(size)?)?;
            number.clear();
            any = true;
        }
        number.is_empty().then_some(())
    };
    add(date, &[('W', 7 * 24 * 60), ('D', 24 * 60)])?;
    if let Some(time) = time {
        if time.is_empty() {
            return None;
        }
        add(time, &[('H', 60), ('M', 1)])?;
    }
    any.then_some(Duration::minutes(minutes))
}

/// The ISO 8601 form Flowlane writes: days, then hours and minutes.
pub fn to_iso(wait: Duration) -> String {
    let (days, rest) = (wait.minutes / (24 * 60), wait.minutes % (24 * 60));
    let (hours, minutes) = (rest / 60, rest % 60);
    let mut out = String::from("P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if hours > 0 || minutes > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            out.push_str(&format!("{hours}H"));
        }
        if minutes > 0 || hours == 0 {
            out.push_str(&format!("{minutes}M"));
        }
    }
    out
}
