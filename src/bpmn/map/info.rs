//! The process facts on the root (`flowlane:` attributes, the name) and Flowlane's declared
//! variables in a process's extension elements.

use roxmltree::Node as XmlNode;

use super::attributes::{read_own, read_plain};
use crate::bpmn::names::{is_model, FLOWLANE};
use crate::bpmn::ImportError;
use crate::fields::{INFO, VARIABLE};
use crate::model::{Process, VarType, Variable};

pub(super) fn read_info(root: XmlNode, process: &mut Process) -> Result<(), ImportError> {
    // Named after the file's own name, else its first named process, else its first named pool;
    // the importer falls back to the file name.
    let named = |element: &str| {
        root.descendants()
            .filter(|n| is_model(*n, element))
            .filter_map(|n| n.attribute("name"))
            .find(|name| !name.trim().is_empty())
    };
    process.info.name = root
        .attribute("name")
        .filter(|name| !name.trim().is_empty())
        .or_else(|| named("process"))
        .or_else(|| named("participant"))
        .unwrap_or("")
        .to_string();
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
        let mut variable = Variable::new(v.attribute("name").unwrap_or(""), VarType::Text);
        read_plain(v, &VARIABLE, &mut variable)?;
        process.info.variables.push(variable);
    }
    Ok(())
}
