//! The process facts on the root (`flowlane:` attributes, the name) and Flowlane's declared
//! variables in a process's extension elements.

use roxmltree::Node as XmlNode;

use super::attributes::{read_own, read_plain};
use crate::bpmn::names::{is_model, FLOWLANE};
use crate::bpmn::ImportError;
use crate::fields::{INFO, VARIABLE};
use crate::model::{Process, VarType, Variable};

pub(super) fn read_info(root: XmlNode, process: &mut Process) -> Result<(), ImportError> {
    process.info.name = root
        .attribute("name")
        .map(str::to_string)
        .or_else(|| {
            root.descendants()
                .find(|n| {
                    (is_model(*n, "participant") || is_model(*n, "process"))
                        && n.attribute("name").is_some()
                })
                .and_then(|n| n.attribute("name"))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "Imported process".to_string());
    read_own(root, &INFO, &mut process.info)
}

/// Flowlane's declared variables, written as `<flowlane:variable>` in a process's extension elements.
pub(super) fn read_variables(
    extensions: XmlNode,
    process: &mut Process,
) -> Result<(), ImportError> {
    for v in extensions
        .children()
        .filter(|n| n.tag_name().namespace() == Some(FLOWLANE) && n.tag_name().name() == "variable")
    {
        let mut variable = Variable {
            name: v.attribute("name").unwrap_or("").to_string(),
            var_type: VarType::Text,
            description: String::new(),
        };
        read_plain(v, &VARIABLE, &mut variable)?;
        process.info.variables.push(variable);
    }
    Ok(())
}
