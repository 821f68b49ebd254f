//! What an export for an engine adds to plain BPMN: each condition (of a flow or a conditional
//! event) in the engine's dialect (checked before anything is written), the engine's extension namespace, steps as user tasks,
//! and each user task assigned to its step's role the engine's way — Camunda 8
//! `zeebe:assignmentDefinition candidateGroups`, Camunda 7 / Flowable / Activiti
//! `candidateGroups`; SpiffWorkflow and bpmn-engine read no assignment.

use std::collections::HashMap;

use super::{attr, Target, Writer};
use crate::bpmn::error::WriteError;
use crate::expr::dialect::{self, Dialect, Engine};
use crate::model::{Id, Node, NodeKind, Process, TaskType, Trigger};
use crate::xml::{tag, Tag, Xml};

/// The namespace an engine's assignment is written in, with the prefix it is known by.
pub(super) fn namespace(engine: Engine) -> Option<(&'static str, &'static str)> {
    match engine {
        Engine::Camunda8 => Some(("zeebe", "http://camunda.org/schema/zeebe/1.0")),
        Engine::Camunda7 => Some(("camunda", "http://camunda.org/schema/1.0/bpmn")),
        Engine::Flowable => Some(("flowable", "http://flowable.org/bpmn")),
        Engine::Activiti => Some(("activiti", "http://activiti.org/bpmn")),
        Engine::SpiffWorkflow | Engine::BpmnEngine => None,
    }
}

/// Every flow's condition in the engine's dialect, by flow; the first condition (of a flow or
/// a conditional event) that cannot be written is the error, naming its element.
pub(super) fn conditions(
    process: &Process,
    engine: Engine,
) -> Result<HashMap<Id, String>, WriteError> {
    let refused = |element: String| {
        move |why: dialect::NotExecutable| WriteError::Condition {
            element,
            engine: engine.label(),
            why: why.0,
        }
    };
    let mut written = HashMap::new();
    for flow in &process.flows {
        let Some(cel) = flow.condition.as_deref().filter(|c| !c.trim().is_empty()) else {
            continue;
        };
        let name = |id: Id| {
            process
                .node(id)
                .map_or_else(String::new, |n| n.name.clone())
        };
        let flow_name = match flow.label.trim() {
            "" => format!("{} → {}", name(flow.source), name(flow.target)),
            label => label.to_string(),
        };
        let text = dialect::write(cel, engine.dialect())
            .map_err(refused(format!("flow `{flow_name}`")))?;
        written.insert(flow.id, text);
    }
    for node in &process.nodes {
        for cel in event_conditions(node.kind.trigger()) {
            dialect::write(cel, engine.dialect())
                .map_err(refused(format!("event `{}`", node.name)))?;
        }
    }
    Ok(written)
}

/// The conditions of a conditional trigger (also inside a multiple one).
fn event_conditions(trigger: Option<&Trigger>) -> Vec<&str> {
    match trigger {
        Some(Trigger::Conditional { condition }) if !condition.trim().is_empty() => {
            vec![condition.as_str()]
        }
        Some(Trigger::Multiple { triggers, .. }) => triggers
            .iter()
            .flat_map(|t| event_conditions(Some(t)))
            .collect(),
        _ => Vec::new(),
    }
}

impl Writer<'_> {
    pub(super) fn engine(&self) -> Option<Engine> {
        match self.target {
            Target::Engine(engine) => Some(engine),
            _ => None,
        }
    }

    /// The element a node is written as: for an engine, a step a person does is a user task.
    pub(super) fn engine_element(&self, node: &Node, element: String) -> String {
        let plain = matches!(
            node.kind,
            NodeKind::Task {
                task: TaskType::Plain,
                ..
            }
        );
        if self.engine().is_some() && plain && element == "task" {
            "userTask".into()
        } else {
            element
        }
    }

    /// The role a user task is assigned to: its assignee, else its lane's name.
    fn role(&self, node: &Node, element: &str) -> Option<String> {
        if element != "userTask" {
            return None;
        }
        let NodeKind::Task { assignee, .. } = &node.kind else {
            return None;
        };
        let lane = || self.process.lane(node.lane).map(|l| l.name.clone());
        Some(assignee.trim().to_string())
            .filter(|a| !a.is_empty())
            .or_else(lane)
            .filter(|r| !r.trim().is_empty())
    }

    /// The engine's assignment attribute on a user task (Camunda 7, Flowable, Activiti); the
    /// kept attribute of the same name, which it replaces.
    pub(super) fn assignment_attribute(
        &self,
        start: &mut Tag,
        node: &Node,
        element: &str,
    ) -> Option<String> {
        let engine = self.engine().filter(|e| *e != Engine::Camunda8)?;
        let (_, uri) = namespace(engine)?;
        let role = self.role(node, element)?;
        let prefix = self.prefixes.get(uri)?;
        attr(start, &format!("{prefix}:candidateGroups"), &role);
        Some(format!("{{{uri}}}candidateGroups"))
    }

    /// The engine's assignment inside `extensionElements` (Camunda 8), as markup.
    pub(super) fn assignment_extension(&self, node: &Node, element: &str) -> String {
        let engine = self.engine().filter(|e| *e == Engine::Camunda8);
        let Some((_, uri)) = engine.and_then(namespace) else {
            return String::new();
        };
        let (Some(role), Some(prefix)) = (self.role(node, element), self.prefixes.get(uri)) else {
            return String::new();
        };
        let mut out = Xml::default();
        let name = format!("{prefix}:assignmentDefinition");
        let mut definition = tag(&name);
        attr(&mut definition, "candidateGroups", &role);
        out.empty(definition);
        out.finish()
    }

    /// A conditional event's condition: in the engine's dialect (checked by `conditions`), else
    /// as Flowlane holds it.
    pub(super) fn event_condition(&self, condition: &str) -> String {
        self.engine()
            .and_then(|engine| dialect::write(condition, engine.dialect()).ok())
            .unwrap_or_else(|| condition.to_string())
    }

    /// A loop condition in the export's dialect (Python for the plain export, as SpiffWorkflow
    /// evaluates it); text that is not a Flowlane condition is written as is.
    pub(super) fn loop_condition(&self, condition: &str) -> String {
        dialect::write(condition, self.dialect()).unwrap_or_else(|_| condition.to_string())
    }

    /// A conditional flow's text: the engine's, else the plain export's (Python or CEL).
    pub(super) fn condition_text(&self, flow: Id, condition: &str) -> String {
        if let Some(text) = self.conditions.get(&flow) {
            return text.clone();
        }
        match self.dialect() {
            // A big process repeats a few conditions hundreds of times: each is parsed once.
            Dialect::Python => self
                .in_python
                .borrow_mut()
                .entry(condition.to_string())
                .or_insert_with(|| {
                    dialect::write(condition, Dialect::Python)
                        .unwrap_or_else(|_| condition.to_string())
                })
                .clone(),
            _ => condition.to_string(),
        }
    }
}
