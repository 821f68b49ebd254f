//! Timers: an intermediate catch event with one `timerEventDefinition` holding a `timeDuration`
//! is a Flowlane timer. Durations are ISO 8601 (`P2D`, `PT4H30M`); years and months have no
//! fixed length, so events using them stay steps that keep their XML. SpiffWorkflow evaluates the
//! duration as Python, so its dialect writes it quoted (`"P3D"`); both read back.

use roxmltree::Node;

use super::names::is_model;
use crate::model::Duration;

/// The wait of a timer event and the definition element it came from.
pub fn modelled<'a, 'i>(event: Node<'a, 'i>) -> Option<(Duration, Node<'a, 'i>)> {
    let children: Vec<Node> = event
        .children()
        .filter(|n| n.is_element() && !is_model(*n, "incoming") && !is_model(*n, "outgoing"))
        .collect();
    let [definition] = children.as_slice() else {
        return None;
    };
    if !is_model(*definition, "timerEventDefinition") {
        return None;
    }
    let parts: Vec<Node> = definition.children().filter(Node::is_element).collect();
    let [duration] = parts.as_slice() else {
        return None;
    };
    if !is_model(*duration, "timeDuration") || duration.children().any(|n| n.is_element()) {
        return None;
    }
    let text = unquoted(duration.text().unwrap_or(""));
    let wait = parse_iso(text)?;
    // Only what writes back the same way is modelled; `PT60M` would come back as `PT1H`.
    (to_iso(wait) == text).then_some((wait, *definition))
}

/// A duration as SpiffWorkflow wants it, a Python string literal (`"P3D"`), reads as the duration.
fn unquoted(text: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|q| text.strip_prefix(*q).and_then(|t| t.strip_suffix(*q)))
        .unwrap_or(text)
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
