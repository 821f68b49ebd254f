//! The document: the XML declaration, the `definitions` root with every namespace the export
//! uses (the fixed ones, then those kept attributes need, under the file's own prefix when it
//! is free), the process facts as `flowlane:` attributes, and the root's kept children.

use std::collections::{BTreeMap, BTreeSet};

use super::kept::local_name;
use super::{attr, optional_id, own_fields, Target, Writer};
use crate::bpmn::names::{kept_namespaces, FIXED};
use crate::fields::INFO;
use crate::model::Foreign;
use crate::xml::{tag, Xml};

const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// URI → prefix for every namespace an export of a process with these kept parts writes (and
/// the engine's, for an export for an engine).
pub(super) fn prefixes(foreign: &Foreign, target: Target) -> BTreeMap<String, String> {
    let mut prefixes: BTreeMap<String, String> = FIXED
        .iter()
        .map(|(p, u)| (u.to_string(), p.to_string()))
        .collect();
    prefixes.insert(XML.into(), "xml".into());
    let mut taken: BTreeSet<String> = FIXED.iter().map(|(p, _)| p.to_string()).collect();
    taken.insert("xml".into());
    let engine = match target {
        Target::Engine(engine) => super::engine::namespace(engine),
        _ => None,
    };
    let engine = engine.map(|(prefix, uri)| (prefix.to_string(), uri.to_string()));
    for uri in kept_namespaces(foreign)
        .into_iter()
        .chain(engine.clone().map(|(_, u)| u))
    {
        if prefixes.contains_key(&uri) {
            continue;
        }
        let own = foreign
            .namespaces
            .iter()
            .chain(engine.as_ref().map(|(p, u)| (p, u)))
            .find(|(p, u)| **u == uri && !taken.contains(*p))
            .map(|(p, _)| p.clone());
        let prefix = own.unwrap_or_else(|| {
            (1..)
                .map(|n| format!("ns{n}"))
                .find(|p| !taken.contains(p))
                .expect("an unused prefix")
        });
        taken.insert(prefix.clone());
        prefixes.insert(uri, prefix);
    }
    prefixes
}

impl Writer<'_> {
    pub(super) fn document(&self) -> String {
        let p = self.process;
        let mut out = Xml::default();
        out.declaration();
        out.raw("\n");
        let mut root = tag("bpmn:definitions");
        for (uri, prefix) in &self.prefixes {
            if uri != XML {
                attr(&mut root, &format!("xmlns:{prefix}"), uri);
            }
        }
        let defs = &self.foreign.definitions;
        optional_id(&mut root, &self.definitions_id());
        attr(&mut root, "name", &p.info.name);
        // The file's own target namespace, else ours, always in this place: a file this export
        // wrote reads back and writes out the same.
        let namespace = match defs.attributes.get("targetNamespace") {
            Some(kept) => kept.clone(),
            None => format!("https://flowlane.dev/process/{}", p.id),
        };
        attr(&mut root, "targetNamespace", &namespace);
        attr(&mut root, "exporter", "Flowlane");
        attr(&mut root, "exporterVersion", env!("CARGO_PKG_VERSION"));
        attr(&mut root, "flowlane:process", &p.id.to_string());
        own_fields(&mut root, &INFO, &p.info);
        self.kept_attributes(&mut root, &defs.attributes, &["targetNamespace"]);
        out.start(root);
        out.raw("\n");
        let (head, tail): (Vec<&String>, Vec<&String>) = defs
            .xml
            .iter()
            .partition(|f| !matches!(local_name(f), "relationship"));
        // Further collaborations follow the one Flowlane writes, so a re-import reads the
        // same collaboration first.
        let (further, head): (Vec<&String>, Vec<&String>) = head
            .into_iter()
            .partition(|f| local_name(f) == "collaboration");
        for f in head {
            self.put(&mut out, 1, f);
        }
        self.new_roots(&mut out);
        if self.with_collaboration() {
            self.collaboration(&mut out);
        }
        for f in further {
            self.put(&mut out, 1, f);
        }
        // The first pool that has a process takes the variables and what belongs to no pool;
        // a black-box partner drawn first has none.
        let first = self.pools.iter().position(|p| self.process_id(p).is_some());
        for (index, pool) in self.pools.iter().enumerate() {
            self.bpmn_process(&mut out, pool, Some(index) == first);
        }
        self.diagrams(&mut out);
        for f in tail {
            self.put(&mut out, 1, f);
        }
        out.end("bpmn:definitions");
        out.raw("\n");
        out.finish()
    }

    pub(super) fn definitions_id(&self) -> String {
        if self.native {
            format!("Definitions_{}", self.process.id.simple())
        } else {
            self.foreign.definitions.id.clone()
        }
    }

    pub(super) fn with_collaboration(&self) -> bool {
        self.foreign.collaboration.is_some()
            || self.pools.iter().any(|pool| pool.participant.is_some())
            || self.native
    }
}
