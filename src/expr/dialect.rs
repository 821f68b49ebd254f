//! Conditions written for an execution engine → Flowlane's CEL, on BPMN import.
//!
//! Four dialects: JUEL `${approved}` / `#{amount > 1000 && !urgent}` (Camunda 7, Flowable,
//! Activiti), FEEL `=amount > 1000` (Camunda 8), Python `regulated == True and amount > 10`
//! (SpiffWorkflow) and JavaScript `environment.variables.amount > 1000` (bpmn-engine). Within
//! their common subset (literals, variables, comparisons, and/or/not, arithmetic, membership in
//! a written list) a condition becomes CEL that evaluates to the same value on the same data;
//! beyond it the text is kept verbatim with the reason it does not run here.
//!
//! `tokens` reads the text (one tokenizer for all four), `grammar` builds the tree with each
//! dialect's spelling of the operators, `emit` writes it as CEL, `infer` types the variables the
//! conditions read. The other way, for an export for an [`Engine`] (`engine`): [`write`] turns
//! CEL into the engine's dialect, spelled by `python`, `juel`, `feel` and `javascript`. The BPMN import calls [`import_flow_condition`]; what it keeps for a flow
//! (the text as the file had it, and why it does not run) lives in the flow's kept attributes
//! under `condition/…` keys, which the export never writes as XML attributes.

use std::collections::BTreeMap;

mod emit;
mod engine;
mod feel;
mod grammar;
mod infer;
mod javascript;
mod juel;
mod python;
mod tokens;
mod write;

pub use engine::{Engine, UnknownEngine};
pub use infer::{declare_variables, declared_with, infer_variables};
pub use write::write;

/// The expression language a condition is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Flowlane's own: kept as written.
    Cel,
    Juel,
    Feel,
    Python,
    JavaScript,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Cel => "CEL",
            Dialect::Juel => "JUEL",
            Dialect::Feel => "FEEL",
            Dialect::Python => "Python",
            Dialect::JavaScript => "JavaScript",
        }
    }
}

/// Why a condition is not executable here, in words for the problems panel.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotExecutable(pub String);

/// What the import makes of a condition: CEL when it translates, the text as written, and
/// otherwise the reason it is kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCondition {
    pub cel: Option<String>,
    pub kept: String,
    pub reason: Option<String>,
}

/// The engines whose namespaces a file declares.
pub fn engines<'a>(namespaces: impl IntoIterator<Item = &'a str>) -> Vec<Engine> {
    let mut found = Vec::new();
    for engine in namespaces.into_iter().filter_map(Engine::of_namespace) {
        if !found.contains(&engine) {
            found.push(engine);
        }
    }
    found
}

/// The dialect of a condition: its `language` attribute when it has one, then its shape (`${…}`
/// or `#{…}` is JUEL, a leading `=` is FEEL), then the file's engine (SpiffWorkflow speaks
/// Python), then Python's or JavaScript's own words; otherwise Flowlane's CEL. A language
/// outside the four (XPath, Groovy, …) is not executable here.
pub fn detect(
    text: &str,
    language: Option<&str>,
    engines: &[Engine],
) -> Result<Dialect, NotExecutable> {
    if let Some(language) = language.map(str::trim).filter(|l| !l.is_empty()) {
        let l = language.to_ascii_lowercase();
        return if l.contains("javascript") || l.contains("ecmascript") || l == "js" {
            Ok(Dialect::JavaScript)
        } else if l.contains("python") {
            Ok(Dialect::Python)
        } else if l.contains("juel") || l == "el" {
            Ok(Dialect::Juel)
        } else if l.contains("feel") {
            Ok(Dialect::Feel)
        } else if l == "cel" || l.contains("flowlane") {
            Ok(Dialect::Cel)
        } else {
            Err(NotExecutable(format!(
                "the expression language `{language}`"
            )))
        };
    }
    let trimmed = text.trim();
    if trimmed.starts_with("${") || trimmed.starts_with("#{") {
        return Ok(Dialect::Juel);
    }
    if trimmed.starts_with('=') {
        return Ok(Dialect::Feel);
    }
    if engines.contains(&Engine::SpiffWorkflow) {
        return Ok(Dialect::Python);
    }
    let Ok(tokens) = tokens::tokens(trimmed) else {
        return Ok(Dialect::Cel);
    };
    let word = |w: &str| tokens.iter().any(|t| *t == tokens::Token::Word(w.into()));
    let symbol = |s: &'static str| tokens.contains(&tokens::Token::Symbol(s));
    if ["True", "False", "None", "and", "or"]
        .iter()
        .any(|w| word(w))
    {
        Ok(Dialect::Python)
    } else if symbol("===") || symbol("!==") || word("environment") {
        Ok(Dialect::JavaScript)
    } else {
        Ok(Dialect::Cel)
    }
}

