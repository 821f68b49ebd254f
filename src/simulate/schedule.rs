//! When a timer fires on the simulated clock, for the step engine and the batch run alike: a
//! duration once after it starts, a date at that instant (at once if the date has passed), a
//! cycle `R3/PT1H` every period after it starts as often as it says (`R/…` for ever), or from
//! its own start date in `R3/2026-03-01T09:00:00Z/P1D`.

use chrono::{DateTime, Months, NaiveDate, NaiveDateTime, Utc};

use crate::model::{Period, Timer};

/// The most firings one timer has in a run: a cycle without a count (or with a zero period)
/// would otherwise go on for ever.
pub const MAX_FIRINGS: usize = 1000;

/// The instants `timer` fires at when it starts at `since`, earliest first; empty when its
/// expression does not read (validation reports that) or the clock would overflow.
pub fn firings(timer: &Timer, since: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    match timer {
        Timer::Duration(text) => {
            out.extend(Period::parse(text).and_then(|p| after(&p, since)));
        }
        Timer::Date(text) => out.extend(instant(text).map(|at| at.max(since))),
        Timer::Cycle(text) => {
            let Some((times, start, every)) = cycle(text) else {
                return out;
            };
            let most = times.map_or(MAX_FIRINGS, |t| t.min(MAX_FIRINGS));
            // With a start date the first firing is at it; without, one period after `since`.
            let mut next = match start {
                Some(start) => Some(start),
                None => after(&every, since),
            };
            // Firings before `since` count towards the number, as the cycle is on the calendar.
            let mut count = 0;
            while let Some(at) = next {
                if count == most {
                    break;
                }
                count += 1;
                if at >= since {
                    out.push(at);
                }
                next = after(&every, at).filter(|later| *later > at);
            }
        }
    }
    out
}

/// `at` moved on by `period`: years and months on the calendar, the rest by the clock.
fn after(period: &Period, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let months = u32::try_from(period.years.checked_mul(12)?.checked_add(period.months)?).ok()?;
    let seconds = period
        .weeks
        .checked_mul(7 * 24 * 3600)?
        .checked_add(period.days.checked_mul(24 * 3600)?)?
        .checked_add(period.hours.checked_mul(3600)?)?
        .checked_add(period.minutes.checked_mul(60)?)?
        .checked_add(period.seconds)?;
    let seconds = chrono::Duration::try_seconds(i64::try_from(seconds).ok()?)?;
    at.checked_add_months(Months::new(months))?
        .checked_add_signed(seconds)
}

/// A date-time as timers write it: RFC 3339, a local date-time (read as UTC) or a plain date
/// (its midnight).
pub fn instant(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at.and_utc());
        }
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// `R[n]/period` or `R[n]/start/period`: how many times (none: for ever), from when, how often.
fn cycle(text: &str) -> Option<(Option<usize>, Option<DateTime<Utc>>, Period)> {
    let parts: Vec<&str> = text.split('/').collect();
    let (repeat, start, every) = match parts.as_slice() {
        [r, every] => (*r, None, *every),
        [r, start, every] => (*r, Some(instant(start)?), *every),
        _ => return None,
    };
    let count = repeat.strip_prefix('R')?;
    let times = match count.is_empty() {
        true => None,
        false => Some(count.parse().ok()?),
    };
    Some((times, start, Period::parse(every)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn durations_dates_and_cycles_fire_on_the_clock() {
        let since = at("2026-03-02T09:00:00Z");
        let once = firings(&Timer::Duration("P1DT2H".into()), since);
        assert_eq!(once, vec![at("2026-03-03T11:00:00Z")]);
        let month = firings(&Timer::Duration("P1M".into()), at("2026-01-31T09:00:00Z"));
        assert_eq!(month, vec![at("2026-02-28T09:00:00Z")]);
        let date = firings(&Timer::Date("2026-03-04T12:00:00Z".into()), since);
        assert_eq!(date, vec![at("2026-03-04T12:00:00Z")]);
        let passed = firings(&Timer::Date("2026-01-01".into()), since);
        assert_eq!(passed, vec![since], "a date already passed fires at once");
        let hourly = firings(&Timer::Cycle("R3/PT1H".into()), since);
        assert_eq!(
            hourly,
            vec![
                at("2026-03-02T10:00:00Z"),
                at("2026-03-02T11:00:00Z"),
                at("2026-03-02T12:00:00Z")
            ]
        );
        let daily = firings(
            &Timer::Cycle("R2/2026-03-01T08:00:00Z/P1D".into()),
            at("2026-03-01T12:00:00Z"),
        );
        assert_eq!(
            daily,
            vec![at("2026-03-02T08:00:00Z")],
            "a firing before the timer started is one of the two, missed"
        );
        assert_eq!(
            firings(&Timer::Cycle("R/PT1M".into()), since).len(),
            MAX_FIRINGS
        );
        assert_eq!(firings(&Timer::Cycle("R/PT0M".into()), since).len(), 1);
        assert!(firings(&Timer::Cycle("every hour".into()), since).is_empty());
    }
}
