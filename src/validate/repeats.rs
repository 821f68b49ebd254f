//! Multi-instance activities: the variable that says how many instances run is a number, and
//! the one they run over, one instance per item, is a list.

use super::graph::{capitalise, Graph};
use super::{problem, Problem};
use crate::model::{Instances, NodeKind, Repeat, VarType};

pub(super) fn check(g: &Graph) -> Vec<Problem> {
    let declared = |name: &str| {
        g.process
            .info
            .variables
            .iter()
            .find(|v| v.name == name.trim())
            .map(|v| v.var_type)
    };
    let mut found = Vec::new();
    for (i, node) in g.process.nodes.iter().enumerate() {
        let (NodeKind::Task { repeat, .. }
        | NodeKind::Call { repeat, .. }
        | NodeKind::SubProcess { repeat, .. }) = &node.kind
        else {
            continue;
        };
        let (Some(Repeat::Parallel(instances)) | Some(Repeat::Sequential(instances))) = repeat
        else {
            continue;
        };
        let Instances {
            count, collection, ..
        } = instances;
        let wrong = |name: &str, wanted: VarType| {
            declared(name)
                .filter(|&t| t != wanted)
                .map(|t| (name.trim().to_string(), t))
        };
        let subject = capitalise(&g.name(i));
        if let Some((name, t)) = collection.as_deref().and_then(|c| wrong(c, VarType::List)) {
            found.push(problem(
                "repeat-type",
                Some(node.id),
                format!(
                    "{subject} runs once per item of `{name}`, which is a {} variable, not a list",
                    t.as_str()
                ),
                format!("Declare `{name}` as a list, or run over a list variable"),
            ));
        }
        let by_variable = count
            .as_deref()
            .filter(|c| c.trim().parse::<u64>().is_err());
        if let Some((name, t)) = by_variable.and_then(|c| wrong(c, VarType::Number)) {
            found.push(problem(
                "repeat-type",
                Some(node.id),
                format!(
                    "{subject} runs as many times as `{name}` says, which is a {} variable, not a number",
                    t.as_str()
                ),
                format!("Declare `{name}` as a number, or give a whole number of instances"),
            ));
        }
    }
    found
}
