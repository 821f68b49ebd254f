//! Writing back what an import kept: fragments on their lines or inline, kept attributes with
//! the prefixes this export declares, and nothing that names an element deleted since.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{attr, indent, line, Writer};
use crate::bpmn::names::qualified_namespace;
use crate::bpmn::opaque::fragment_filtered;
use crate::bpmn::refuse::{dangles, referenced_id, REFERENCES};
use crate::xml::{Tag, Xml};

impl Writer<'_> {
    /// Writes a kept fragment on a line of its own (`depth` > 0) or inline, without the parts
    /// that name elements no longer in the process (see `export`).
    pub(super) fn put(&self, out: &mut Xml, depth: usize, fragment: &str) {
        let Some(text) = self.pruned(fragment) else {
            return;
        };
        let text = self.without_inherited(text);
        if depth > 0 {
            line(out, depth, &text);
        } else {
            out.raw(&text);
        }
    }

    /// The fragment without the namespace declarations on its root that this export's root
    /// already makes (the same prefix for the same URI): a fragment kept from a file this export
    /// wrote goes back as it was written, so export → import → export changes nothing.
    fn without_inherited<'f>(&self, fragment: Cow<'f, str>) -> Cow<'f, str> {
        let Some(end) = fragment.find('>') else {
            return fragment;
        };
        let declared: Vec<String> = (self.prefixes.iter())
            .map(|(uri, prefix)| format!(" xmlns:{prefix}=\"{uri}\""))
            .filter(|d| fragment[..end].contains(d.as_str()))
            .collect();
        if declared.is_empty() {
            return fragment;
        }
        let mut start = fragment[..end].to_string();
        for d in &declared {
            start = start.replacen(d.as_str(), "", 1);
        }
        Cow::Owned(start + &fragment[end..])
    }

    /// The fragment minus elements whose references dangle; None when the fragment itself does.
    pub(super) fn pruned<'f>(&self, fragment: &'f str) -> Option<Cow<'f, str>> {
        let Some(present) = &self.present else {
            return Some(Cow::Borrowed(fragment));
        };
        if self.whole.contains(fragment) {
            return Some(Cow::Borrowed(fragment));
        }
        let Ok(doc) = roxmltree::Document::parse(fragment) else {
            return Some(Cow::Borrowed(fragment));
        };
        let dangles = |n: roxmltree::Node| dangles(n, &|id| present.contains(id));
        let root = doc.root_element();
        if dangles(root) {
            return None;
        }
        if !root.descendants().any(dangles) {
            return Some(Cow::Borrowed(fragment));
        }
        Some(Cow::Owned(fragment_filtered(root, &|n| !dangles(n))))
    }

    /// An element holding only kept children (at `depth`): self-closing when there are none.
    pub(super) fn close_with(&self, out: &mut Xml, element: Tag, depth: usize, xml: &[String]) {
        if xml.is_empty() {
            out.empty(element);
            out.raw("\n");
            return;
        }
        let name = element.name().as_ref().to_string();
        out.start(element);
        out.raw("\n");
        for f in xml {
            self.put(out, depth, f);
        }
        indent(out, depth - 1);
        out.end(&name);
        out.raw("\n");
    }

    /// True when a kept reference attribute names an element this export no longer writes.
    pub(super) fn dangling_attribute(&self, key: &str, value: &str) -> bool {
        let Some(present) = &self.present else {
            return false;
        };
        REFERENCES.contains(&key)
            && !value.trim().is_empty()
            && !present.contains(referenced_id(value))
    }

    /// `{uri}local` → `prefix:local` with the prefix this export declares for the URI.
    pub(super) fn prefixed(&self, clark: &str) -> Option<String> {
        match clark.strip_prefix('{').and_then(|k| k.split_once('}')) {
            Some((uri, local)) => self
                .prefixes
                .get(uri)
                .map(|prefix| format!("{prefix}:{local}")),
            None => Some(clark.to_string()),
        }
    }

    /// Writes kept attributes (except `skip`), giving namespaced ones their prefix.
    pub(super) fn kept_attributes(
        &self,
        element: &mut Tag,
        attributes: &BTreeMap<String, String>,
        skip: &[&str],
    ) {
        for (key, value) in attributes {
            // `child/name` keys belong to a child element Flowlane writes (see `sub_attributes`).
            if skip.contains(&key.as_str()) || (!key.starts_with('{') && key.contains('/')) {
                continue;
            }
            if self.dangling_attribute(key, value) {
                continue;
            }
            let Some(name) = self.prefixed(key) else {
                continue;
            };
            let value = if qualified_namespace(value).is_some() {
                self.prefixed(value).unwrap_or_else(|| value.clone())
            } else {
                value.clone()
            };
            attr(element, &name, &value);
        }
    }
}

/// Attributes kept for a child element Flowlane writes itself, e.g. `conditionExpression/language`.
pub(super) fn sub_attributes(
    attributes: &BTreeMap<String, String>,
    element: &str,
) -> BTreeMap<String, String> {
    let prefix = format!("{element}/");
    attributes
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(&prefix)
                .map(|rest| (rest.to_string(), v.clone()))
        })
        .collect()
}

/// Splits kept fragments into those written before the modelled children and the rest.
pub(super) fn split_head<'x>(
    xml: &'x [String],
    head: &[&str],
) -> (Vec<&'x String>, Vec<&'x String>) {
    xml.iter().partition(|f| head.contains(&local_name(f)))
}

/// The local name of a fragment's root element.
pub(super) fn local_name(fragment: &str) -> &str {
    let name = fragment
        .trim_start()
        .strip_prefix('<')
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("");
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The fragment with `children` added at its end.
pub(super) fn insert_children(fragment: &str, children: &str) -> String {
    if let Some(at) = fragment.rfind("</") {
        format!("{}{children}{}", &fragment[..at], &fragment[at..])
    } else {
        let open = fragment.trim_end().trim_end_matches("/>");
        let name = fragment
            .trim_start()
            .trim_start_matches('<')
            .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .next()
            .unwrap_or("");
        format!("{open}>{children}</{name}>")
    }
}
