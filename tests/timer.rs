//! Timer expressions: which read (a table of text → words) and which are refused, and how a
//! trigger reads in a diff or the handbook.

use flowlane::model::{Period, Timer, TimerError, Trigger};

fn duration(t: &str) -> Timer {
    Timer::Duration(t.into())
}

#[test]
fn expressions_that_parse_read_in_words() {
    let cases = [
        (duration("P3D"), "3 days"),
        (duration("P1D"), "1 day"),
        (duration("PT4H30M"), "4 hours and 30 minutes"),
        (duration("P1Y2M"), "1 year and 2 months"),
        (duration("P2W"), "2 weeks"),
        (duration("PT45S"), "45 seconds"),
        (
            duration("P1Y2M3DT4H5M6S"),
            "1 year, 2 months, 3 days, 4 hours, 5 minutes and 6 seconds",
        ),
        (duration("PT0M"), "no time"),
        (
            Timer::Date("2026-03-01T09:00:00Z".into()),
            "on 1 March 2026, 09:00 +00:00",
        ),
        (
            Timer::Date("2026-03-01T09:00:00+01:00".into()),
            "on 1 March 2026, 09:00 +01:00",
        ),
        (
            Timer::Date("2026-03-01T09:00".into()),
            "on 1 March 2026, 09:00",
        ),
        (Timer::Date("2026-03-01".into()), "on 1 March 2026"),
        (Timer::Cycle("R3/PT1H".into()), "every 1 hour, 3 times"),
        (Timer::Cycle("R/P1D".into()), "every 1 day"),
        (Timer::Cycle("R1/P1W".into()), "every 1 week, once"),
        (
            Timer::Cycle("R2/2026-03-01T09:00:00Z/P1M".into()),
            "every 1 month from 1 March 2026, 09:00 +00:00, 2 times",
        ),
    ];
    for (timer, words) in cases {
        assert_eq!(timer.check(), Ok(()), "{timer:?}");
        assert_eq!(timer.describe(), words, "{timer:?}");
    }
}

#[test]
fn expressions_that_do_not_parse_are_refused_and_shown_as_written() {
    let cases = [
        (duration("3 days"), TimerError::Duration("3 days".into())),
        (duration("P"), TimerError::Duration("P".into())),
        (duration("PT"), TimerError::Duration("PT".into())),
        (duration("P3DT"), TimerError::Duration("P3DT".into())),
        (duration("PD"), TimerError::Duration("PD".into())),
        (duration("P3H"), TimerError::Duration("P3H".into())),
        (duration("P1D2Y"), TimerError::Duration("P1D2Y".into())),
        (duration("P1D1D"), TimerError::Duration("P1D1D".into())),
        (duration("P3"), TimerError::Duration("P3".into())),
        (
            Timer::Date("tomorrow".into()),
            TimerError::Date("tomorrow".into()),
        ),
        (
            Timer::Date("2026-02-30".into()),
            TimerError::Date("2026-02-30".into()),
        ),
        (
            Timer::Cycle("PT1H".into()),
            TimerError::Cycle("PT1H".into()),
        ),
        (
            Timer::Cycle("Rx/PT1H".into()),
            TimerError::Cycle("Rx/PT1H".into()),
        ),
        (
            Timer::Cycle("R3/soon".into()),
            TimerError::Cycle("R3/soon".into()),
        ),
        (
            Timer::Cycle("R3/later/PT1H".into()),
            TimerError::Cycle("R3/later/PT1H".into()),
        ),
    ];
    for (timer, error) in cases {
        assert_eq!(timer.check(), Err(error), "{timer:?}");
        assert_eq!(timer.describe(), timer.text());
    }
}

#[test]
fn a_period_keeps_each_designator_apart() {
    let p = Period::parse("P1Y2M3W4DT5H6M7S").expect("a full duration");
    assert_eq!(
        (p.years, p.months, p.weeks, p.days, p.hours, p.minutes, p.seconds),
        (1, 2, 3, 4, 5, 6, 7)
    );
    assert_eq!(
        Period::parse("PT2M").map(|p| (p.months, p.minutes)),
        Some((0, 2))
    );
}

#[test]
fn a_trigger_reads_its_timer_in_words() {
    assert_eq!(Trigger::after("P3D").describe(), "timer: 3 days");
    assert_eq!(Trigger::after("soon").describe(), "timer: soon");
    let message = Trigger::Message {
        message: "Invoice received".into(),
    };
    assert_eq!(message.describe(), "message: Invoice received");
    let both = Trigger::Multiple {
        triggers: vec![message, Trigger::after("P14D")],
        parallel: false,
    };
    assert_eq!(
        both.describe(),
        "multiple: (message: Invoice received) (timer: 14 days)"
    );
}
