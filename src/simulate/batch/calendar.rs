//! Working hours on the simulated clock: when a role's people can start, and when work that
//! needs so many minutes of them finishes. Times are minutes since the start of the run.

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::BatchError;
use crate::model::{Calendar, Weekday};

const DAY: f64 = 24.0 * 60.0;
const WEEK: f64 = 7.0 * DAY;

/// A calendar placed on the run's clock.
#[derive(Clone, Debug)]
pub(crate) struct WorkingHours {
    /// Minutes since Monday 00:00 at which the run starts.
    offset: f64,
    open: f64,
    close: f64,
    days: [bool; 7],
}

impl WorkingHours {
    pub(crate) fn new(
        role: &str,
        calendar: &Calendar,
        start: DateTime<Utc>,
    ) -> Result<WorkingHours, BatchError> {
        let bad = |why: &str| BatchError::BadRole {
            role: role.to_string(),
            why: why.to_string(),
        };
        if calendar.from_hour >= calendar.to_hour || calendar.to_hour > 24 {
            return Err(bad(
                "working hours run from an earlier hour to a later one, within 0–24",
            ));
        }
        if calendar.weekdays.is_empty() {
            return Err(bad("the calendar needs at least one working day"));
        }
        let mut days = [false; 7];
        for day in &calendar.weekdays {
            days[index(*day)] = true;
        }
        let offset = f64::from(start.weekday().num_days_from_monday()) * DAY
            + f64::from(start.num_seconds_from_midnight()) / 60.0;
        Ok(WorkingHours {
            offset,
            open: f64::from(calendar.from_hour) * 60.0,
            close: f64::from(calendar.to_hour) * 60.0,
            days,
        })
    }

    /// The working window of the day that holds `t`, as run times, if that day is worked.
    fn window(&self, t: f64) -> (f64, Option<(f64, f64)>) {
        let in_week = (self.offset + t).rem_euclid(WEEK);
        let day = (in_week / DAY).floor();
        let day_start = t - (in_week - day * DAY);
        let worked = self.days[(day as usize).min(6)];
        let window = worked.then_some((day_start + self.open, day_start + self.close));
        (day_start, window)
    }

    /// The earliest time at or after `t` at which work can happen.
    pub(super) fn next_open(&self, t: f64) -> f64 {
        let mut at = t;
        for _ in 0..8 {
            let (day_start, window) = self.window(at);
            if let Some((open, close)) = window {
                if at < close {
                    return at.max(open);
                }
            }
            at = day_start + DAY;
        }
        at
    }

    /// When work of `minutes` that may start at `t` finishes, skipping closed hours.
    pub(super) fn finish(&self, t: f64, minutes: f64) -> f64 {
        let mut at = self.next_open(t);
        let mut left = minutes;
        loop {
            let (_, window) = self.window(at);
            let close = window.map_or(at, |(_, close)| close);
            if at + left <= close {
                return at + left;
            }
            left -= close - at;
            at = self.next_open(close);
        }
    }

    /// Working minutes between `from` and `to`.
    pub(crate) fn open_minutes(&self, from: f64, to: f64) -> f64 {
        let mut total = 0.0;
        let mut at = from;
        while at < to {
            let (day_start, window) = self.window(at);
            if let Some((open, close)) = window {
                total += (close.min(to) - open.max(at)).max(0.0);
            }
            at = day_start + DAY;
        }
        total
    }
}

fn index(day: Weekday) -> usize {
    match day {
        Weekday::Mon => 0,
        Weekday::Tue => 1,
        Weekday::Wed => 2,
        Weekday::Thu => 3,
        Weekday::Fri => 4,
        Weekday::Sat => 5,
        Weekday::Sun => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office() -> WorkingHours {
        let calendar = Calendar {
            from_hour: 9,
            to_hour: 17,
            weekdays: Weekday::WORKWEEK.to_vec(),
        };
        // Monday 2026-01-05 00:00 UTC.
        let start = DateTime::from_timestamp(1_767_571_200, 0).unwrap();
        WorkingHours::new("Clerk", &calendar, start).unwrap()
    }

    const H: f64 = 60.0;

    #[test]
    fn work_waits_for_opening_and_carries_over_nights_and_weekends() {
        let hours = office();
        assert_eq!(hours.next_open(0.0), 9.0 * H);
        assert_eq!(hours.next_open(10.0 * H), 10.0 * H);
        assert_eq!(hours.next_open(17.0 * H), DAY + 9.0 * H);
        // Monday 16:00 + 2h of work: one hour Monday, one hour Tuesday from 9:00.
        assert_eq!(hours.finish(16.0 * H, 2.0 * H), DAY + 10.0 * H);
        // Friday 16:00 + 2h: Monday 10:00.
        assert_eq!(
            hours.finish(4.0 * DAY + 16.0 * H, 2.0 * H),
            7.0 * DAY + 10.0 * H
        );
        // A whole week holds 40 working hours.
        assert_eq!(hours.open_minutes(0.0, WEEK), 40.0 * H);
        assert_eq!(hours.open_minutes(12.0 * H, DAY + 12.0 * H), 8.0 * H);
    }

    #[test]
    fn refuses_empty_or_inverted_hours() {
        let start = DateTime::from_timestamp(0, 0).unwrap();
        let inverted = Calendar {
            from_hour: 17,
            to_hour: 9,
            weekdays: vec![Weekday::Mon],
        };
        assert!(matches!(
            WorkingHours::new("Clerk", &inverted, start),
            Err(BatchError::BadRole { .. })
        ));
        let no_days = Calendar {
            from_hour: 9,
            to_hour: 17,
            weekdays: vec![],
        };
        assert!(WorkingHours::new("Clerk", &no_days, start).is_err());
    }
}
