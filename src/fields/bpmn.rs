//! How a field stored in Flowlane's BPMN namespace is spelled as attribute text: one codec per
//! shape of value, each a `write` (None leaves the attribute out) and a `read` (None when the
//! attribute is absent; the error says what is wrong with the text).

use std::fmt::Display;
use std::str::FromStr;

use crate::model::{Category, VarType};

/// Free text; empty is left out.
pub mod text {
    pub fn write(value: &str) -> Option<String> {
        (!value.is_empty()).then(|| value.to_string())
    }

    pub fn read(text: Option<&str>) -> Result<String, String> {
        Ok(text.unwrap_or("").to_string())
    }
}

/// A list, joined by `,`; blank items are dropped on reading.
pub mod list {
    pub fn write(items: &[String]) -> Option<String> {
        (!items.is_empty()).then(|| items.join(","))
    }

    pub fn read(text: Option<&str>) -> Result<Vec<String>, String> {
        Ok(text
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect())
    }
}

/// A value as it prints (a duration `2h 30m`, a version number); text that does not parse is refused.
pub mod parsed {
    use super::{Display, FromStr};

    pub fn write<T: Display>(value: &Option<T>) -> Option<String> {
        value.as_ref().map(ToString::to_string)
    }

    pub fn read<T>(text: Option<&str>) -> Result<Option<T>, String>
    where
        T: FromStr,
        T::Err: Display,
    {
        text.map(|t| t.parse().map_err(|e| format!("`{t}`: {e}")))
            .transpose()
    }
}

/// A number as it prints, read as JSON (as every writer of this attribute wrote it).
pub mod number {
    use super::Display;

    pub fn write<T: Display>(value: &Option<T>) -> Option<String> {
        value.as_ref().map(ToString::to_string)
    }

    pub fn read<T: serde::de::DeserializeOwned>(text: Option<&str>) -> Result<Option<T>, String> {
        super::json::read(text)
    }
}

/// A structured value as JSON, e.g. a duration distribution.
pub mod json {
    pub fn write<T: serde::Serialize>(value: &Option<T>) -> Option<String> {
        value.as_ref().and_then(|v| serde_json::to_string(v).ok())
    }

    pub fn read<T: serde::de::DeserializeOwned>(text: Option<&str>) -> Result<Option<T>, String> {
        text.map(|t| serde_json::from_str(t).map_err(|e| e.to_string()))
            .transpose()
    }
}

/// A number that only hints (a flow's probability): text that does not parse reads as none.
pub mod hint {
    use super::Display;

    pub fn write<T: Display>(value: &Option<T>) -> Option<String> {
        value.as_ref().map(ToString::to_string)
    }

    pub fn read(text: Option<&str>) -> Result<Option<f64>, String> {
        Ok(text.and_then(|t| t.parse().ok()))
    }
}

/// A process category; operational, the default, is left out.
pub mod category {
    use super::Category;

    pub fn write(value: &Category) -> Option<String> {
        (*value != Category::Operational).then(|| value.as_str().to_string())
    }

    pub fn read(text: Option<&str>) -> Result<Category, String> {
        match text {
            None | Some("operational") => Ok(Category::Operational),
            Some("management") => Ok(Category::Management),
            Some("support") => Ok(Category::Support),
            Some(other) => Err(format!(
                "`{other}` is not operational, management or support"
            )),
        }
    }
}

/// A variable's type, always written.
pub mod var_type {
    use super::VarType;

    pub fn write(value: &VarType) -> Option<String> {
        Some(value.as_str().to_string())
    }

    pub fn read(text: Option<&str>) -> Result<VarType, String> {
        match text {
            Some("number") => Ok(VarType::Number),
            Some("text") => Ok(VarType::Text),
            Some("boolean") => Ok(VarType::Boolean),
            Some("date") => Ok(VarType::Date),
            Some("list") => Ok(VarType::List),
            other => Err(format!(
                "`{}` is not number, text, boolean, date or list",
                other.unwrap_or("")
            )),
        }
    }
}