/// The condition, written in `dialect`, as Flowlane CEL that `expr::parse` accepts.
pub fn translate(text: &str, dialect: Dialect) -> Result<String, NotExecutable> {
    let trimmed = text.trim();
    let body = match dialect {
        Dialect::Cel => return Ok(trimmed.to_string()),
        Dialect::Juel => juel_body(trimmed)?,
        Dialect::Feel => trimmed.strip_prefix('=').unwrap_or(trimmed),
        Dialect::Python => trimmed,
        Dialect::JavaScript => juel_body(trimmed).unwrap_or(trimmed),
    };
    let mut tokens = tokens::tokens(body)?;
    if dialect == Dialect::JavaScript {
        tokens = script_result(tokens);
    }
    if tokens.is_empty() {
        return Err(NotExecutable("an empty condition".into()));
    }
    let tree = grammar::parse(&tokens, dialect)?;
    let cel = emit::cel(&tree)?;
    super::parse(&cel)
        .map_err(|e| NotExecutable(format!("its translation `{cel}` cannot be read: {e}")))?;
    Ok(cel)
}

/// What is inside `${…}` or `#{…}`; one expression, with no text around it.
fn juel_body(text: &str) -> Result<&str, NotExecutable> {
    let inner = text
        .strip_prefix("${")
        .or_else(|| text.strip_prefix("#{"))
        .and_then(|rest| rest.strip_suffix('}'))
        .ok_or_else(|| NotExecutable("text around or outside `${…}`".into()))?;
    if inner.contains("${") || inner.contains("#{") {
        return Err(NotExecutable("several `${…}` in one condition".into()));
    }
    Ok(inner)
}

/// A bpmn-engine script condition hands its result to `next(null, result)`; the result is the
/// condition. A trailing `;` ends the statement.
fn script_result(mut tokens: Vec<tokens::Token>) -> Vec<tokens::Token> {
    use tokens::Token::{Symbol, Word};
    if tokens.last() == Some(&Symbol(";")) {
        tokens.pop();
    }
    let call = tokens.len() > 5
        && tokens[0] == Word("next".into())
        && tokens[1] == Symbol("(")
        && tokens[2] == Word("null".into())
        && tokens[3] == Symbol(",")
        && tokens.last() == Some(&Symbol(")"));
    if call {
        tokens.pop();
        tokens.drain(..4);
    }
    tokens
}

/// Detects the dialect and translates; a condition outside the subset is kept verbatim with
/// the reason.
pub fn import_condition(
    text: &str,
    language: Option<&str>,
    engines: &[Engine],
) -> ImportedCondition {
    let refused = |reason: String| ImportedCondition {
        cel: None,
        kept: text.to_string(),
        reason: Some(reason),
    };
    let dialect = match detect(text, language, engines) {
        Ok(dialect) => dialect,
        Err(why) => return refused(why.0),
    };
    if dialect == Dialect::Cel {
        return ImportedCondition {
            cel: super::parse(text).is_ok().then(|| text.to_string()),
            kept: text.to_string(),
            reason: None,
        };
    }
    match translate(text, dialect) {
        Ok(cel) => ImportedCondition {
            cel: Some(cel),
            kept: text.to_string(),
            reason: None,
        },
        Err(why) => refused(format!("{why} ({})", dialect.name())),
    }
}

/// Kept-attribute keys of a flow. The `/` keeps the export from writing them as attributes.
const ORIGINAL: &str = "condition/original";
const TRANSLATED: &str = "condition/cel";
const REFUSED: &str = "condition/not-executable";
const LANGUAGE: &str = "conditionExpression/language";

/// The import's hook: the condition a flow gets from its `conditionExpression` text, given the
/// file's namespace URIs and the flow's kept attributes (which hold the expression's
/// `language`). Records in `kept` what the file said, so an export writes the file's text back
/// while the condition is unchanged, and validation can say why a kept text does not run.
pub fn import_flow_condition<'a>(
    text: &str,
    namespaces: impl IntoIterator<Item = &'a str>,
    kept: &mut BTreeMap<String, String>,
) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    let language = kept.get(LANGUAGE).cloned();
    let imported = import_condition(text, language.as_deref(), &engines(namespaces));
    if let Some(reason) = imported.reason {
        kept.insert(ORIGINAL.into(), text.to_string());
        kept.insert(REFUSED.into(), reason);
    } else if let Some(cel) = imported.cel.as_ref().filter(|cel| *cel != text) {
        kept.insert(ORIGINAL.into(), text.to_string());
        kept.insert(TRANSLATED.into(), cel.clone());
    }
    imported.cel.unwrap_or(imported.kept)
}

/// The file's own text for a flow whose condition is still what the import made of it: the
/// translation, or the text kept verbatim.
pub fn imported_text<'k>(kept: &'k BTreeMap<String, String>, condition: &str) -> Option<&'k str> {
    let translated = kept.get(TRANSLATED).is_some_and(|cel| cel == condition);
    let verbatim = kept.contains_key(REFUSED) && kept.get(ORIGINAL).is_some_and(|o| o == condition);
    if translated || verbatim {
        kept.get(ORIGINAL).map(String::as_str)
    } else {
        None
    }
}

/// Why a flow's condition, still as the file had it, is not executable here.
pub fn not_executable<'k>(kept: &'k BTreeMap<String, String>, condition: &str) -> Option<&'k str> {
    (kept.get(ORIGINAL).map(String::as_str) == Some(condition))
        .then(|| kept.get(REFUSED).map(String::as_str))
        .flatten()
}
