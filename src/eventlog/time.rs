//! Timestamps as logs write them: ISO 8601 / RFC 3339 with an offset (`T` or a space between
//! date and time), or without one (read as UTC), or a bare date.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Milliseconds since the Unix epoch (UTC), or `None` when the text is no timestamp.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp_millis());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Some(t.timestamp_millis());
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some(t.and_utc().timestamp_millis());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis())
}

/// The canonical text of a timestamp: RFC 3339 in UTC with milliseconds.
pub fn format_timestamp(millis: i64) -> Option<String> {
    DateTime::from_timestamp_millis(millis)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

#[cfg(test)]
mod tests {
    use super::parse_timestamp;

    #[test]
    fn the_forms_logs_write_are_read() {
        let utc = parse_timestamp("2011-10-11T11:45:40.276Z").unwrap();
        for text in [
            "2011-10-11T13:45:40.276+02:00",
            "2011-10-11 13:45:40.276000+02:00",
            "2011-10-11T13:45:40.276+0200",
            "2011-10-11 11:45:40.276",
        ] {
            assert_eq!(parse_timestamp(text), Some(utc), "{text}");
        }
        assert!(parse_timestamp("2011-10-11").is_some());
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp("2011-13-40"), None);
    }
}
