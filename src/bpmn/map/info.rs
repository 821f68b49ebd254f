//! The process facts on the root (`flowlane:` attributes, the name) and Flowlane's declared
//! variables in a process's extension elements.

use roxmltree::Node as XmlNode;

use crate::bpmn::names::{is_model, FLOWLANE};
use crate::bpmn::ImportError;
use crate::model::{Category, Duration, Process, VarType, Variable};

pub(super) fn read_info(root: XmlNode, process: &mut Process) -> Result<(), ImportError> {
    let own = |field: &str| root.attribute((FLOWLANE, field));
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
    process.info.outcome = own("outcome").unwrap_or("").to_string();
    process.info.owner = own("owner").unwrap_or("").to_string();
    process.info.category = match own("category") {
        None | Some("operational") => Category::Operational,
        Some("management") => Category::Management,
        Some("support") => Category::Support,
        Some(other) => {
            return Err(ImportError::new(
                "bad-value",
                format!("flowlane:category `{other}` is not operational, management or support"),
            )
            .at(root))
        }
    };
    process.info.sla = own("sla")
        .map(|t| {
            t.parse::<Duration>()
                .map_err(|e| ImportError::new("bad-value", format!("flowlane:sla: {e}")).at(root))
        })
        .transpose()?;
    Ok(())
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
        let var_type = match v.attribute("type") {
            Some("number") => VarType::Number,
            Some("text") => VarType::Text,
            Some("boolean") => VarType::Boolean,
            Some("date") => VarType::Date,
            other => {
                return Err(ImportError::new(
                    "bad-value",
                    format!(
                        "variable type `{}` is not number, text, boolean or date",
                        other.unwrap_or("")
                    ),
                )
                .at(v))
            }
        };
        process.info.variables.push(Variable {
            name: v.attribute("name").unwrap_or("").to_string(),
            var_type,
            description: v.attribute("description").unwrap_or("").to_string(),
        });
    }
    Ok(())
}
