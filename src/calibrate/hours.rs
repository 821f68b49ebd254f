//! Working hours read off a log: the weekdays and hours in which a role's work starts and
//! completes. A start-to-complete time spans the nights and weekends work stops over; counted
//! in these hours it is the work itself, as the simulation's calendars count it, so a step
//! begun at 15:50 and done at 08:10 the next morning is twenty minutes of work, not sixteen hours.

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::model::{Calendar, Weekday};
use crate::simulate::batch::WorkingHours;

/// A weekday is worked when its starts are at least this share of the busiest weekday's.
const DAY_SHARE: f64 = 0.05;
/// The earliest and latest this share of times of day are strays, not the hours.
const EDGE: f64 = 0.005;
/// The fewest spans a role's hours are read from.
const MIN_SPANS: usize = 20;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The hours in which the (start, complete) spans (ms since 1970, UTC) of one role's work fall;
/// `None` when work goes on around the clock or there are too few spans to tell.
pub fn working_hours(spans: &[(i64, i64)]) -> Option<Calendar> {
    if spans.len() < MIN_SPANS {
        return None;
    }
    let at = |ms: i64| DateTime::<Utc>::from_timestamp_millis(ms);
    let minute_of_day = |t: DateTime<Utc>| f64::from(t.num_seconds_from_midnight()) / 60.0;
    let mut starts: Vec<f64> = Vec::new();
    let mut ends: Vec<f64> = Vec::new();
    let mut days = [0usize; 7];
    for &(start, end) in spans {
        let (Some(s), Some(e)) = (at(start), at(end)) else {
            continue;
        };
        starts.push(minute_of_day(s));
        ends.push(minute_of_day(e));
        days[s.weekday().num_days_from_monday() as usize] += 1;
    }
    starts.sort_by(f64::total_cmp);
    ends.sort_by(f64::total_cmp);
    let from = (crate::performance::quantile(&starts, EDGE) / 60.0).floor();
    let to = (crate::performance::quantile(&ends, 1.0 - EDGE) / 60.0).ceil();
    let busiest = days.iter().copied().max().unwrap_or(0) as f64;
    let weekdays: Vec<Weekday> = (WEEK.iter().zip(days))
        .filter(|(_, n)| *n as f64 >= DAY_SHARE * busiest)
        .map(|(d, _)| *d)
        .collect();
    let round_the_clock = to - from >= 23.0 && weekdays.len() == 7;
    (from < to && !round_the_clock).then(|| Calendar {
        from_hour: from as u8,
        to_hour: to.min(24.0) as u8,
        weekdays,
    })
}

/// Working minutes between two instants (ms since 1970, UTC) under a calendar.
pub struct WorkClock(WorkingHours);

impl WorkClock {
    pub fn new(calendar: &Calendar) -> Option<WorkClock> {
        WorkingHours::new("", calendar, DateTime::UNIX_EPOCH)
            .ok()
            .map(WorkClock)
    }

    pub fn minutes(&self, from_ms: i64, to_ms: i64) -> f64 {
        self.0
            .open_minutes(from_ms as f64 / 60_000.0, to_ms as f64 / 60_000.0)
    }
}

/// "Mon–Fri 8–16" / "Mon, Tue, Thu 9–17".
pub fn describe(c: &Calendar) -> String {
    let names: Vec<&str> = c.weekdays.iter().map(|d| day_name(*d)).collect();
    let workweek = c.weekdays.as_slice() == Weekday::WORKWEEK.as_slice();
    let days = match workweek {
        true => "Mon–Fri".to_string(),
        false => names.join(", "),
    };
    format!("{days} {}–{}", c.from_hour, c.to_hour)
}

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 2026-01-05 00:00 UTC, in ms.
    const MONDAY: i64 = 1_767_571_200_000;
    const HOUR: i64 = 3_600_000;

    #[test]
    fn office_hours_are_read_from_when_work_starts_and_completes() {
        // Two weeks of work between 8:00 and 16:00, Monday to Friday.
        let spans: Vec<(i64, i64)> = (0..14)
            .filter(|d| d % 7 < 5)
            .flat_map(|d| (8..16).map(move |h| MONDAY + d * 24 * HOUR + h * HOUR))
            .map(|s| (s, s + HOUR / 2))
            .collect();
        let c = working_hours(&spans).unwrap();
        assert_eq!(describe(&c), "Mon–Fri 8–16");
    }

    #[test]
    fn work_around_the_clock_has_no_calendar() {
        let spans: Vec<(i64, i64)> = (0..7 * 24)
            .map(|h| (MONDAY + h * HOUR, MONDAY + h * HOUR + HOUR / 2))
            .collect();
        assert_eq!(working_hours(&spans), None);
    }

    #[test]
    fn a_span_over_the_night_counts_its_working_minutes() {
        let c = Calendar {
            from_hour: 8,
            to_hour: 16,
            weekdays: Weekday::WORKWEEK.to_vec(),
        };
        let clock = WorkClock::new(&c).unwrap();
        let start = MONDAY + 15 * HOUR + 50 * 60_000;
        let done = MONDAY + 24 * HOUR + 8 * HOUR + 10 * 60_000;
        assert!((clock.minutes(start, done) - 20.0).abs() < 1e-6);
        // Friday 15:50 to Monday 8:10: the weekend does not count either.
        let friday = MONDAY + 4 * 24 * HOUR;
        let start = friday + 15 * HOUR + 50 * 60_000;
        let done = friday + 3 * 24 * HOUR + 8 * HOUR + 10 * 60_000;
        assert!((clock.minutes(start, done) - 20.0).abs() < 1e-6);
    }
}
