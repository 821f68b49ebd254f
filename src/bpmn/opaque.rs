//! Elements Flowlane does not model, kept as self-contained XML text: every namespace the
//! fragment uses (in names and in QName values such as `xsi:type="bpmn:tFormalExpression"`) is
//! declared on it, so it means the same wherever it is written back. Serialising a fragment read
//! from a fragment gives the same text, which is what makes round trips stable.

use std::collections::BTreeMap;

use roxmltree::{Attribute, Node, NodeType};

use crate::xml::{Tag, Xml};

/// The element and everything inside it, as text.
pub fn fragment(node: Node) -> String {
    fragment_filtered(node, &|_| true)
}

/// The element without the elements below it that `keep` refuses (and what is inside them).
pub fn fragment_filtered(node: Node, keep: &dyn Fn(Node) -> bool) -> String {
    let mut declared: BTreeMap<Option<&str>, &str> = BTreeMap::new();
    let kept = |n: &Node| {
        n.ancestors()
            .take_while(|a| *a != node)
            .all(|a| !a.is_element() || keep(a))
    };
    for n in node.descendants().filter(Node::is_element).filter(kept) {
        for (prefix, uri) in bindings(n) {
            declared.entry(prefix).or_insert(uri);
        }
    }
    let mut out = Xml::default();
    write_element(node, &declared, true, keep, &mut out);
    out.finish()
}

/// The prefix → URI bindings an element needs: for its own name, its attributes' names, and
/// QNames in attribute values or in its text.
fn bindings<'a>(node: Node<'a, 'a>) -> Vec<(Option<&'a str>, &'a str)> {
    let mut found = Vec::new();
    if let Some(uri) = node.tag_name().namespace() {
        found.push((element_prefix(node, uri), uri));
    }
    for attribute in node.attributes() {
        if let (Some(uri), Some(prefix)) =
            (attribute.namespace(), attribute_prefix(node, &attribute))
        {
            found.push((Some(prefix), uri));
        }
        found.extend(qname_binding(node, attribute.value()));
    }
    for text in node.children().filter(Node::is_text) {
        found.extend(qname_binding(node, text.text().unwrap_or("")));
    }
    found
}

fn qname_binding<'a>(node: Node<'a, 'a>, value: &str) -> Option<(Option<&'a str>, &'a str)> {
    let (prefix, local) = value.trim().split_once(':')?;
    let name_like = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    if !name_like(prefix) || !name_like(local) || prefix == "xml" {
        return None;
    }
    let namespace = node.namespaces().find(|ns| ns.name() == Some(prefix))?;
    Some((namespace.name(), namespace.uri()))
}

/// Elements keep the prefix (or default namespace) they were written with, so a fragment read
/// again, with more bindings in scope, is written the same; else the nearest in scope.
fn element_prefix<'a>(node: Node<'a, 'a>, uri: &str) -> Option<&'a str> {
    let source = &node.document().input_text()[node.range()];
    let written = written_prefix(source.trim_start_matches('<'));
    if node
        .namespaces()
        .any(|ns| ns.name() == written && ns.uri() == uri)
    {
        return written;
    }
    node.namespaces()
        .find(|ns| ns.uri() == uri)
        .and_then(|ns| ns.name())
}

/// Attributes keep the prefix they were written with; they need a real one: the default
/// namespace does not apply to them.
fn attribute_prefix<'a>(node: Node<'a, 'a>, attribute: &Attribute<'a, 'a>) -> Option<&'a str> {
    let uri = attribute.namespace()?;
    if uri == "http://www.w3.org/XML/1998/namespace" {
        return Some("xml");
    }
    let written = written_prefix(&node.document().input_text()[attribute.range_qname()]);
    if written.is_some()
        && node
            .namespaces()
            .any(|ns| ns.name() == written && ns.uri() == uri)
    {
        return written;
    }
    node.namespaces()
        .find(|ns| ns.uri() == uri && ns.name().is_some())
        .and_then(|ns| ns.name())
}

/// The prefix of the qualified name `text` starts with (`bpmn` of `bpmn:task id=…`).
fn written_prefix(text: &str) -> Option<&str> {
    let qname = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '>' | '='))
        .next()?;
    qname.split_once(':').map(|(prefix, _)| prefix)
}

fn write_element(
    node: Node,
    declared: &BTreeMap<Option<&str>, &str>,
    root: bool,
    keep: &dyn Fn(Node) -> bool,
    out: &mut Xml,
) {
    let name = qualified(node);
    let mut start = Tag::new(name.as_str());
    if root {
        for (prefix, uri) in declared {
            declare(&mut start, *prefix, uri);
        }
    } else {
        // A binding that differs from the fragment's own is declared where it is used.
        for (prefix, uri) in bindings(node) {
            if declared.get(&prefix) != Some(&uri) {
                declare(&mut start, prefix, uri);
            }
        }
    }
    if node.tag_name().namespace().is_none() && declared.contains_key(&None) {
        start.push_attribute(("xmlns", ""));
    }
    for attribute in node.attributes() {
        let prefix = attribute_prefix(node, &attribute);
        let key = match prefix {
            Some(prefix) => format!("{prefix}:{}", attribute.name()),
            None => attribute.name().to_string(),
        };
        start.push_attribute((key.as_str(), attribute.value()));
    }
    if !node.has_children() {
        out.empty(start);
        return;
    }
    out.start(start);
    for child in node.children() {
        if child.is_element() && !keep(child) {
            continue;
        }
        match child.node_type() {
            NodeType::Element => write_element(child, declared, false, keep, out),
            NodeType::Text => out.text(child.text().unwrap_or("")),
            NodeType::Comment => out.comment(child.text().unwrap_or("")),
            NodeType::PI | NodeType::Root => {}
        }
    }
    out.end(&name);
}

fn qualified(node: Node) -> String {
    let local = node.tag_name().name();
    match node
        .tag_name()
        .namespace()
        .and_then(|uri| element_prefix(node, uri))
    {
        Some(prefix) => format!("{prefix}:{local}"),
        None => local.to_string(),
    }
}

fn declare(start: &mut Tag, prefix: Option<&str>, uri: &str) {
    match prefix {
        Some("xml") => {}
        Some(prefix) => start.push_attribute((format!("xmlns:{prefix}").as_str(), uri)),
        None => start.push_attribute(("xmlns", uri)),
    }
}
