//! XES (IEEE 1849) read as a stream of XML events with quick-xml: a trace's `concept:name` is
//! the case id; an event's `concept:name`, `time:timestamp`, `org:resource` (or the attribute
//! chosen as the resource) and `lifecycle:transition` are what a log needs. Nested attributes,
//! globals, classifiers and extensions are passed over.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event as Xml};
use quick_xml::{Reader, XmlVersion};

use super::input::{over_cap, Counter};
use super::{Builder, Event, Lifecycle, LogError, Place, Progress, PROGRESS_EVERY};

/// What an open element is, as far as reading the log cares.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Log,
    Trace,
    Event,
    /// An attribute of a trace or event (its nested attributes are passed over).
    Attribute,
    /// Anything else: a global, a classifier, an attribute of the log itself.
    Other,
}

/// The trace being read: its events wait for the case id, which may come after them.
#[derive(Default)]
struct Trace {
    id: Option<String>,
    events: Vec<(u64, Event)>,
}

#[derive(Default)]
struct EventFields {
    activity: Option<String>,
    time: Option<Result<i64, String>>,
    resource: Option<String>,
    lifecycle: Lifecycle,
}

/// `resource_key` is the event attribute read as the resource (`org:resource`, or another such
/// as `org:group` or `org:role` when lanes should follow it).
pub fn read(
    text: &mut impl BufRead,
    resource_key: &str,
    builder: &mut Builder,
    counter: &Counter,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), LogError> {
    let mut reader = Reader::from_reader(text);
    let mut buf = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut trace = Trace::default();
    let mut event = EventFields::default();
    let mut number = 0u64;
    loop {
        let read = reader.read_event_into(&mut buf);
        let xml = match read {
            Ok(xml) => xml,
            Err(err) => {
                let cap = match &err {
                    quick_xml::Error::Io(io) => over_cap(io.as_ref()),
                    other => over_cap(other),
                };
                if let Some(limit) = cap {
                    return Err(LogError::TooLarge { limit });
                }
                // The event read last (or the first, before any).
                let at = Place::Event {
                    number: number.max(1),
                    case: trace.id.clone(),
                };
                return Err(LogError::Xml {
                    at,
                    message: format!("the XML cannot be read ({err})"),
                });
            }
        };
        let (start, empty) = match &xml {
            Xml::Start(e) => (Some(e), false),
            Xml::Empty(e) => (Some(e), true),
            Xml::End(_) => {
                match stack.pop() {
                    Some(Open::Event) => {
                        let fields = std::mem::take(&mut event);
                        finish_event(builder, &mut trace, number, fields)?;
                    }
                    Some(Open::Trace) => flush_trace(builder, std::mem::take(&mut trace))?,
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Xml::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        let Some(element) = start else { continue };
        let parent = stack.last().copied();
        let local = element.local_name();
        let kind = match (parent, local.as_ref()) {
            (None, "log") => Open::Log,
            (Some(Open::Log), "trace") => Open::Trace,
            (Some(Open::Trace), "event") => Open::Event,
            (Some(Open::Log), "event") => {
                return Err(LogError::NoCase {
                    at: Place::Event {
                        number: number + 1,
                        case: None,
                    },
                })
            }
            (Some(Open::Trace | Open::Event), _) => Open::Attribute,
            _ => Open::Other,
        };
        match kind {
            Open::Event => {
                number += 1;
                if number.is_multiple_of(PROGRESS_EVERY) {
                    progress(Progress {
                        bytes: counter.get(),
                        events: number,
                    });
                }
            }
            Open::Attribute => {
                let at = || Place::Event {
                    number,
                    case: trace.id.clone(),
                };
                let (key, value) =
                    key_value(element).map_err(|message| LogError::Xml { at: at(), message })?;
                if parent == Some(Open::Trace) {
                    if key == "concept:name" {
                        trace.id = Some(value);
                    }
                } else {
                    match key.as_str() {
                        "concept:name" => event.activity = Some(value),
                        "time:timestamp" => {
                            event.time = Some(super::parse_timestamp(&value).ok_or(value))
                        }
                        "lifecycle:transition" => event.lifecycle = Lifecycle::parse(&value),
                        key if key == resource_key => event.resource = Some(value),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if empty {
            match kind {
                Open::Event => {
                    let fields = std::mem::take(&mut event);
                    finish_event(builder, &mut trace, number, fields)?;
                }
                Open::Trace => flush_trace(builder, std::mem::take(&mut trace))?,
                _ => {}
            }
        } else {
            stack.push(kind);
        }
        buf.clear();
    }
    progress(Progress {
        bytes: counter.get(),
        events: number,
    });
    Ok(())
}

fn key_value(element: &BytesStart) -> Result<(String, String), String> {
    let mut key = None;
    let mut value = None;
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| format!("an attribute cannot be read ({e})"))?;
        let text = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("an attribute cannot be read ({e})"))?;
        match attribute.key.local_name().as_ref() {
            "key" => key = Some(text.into_owned()),
            "value" => value = Some(text.into_owned()),
            _ => {}
        }
    }
    Ok((key.unwrap_or_default(), value.unwrap_or_default()))
}

fn finish_event(
    builder: &mut Builder,
    trace: &mut Trace,
    number: u64,
    fields: EventFields,
) -> Result<(), LogError> {
    let at = || Place::Event {
        number,
        case: trace.id.clone(),
    };
    let activity = match fields.activity {
        Some(a) if !a.trim().is_empty() => builder.activity(&a),
        _ => return Err(LogError::EmptyActivity { at: at() }),
    };
    let time = match fields.time {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(value)) => return Err(LogError::BadTimestamp { at: at(), value }),
    };
    let resource = fields.resource.map(|r| builder.resource(&r));
    let event = Event {
        activity,
        time,
        resource,
        lifecycle: fields.lifecycle,
    };
    trace.events.push((number, event));
    Ok(())
}

fn flush_trace(builder: &mut Builder, trace: Trace) -> Result<(), LogError> {
    let Some(first) = trace.events.first().map(|(n, _)| *n) else {
        return Ok(());
    };
    let id = match trace.id {
        Some(id) if !id.trim().is_empty() => id,
        _ => {
            return Err(LogError::EmptyCase {
                at: Place::Event {
                    number: first,
                    case: None,
                },
            })
        }
    };
    let case = builder.case(&id);
    for (_, event) in trace.events {
        builder.push(case, event);
    }
    Ok(())
}
