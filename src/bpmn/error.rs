use std::fmt;

/// Why a file was not imported. Nothing is imported when there is an error: the import is whole
/// or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// Stable code for callers and tests, e.g. `duplicate-id`.
    pub code: &'static str,
    /// 1-based line of the offending element, when there is one.
    pub line: Option<u32>,
    /// The offending element as `<name id="…">`, when there is one.
    pub element: Option<String>,
    pub message: String,
}

impl ImportError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        ImportError {
            code,
            line: None,
            element: None,
            message: message.into(),
        }
    }

    /// Points the error at an element of the parsed document.
    pub fn at(mut self, node: roxmltree::Node) -> Self {
        self.line = Some(node.document().text_pos_at(node.range().start).row);
        self.element = Some(describe(node));
        self
    }

    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }
}

/// `<task id="T1">`, the way a reader finds it in the file.
pub fn describe(node: roxmltree::Node) -> String {
    match node.attribute("id") {
        Some(id) => format!("<{} id=\"{id}\">", node.tag_name().name()),
        None => format!("<{}>", node.tag_name().name()),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}")?;
            if let Some(element) = &self.element {
                write!(f, ", {element}")?;
            }
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// Why a definition was not exported as BPMN: a part kept from an import could not be written
/// back safely (see `validate::unsafe_foreign_xml`). Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the BPMN export was refused, nothing was written: {0}")]
pub struct UnsafeXml(pub String);

/// Why a BPMN export wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    UnsafeXml(#[from] UnsafeXml),
    /// A condition the engine's dialect cannot express (or text that is no Flowlane condition).
    #[error("the condition of {element} cannot be written for {engine}: {why}")]
    Condition {
        /// The flow or event as a reader finds it: "flow `approved`", "event `Stock low`".
        element: String,
        engine: &'static str,
        why: String,
    },
}

/// Something an import left out of an otherwise consistent file, named so the user can find it:
/// a DI shape or edge that draws no element, a `default` that names no flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// 1-based line of the element left out or changed.
    pub line: u32,
    /// The element as `<name id="…">`.
    pub element: String,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, {}: {}", self.line, self.element, self.message)
    }
}
