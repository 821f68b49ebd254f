//! Artifacts and associations: data object and data store references among the flow elements,
//! text annotations, groups and associations after them, each in the process or sub-process it
//! is in; their shapes and edges in the diagram.

use super::kept::{local_name, split_head};
use super::planes::Planes;
use super::{attr, indent, Writer};
use crate::model::{Artifact, ArtifactKind, Association, Bounds, Direction, Id, KeptPool};
use crate::xml::{tag, Tag, Xml};

/// Where artifacts are written: a sub-process, a pool's process (and whether it is the first),
/// or the collaboration.
#[derive(Clone, Copy)]
pub(super) enum Scope<'p> {
    Sub,
    Pool(&'p KeptPool, bool),
    Collaboration,
}

/// Kept children that come after every flow element.
const AFTER_FLOW_ELEMENTS: [&str; 6] = [
    "association",
    "textAnnotation",
    "group",
    "resourceRole",
    "correlationSubscription",
    "supports",
];

impl Writer<'_> {
    /// The sub-process an artifact is written in; none when it is at the process level or its
    /// sub-process was deleted since.
    fn artifact_parent(&self, artifact: &Artifact) -> Option<Id> {
        artifact.parent.filter(|p| self.nodes.contains_key(p))
    }

    /// Where an association is written: with its source.
    fn association_parent(&self, association: &Association) -> Option<Id> {
        if let Some(node) = self.nodes.get(&association.source) {
            return self.parent_of(node);
        }
        self.process
            .artifacts
            .iter()
            .find(|a| a.id == association.source)
            .and_then(|a| self.artifact_parent(a))
    }

    /// True when both ends of an association are still in the process.
    pub(super) fn has_association_ends(&self, association: &Association) -> bool {
        let exists = |id: Id| {
            self.nodes.contains_key(&id) || self.process.artifacts.iter().any(|a| a.id == id)
        };
        exists(association.source) && exists(association.target)
    }

    /// The pool key of the process an element at the process level is written in: an
    /// artifact's kept one, a node's lane's.
    fn pool_key(&self, id: Id) -> &str {
        let key = match self.nodes.get(&id) {
            Some(node) => self.foreign.lanes.get(&node.lane).map(|k| k.pool.as_str()),
            None => self.foreign.nodes.get(&id).map(|k| k.pool.as_str()),
        };
        key.unwrap_or("")
    }

    /// True when a process-level element belongs in `scope`: the collaboration, or the process
    /// of a pool (the first pool takes those of no pool).
    fn in_scope(&self, id: Id, scope: Scope) -> bool {
        self.key_in_scope(self.pool_key(id), scope)
    }

    /// True when an association belongs in `scope`: where the file had it (a collaboration's
    /// association stays there), else with its source.
    fn association_in_scope(&self, association: &Association, scope: Scope) -> bool {
        match self.foreign.flows.get(&association.id) {
            Some(kept) if !kept.pool.is_empty() => self.key_in_scope(&kept.pool, scope),
            _ => self.in_scope(association.source, scope),
        }
    }

    fn key_in_scope(&self, key: &str, scope: Scope) -> bool {
        let collaboration = self.foreign.collaboration.as_ref().map(|c| c.id.as_str());
        match scope {
            Scope::Collaboration => Some(key) == collaboration,
            Scope::Pool(pool, first) => {
                key == pool.key
                    || (first
                        && Some(key) != collaboration
                        && !self.pools.iter().any(|p| p.key == key))
            }
            Scope::Sub => true,
        }
    }

    /// The artifacts and associations of `parent` (at the process level: of `pool`) around the
    /// kept children that follow the flow nodes and sequence flows there (`rest`).
    pub(super) fn artifacts_and_rest(
        &self,
        out: &mut Xml,
        parent: Option<Id>,
        rest: &[&String],
        scope: Scope,
    ) {
        let here_in_pool = |id: Id| self.in_scope(id, scope);
        let here: Vec<&Artifact> = self
            .process
            .artifacts
            .iter()
            .filter(|a| self.artifact_parent(a) == parent && here_in_pool(a.id))
            .collect();
        let is_data = |a: &&&Artifact| {
            matches!(
                a.kind,
                ArtifactKind::DataObject { .. } | ArtifactKind::DataStore { .. }
            )
        };
        for artifact in here.iter().filter(is_data) {
            self.artifact(out, artifact);
        }
        // A collaboration has no flow elements: its artifacts come before the rest.
        let (flow_elements, after): (Vec<&String>, Vec<&String>) = rest.iter().partition(|f| {
            !matches!(scope, Scope::Collaboration) && !AFTER_FLOW_ELEMENTS.contains(&local_name(f))
        });
        for f in flow_elements {
            self.put(out, 2, f);
        }
        for artifact in here.iter().filter(|a| !is_data(a)) {
            self.artifact(out, artifact);
        }
        for association in &self.process.associations {
            // A data association is written inside its activity.
            let data = self
                .foreign
                .flows
                .get(&association.id)
                .is_some_and(|k| !k.element.is_empty());
            if !data
                && self.association_parent(association) == parent
                && self.has_association_ends(association)
                && self.association_in_scope(association, scope)
            {
                self.association(out, association);
            }
        }
        for f in after {
            self.put(out, 2, f);
        }
    }

    fn artifact(&self, out: &mut Xml, artifact: &Artifact) {
        let kept = self
            .foreign
            .nodes
            .get(&artifact.id)
            .cloned()
            .unwrap_or_default();
        let element = match artifact.kind {
            ArtifactKind::DataObject { .. } => "dataObjectReference",
            ArtifactKind::DataStore { .. } => "dataStoreReference",
            ArtifactKind::Annotation { .. } => "textAnnotation",
            ArtifactKind::Group { .. } => "group",
        };
        let id = self.node_id(artifact.id);
        if let ArtifactKind::DataObject { collection, .. } = &artifact.kind {
            // A data object drawn in Flowlane gets the data object its reference stands for.
            if !kept.attributes.contains_key("dataObjectRef") {
                let mut object = tag("bpmn:dataObject");
                attr(&mut object, "id", &format!("{id}_object"));
                if *collection {
                    attr(&mut object, "isCollection", "true");
                }
                indent(out, 2);
                out.empty(object);
                out.raw("\n");
            }
        }
        let name = format!("bpmn:{element}");
        let mut start = Tag::new(name.as_str());
        attr(&mut start, "id", &id);
        match &artifact.kind {
            ArtifactKind::DataObject { name, .. } | ArtifactKind::DataStore { name } => {
                if !name.is_empty() || kept.attributes.contains_key("name") {
                    attr(&mut start, "name", name);
                }
                if matches!(artifact.kind, ArtifactKind::DataObject { .. })
                    && !kept.attributes.contains_key("dataObjectRef")
                {
                    attr(&mut start, "dataObjectRef", &format!("{id}_object"));
                }
            }
            ArtifactKind::Annotation { .. } | ArtifactKind::Group { .. } => {}
        }
        self.kept_attributes(&mut start, &kept.attributes, &["name"]);
        indent(out, 2);
        let (head, tail) = split_head(&kept.xml, &["documentation", "extensionElements"]);
        out.start(start);
        for f in head {
            self.put(out, 0, f);
        }
        if let ArtifactKind::Annotation { text } = &artifact.kind {
            out.element(tag("bpmn:text"), text);
        }
        for f in tail {
            self.put(out, 0, f);
        }
        out.end(&name);
        out.raw("\n");
    }

    fn association(&self, out: &mut Xml, association: &Association) {
        let kept = self
            .foreign
            .flows
            .get(&association.id)
            .cloned()
            .unwrap_or_default();
        let mut start = tag("bpmn:association");
        attr(&mut start, "id", &self.flow_id(association.id));
        attr(&mut start, "sourceRef", &self.node_id(association.source));
        attr(&mut start, "targetRef", &self.node_id(association.target));
        let direction = match association.direction {
            Direction::None => "None",
            Direction::One => "One",
            Direction::Both => "Both",
        };
        if association.direction != Direction::None
            || kept.attributes.contains_key("associationDirection")
        {
            attr(&mut start, "associationDirection", direction);
        }
        self.kept_attributes(&mut start, &kept.attributes, &["associationDirection"]);
        indent(out, 2);
        self.close_with(out, start, 3, &kept.xml);
    }

    /// An artifact's box, or a node's, in the diagram's coordinates.
    pub(super) fn artifact_or_node_box(&self, id: Id) -> Option<Bounds> {
        self.node_box(id)
            .or_else(|| self.process.layout.artifacts.get(&id).copied())
    }

    /// Shapes of the artifacts and edges of the associations in `diagram`: the kept ones in
    /// theirs, the rest on the plane they are on (`planes.rs`).
    pub(super) fn artifact_shapes(&self, out: &mut Xml, diagram: u32, planes: &Planes) {
        let in_diagram = |id: Id, parent: Option<Id>| match self.foreign.shapes.get(&id) {
            Some(s) => s.diagram == diagram,
            None => {
                let from_file = self.foreign.nodes.contains_key(&id);
                self.home(planes, parent, from_file) == Some(diagram)
            }
        };
        for artifact in &self.process.artifacts {
            let Some(bounds) = self.process.layout.artifacts.get(&artifact.id) else {
                continue;
            };
            if in_diagram(artifact.id, self.artifact_parent(artifact)) {
                let shape = self.foreign.shapes.get(&artifact.id);
                self.shape(out, &self.node_id(artifact.id), bounds, shape, false);
            }
        }
        for association in &self.process.associations {
            let parent = self.association_parent(association);
            if !in_diagram(association.id, parent) || !self.has_association_ends(association) {
                continue;
            }
            let shape = self.foreign.shapes.get(&association.id);
            if shape.is_none() && self.undrawn(association.id) {
                continue;
            }
            let boxes = (
                self.artifact_or_node_box(association.source),
                self.artifact_or_node_box(association.target),
            );
            self.connection(out, association.id, shape, boxes);
        }
    }
}
