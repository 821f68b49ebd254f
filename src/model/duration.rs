use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A span of business time with minute precision, written as `2d`, `4h 30m` or `0m`.
///
/// Stored as text so definitions read well in a diff; compared and summed as minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(export, type = "string")]
pub struct Duration {
    pub minutes: u64,
}

const UNITS: [(char, u64); 4] = [('w', 7 * 24 * 60), ('d', 24 * 60), ('h', 60), ('m', 1)];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a duration: write it like `2d`, `4h 30m` or `1w 2d` (units w, d, h, m)")]
pub struct DurationError {
    pub text: String,
}

impl Duration {
    pub fn minutes(minutes: u64) -> Self {
        Duration { minutes }
    }
    pub fn hours(hours: u64) -> Self {
        Duration::minutes(hours * 60)
    }
    pub fn days(days: u64) -> Self {
        Duration::minutes(days * 24 * 60)
    }
}

impl fmt::Display for Duration {
    /// Canonical form: largest units first, weeks only for whole weeks, `0m` for zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minutes == 0 {
            return f.write_str("0m");
        }
        let mut rest = self.minutes;
        let mut parts = Vec::new();
        for (unit, size) in UNITS {
            let whole_weeks_only = unit == 'w' && !rest.is_multiple_of(size);
            if rest >= size && !whole_weeks_only {
                parts.push(format!("{}{unit}", rest / size));
                rest %= size;
            }
        }
        f.write_str(&parts.join(" "))
    }
}

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || DurationError {
            text: text.to_string(),
        };
        let mut minutes: u64 = 0;
        let mut any = false;
        for part in text.split_whitespace() {
            let unit = part.chars().last().ok_or_else(error)?;
            let size = UNITS.iter().find(|(u, _)| *u == unit).ok_or_else(error)?.1;
            let count: u64 = part[..part.len() - 1].parse().map_err(|_| error())?;
            let add = count.checked_mul(size).ok_or_else(error)?;
            minutes = minutes.checked_add(add).ok_or_else(error)?;
            any = true;
        }
        if any {
            Ok(Duration { minutes })
        } else {
            Err(error())
        }
    }
}

/// A duration as the JSON outputs (diff, simulation log, batch) give it, so a script need not
/// parse Flowlane's words: `text` as Flowlane writes it (`1d 4h`), `iso8601` (`P1DT4H`, days of
/// 24 hours, no weeks) and whole `seconds`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct DurationValue {
    pub text: String,
    pub iso8601: String,
    #[ts(type = "number")]
    pub seconds: u64,
}

impl From<Duration> for DurationValue {
    fn from(duration: Duration) -> Self {
        DurationValue {
            text: duration.to_string(),
            iso8601: super::to_iso(duration),
            seconds: duration.minutes.saturating_mul(60),
        }
    }
}

/// Writes a `Duration` field of an output type as a `DurationValue` and reads it back (by its
/// seconds): `#[serde_as(as = "DurationValue")]`.
impl serde_with::SerializeAs<Duration> for DurationValue {
    fn serialize_as<S: serde::Serializer>(
        source: &Duration,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        DurationValue::from(*source).serialize(serializer)
    }
}

impl<'de> serde_with::DeserializeAs<'de, Duration> for DurationValue {
    fn deserialize_as<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let value = DurationValue::deserialize(deserializer)?;
        Ok(Duration::minutes(value.seconds / 60))
    }
}

impl Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_canonically() {
        let table = [
            ("0m", 0),
            ("45m", 45),
            ("4h 30m", 270),
            ("2d", 2880),
            ("1w", 10080),
            ("8d", 8 * 1440),
            ("30d", 30 * 1440),
        ];
        for (text, minutes) in table {
            assert_eq!(Duration::minutes(minutes).to_string(), text);
            assert_eq!(text.parse::<Duration>(), Ok(Duration::minutes(minutes)));
        }
    }

    #[test]
    fn accepts_non_canonical_spellings() {
        assert_eq!("90m".parse(), Ok(Duration::minutes(90)));
        assert_eq!("1d 1d".parse(), Ok(Duration::days(2)));
    }

    #[test]
    fn rejects_garbage_with_the_text() {
        for bad in ["", "2", "2x", "d", "-1d", "1.5h", "99999999999999999999w"] {
            let err = bad.parse::<Duration>().unwrap_err();
            assert_eq!(err.text, bad);
        }
    }
}
