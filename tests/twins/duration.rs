//! The duration grammar (`src/model/duration.rs`, `ui/src/properties/duration.ts`): parsing with
//! its error message, and the canonical spelling.

use flowlane::model::{parse_iso, to_iso, Duration};
use serde_json::json;

use crate::fixture;

const TEXTS: &[&str] = &[
    "0m",
    "1m",
    "59m",
    "60m",
    "90m",
    "1h",
    "23h",
    "24h",
    "1d",
    "6d",
    "7d",
    "1w",
    "2w",
    "52w",
    "4h 30m",
    "1w 2d",
    "1w 2d 3h 4m",
    "2d 2d",
    "1d 1d",
    "1m 1h",
    "  2d  ",
    "\t3h\n",
    "2d\u{a0}4h",
    "+5m",
    "007h",
    "0w 0d 0h 0m",
    "18446744073709551615m",
    "18446744073709551616m",
    "1829587348619263w",
    "1829587348619264w",
    "12811116409434048d",
    "307445734561825860h",
    "18446744073709551615m 1m",
    "99999999999999999999w",
    "",
    " ",
    "2",
    "2x",
    "d",
    "-1d",
    "1.5h",
    "1 d",
    "1D",
    "1H",
    "h1",
    "1dd",
    "1d,2h",
    "1d2h",
    "½d",
    "٣d",
    "1w\u{2003}1d",
    "1d\u{feff}",
    "1d\u{85}2h",
    "é",
    "1é",
    "🙂",
    "1🙂m",
    "m",
    "++1m",
    "1_000m",
    "0x10m",
];

const ISO_TEXTS: &[&str] = &[
    "P1D",
    "P30D",
    "PT4H30M",
    "P1DT2H",
    "P2W",
    "P1W2D",
    "PT0M",
    "PT60M",
    "P1D1D",
    "P1D1W",
    "PT1M1H",
    "P",
    "PT",
    "P1DT",
    "P1",
    "PD",
    "P1Y",
    "P1M",
    "PT1S",
    "P1.5D",
    "p1d",
    "P-1D",
    "1D",
    "",
    "P1DT1D",
    "PT1W",
    "P18446744073709551615D",
    "PT18446744073709551615M",
    "PT18446744073709551616M",
    "P12811116409434048D",
    "P12811116409434049D",
    "P١D",
    "P1D ",
];

const MINUTES: &[u64] = &[
    0,
    1,
    59,
    60,
    61,
    119,
    1439,
    1440,
    1441,
    10079,
    10080,
    10081,
    20160,
    20161,
    14400,
    43200,
    525600,
    527040,
    123456789,
    u64::MAX,
    u64::MAX - 1,
    10080 * 3 + 1440 * 2 + 60 + 1,
];

#[test]
fn the_duration_grammar_matches_its_fixture() {
    let mut cases = Vec::new();
    for text in TEXTS {
        let expected = match text.parse::<Duration>() {
            Ok(d) => json!({ "minutes": d.minutes.to_string() }),
            Err(e) => json!({ "error": e.to_string() }),
        };
        cases.push(json!({ "parse": text, "expected": expected }));
    }
    for &minutes in MINUTES {
        let text = Duration::minutes(minutes).to_string();
        cases.push(json!({ "format": minutes.to_string(), "expected": text }));
    }
    for text in ISO_TEXTS {
        let expected = parse_iso(text).map(|d| d.minutes.to_string());
        cases.push(json!({ "iso": text, "expected": expected }));
    }
    for &minutes in MINUTES {
        cases.push(json!({ "to_iso": minutes.to_string(), "expected": to_iso(Duration::minutes(minutes)) }));
    }
    fixture::check(
        "duration",
        "Duration texts parsed (minutes as decimal strings, or the error message) and minutes \
         formatted canonically, by src/model/duration.rs; ISO 8601 timer durations parsed and \
         written by src/model/timer.rs. ui/src/properties/duration.ts and isoDuration.ts must agree.",
        cases,
    );
}
