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

/// A timer expression that does not read, said so a user can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimerError {
    #[error("`{0}` is not an ISO 8601 duration such as P3D, PT4H30M or P1Y2M")]
    Duration(String),
    #[error("`{0}` is not a date and time such as 2026-03-01T09:00:00Z")]
    Date(String),
    #[error("`{0}` is not a cycle such as R3/PT1H or R/2026-03-01T09:00:00Z/P1D")]
    Cycle(String),
}

/// An ISO 8601 duration with every designator it may have (`P1Y2M3W4DT5H6M7S`), for reading
/// and describing; only weeks to minutes have a fixed length (see [`parse_iso`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Period {
    pub years: u64,
    pub months: u64,
    pub weeks: u64,
    pub days: u64,
    pub hours: u64,
    pub minutes: u64,
    pub seconds: u64,
}

impl Period {
    /// Reads `P…` with designators in ISO order, each at most once, and at least one of them.
    pub fn parse(text: &str) -> Option<Period> {
        let rest = text.strip_prefix('P')?;
        let (date, time) = match rest.split_once('T') {
            Some((d, t)) if !t.is_empty() => (d, Some(t)),
            Some(_) => return None,
            None => (rest, None),
        };
        let mut period = Period::default();
        let mut any = false;
        let mut read = |part: &str, order: &[char]| -> Option<()> {
            let mut number = String::new();
            let mut next = 0;
            for c in part.chars() {
                if c.is_ascii_digit() {
                    number.push(c);
                    continue;
                }
                let at = next + order[next..].iter().position(|&u| u == c)?;
                next = at + 1;
                let n: u64 = number.parse().ok()?;
                number.clear();
                any = true;
                *period.slot(c, time.is_some() && order[0] == 'H')? = n;
            }
            number.is_empty().then_some(())
        };
        read(date, &['Y', 'M', 'W', 'D'])?;
        if let Some(time) = time {
            read(time, &['H', 'M', 'S'])?;
        }
        any.then_some(period)
    }

    fn slot(&mut self, designator: char, in_time: bool) -> Option<&mut u64> {
        Some(match (designator, in_time) {
            ('Y', _) => &mut self.years,
            ('M', false) => &mut self.months,
            ('W', _) => &mut self.weeks,
            ('D', _) => &mut self.days,
            ('H', _) => &mut self.hours,
            ('M', true) => &mut self.minutes,
            ('S', _) => &mut self.seconds,
            _ => return None,
        })
    }
}

/// `3 days`, `1 year and 2 months`, `4 hours and 30 minutes`; zero is `no time`.
impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = [
            (self.years, "year"),
            (self.months, "month"),
            (self.weeks, "week"),
            (self.days, "day"),
            (self.hours, "hour"),
            (self.minutes, "minute"),
            (self.seconds, "second"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if n == 1 { "" } else { "s" }))
        .collect();
        match parts.as_slice() {
            [] => f.write_str("no time"),
            [one] => f.write_str(one),
            [rest @ .., last] => write!(f, "{} and {last}", rest.join(", ")),
        }
    }
}

impl Timer {
    /// Whether the expression reads: a duration, an RFC 3339 / ISO 8601 date-time, or a cycle
    /// `R[n]/duration`, `R[n]/start/duration`.
    pub fn check(&self) -> Result<(), TimerError> {
        let ok = match self {
            Timer::Duration(text) => Period::parse(text).is_some(),
            Timer::Date(text) => parse_date(text).is_some(),
            Timer::Cycle(text) => parse_cycle(text).is_some(),
        };
        if ok {
            return Ok(());
        }
        Err(match self {
            Timer::Duration(t) => TimerError::Duration(t.clone()),
            Timer::Date(t) => TimerError::Date(t.clone()),
            Timer::Cycle(t) => TimerError::Cycle(t.clone()),
        })
    }

    /// The timer in words where it reads (`3 days`, `on 1 March 2026, 09:00 +00:00`,
    /// `every 1 hour, 3 times`), otherwise the text as written.
    pub fn describe(&self) -> String {
        let words = match self {
            Timer::Duration(text) => Period::parse(text).map(|p| p.to_string()),
            Timer::Date(text) => parse_date(text).map(|d| format!("on {d}")),
            Timer::Cycle(text) => parse_cycle(text).map(|(times, start, every)| {
                let mut out = format!("every {every}");
                if let Some(start) = start {
                    out.push_str(&format!(" from {start}"));
                }
                match times {
                    Some(1) => out.push_str(", once"),
                    Some(n) => out.push_str(&format!(", {n} times")),
                    None => {}
                }
                out
            }),
        };
        words.unwrap_or_else(|| self.text().to_string())
    }
}

/// A date-time in words (`1 March 2026, 09:00 +01:00`), from RFC 3339 or a local ISO 8601
/// date-time (`2026-03-01T09:00`, seconds optional) or a plain date.
fn parse_date(text: &str) -> Option<String> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.format("%-d %B %Y, %H:%M %:z").to_string());
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at.format("%-d %B %Y, %H:%M").to_string());
        }
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(day.format("%-d %B %Y").to_string())
}

/// `R[n]/duration` or `R[n]/start/duration`: how many times (none: for ever), from when, how
/// often.
fn parse_cycle(text: &str) -> Option<(Option<u64>, Option<String>, Period)> {
    let parts: Vec<&str> = text.split('/').collect();
    let (repeat, start, every) = match parts.as_slice() {
        [r, every] => (*r, None, *every),
        [r, start, every] => (*r, Some(parse_date(start)?), *every),
        _ => return None,
    };
    let count = repeat.strip_prefix('R')?;
    let times = if count.is_empty() {
        None
    } else {
        Some(count.parse().ok()?)
    };
    Some((times, start, Period::parse(every)?))
}
