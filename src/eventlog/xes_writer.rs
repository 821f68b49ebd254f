//! A log written as XES (IEEE 1849) through the one XML writer: per trace its case id, per event
//! its activity, timestamp (UTC, milliseconds), resource and lifecycle transition, the standard
//! extensions declared so other tools (pm4py, ProM) read the keys as `xes.rs` reads them.

use super::time::format_timestamp;
use super::EventLog;
use crate::xml::{tag, Xml};

/// The standard extensions the keys written come from: (name, prefix).
const EXTENSIONS: [(&str, &str); 4] = [
    ("Concept", "concept"),
    ("Time", "time"),
    ("Organizational", "org"),
    ("Lifecycle", "lifecycle"),
];

pub fn to_xes(log: &EventLog) -> String {
    let mut xml = Xml::default();
    xml.declaration();
    xml.raw("\n");
    let mut root = tag("log");
    root.push_attribute(("xes.version", "1849-2016"));
    root.push_attribute(("xmlns", "http://www.xes-standard.org/"));
    xml.start(root);
    for (name, prefix) in EXTENSIONS {
        let uri = format!("http://www.xes-standard.org/{prefix}.xesext");
        let mut extension = tag("extension");
        extension.push_attribute(("name", name));
        extension.push_attribute(("prefix", prefix));
        extension.push_attribute(("uri", uri.as_str()));
        xml.raw("\n  ");
        xml.empty(extension);
    }
    let mut classifier = tag("classifier");
    classifier.push_attribute(("name", "Activity"));
    classifier.push_attribute(("keys", "concept:name"));
    xml.raw("\n  ");
    xml.empty(classifier);
    for case in &log.cases {
        xml.raw("\n  ");
        xml.start(tag("trace"));
        xml.raw("\n    ");
        attribute(&mut xml, "string", "concept:name", &case.id);
        for event in &case.events {
            xml.raw("\n    ");
            xml.start(tag("event"));
            let activity = log
                .activities
                .get(event.activity as usize)
                .map_or("", String::as_str);
            xml.raw("\n      ");
            attribute(&mut xml, "string", "concept:name", activity);
            if let Some(time) = event.time.and_then(format_timestamp) {
                xml.raw("\n      ");
                attribute(&mut xml, "date", "time:timestamp", &time);
            }
            if let Some(resource) = event.resource.and_then(|r| log.resources.get(r as usize)) {
                xml.raw("\n      ");
                attribute(&mut xml, "string", "org:resource", resource);
            }
            xml.raw("\n      ");
            attribute(
                &mut xml,
                "string",
                "lifecycle:transition",
                event.lifecycle.as_str(),
            );
            xml.raw("\n    ");
            xml.end("event");
        }
        xml.raw("\n  ");
        xml.end("trace");
    }
    xml.raw("\n");
    xml.end("log");
    xml.raw("\n");
    xml.finish()
}

fn attribute(xml: &mut Xml, kind: &str, key: &str, value: &str) {
    let mut element = tag(kind);
    element.push_attribute(("key", key));
    element.push_attribute(("value", value));
    xml.empty(element);
}
