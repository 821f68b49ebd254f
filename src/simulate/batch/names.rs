//! Reading a parameter file against the definitions it is for. A step, role, variable or decision
//! the file names that none of them has is refused with its line and the closest name they do
//! have: a misspelt name would otherwise silently mean "no queue" or "zero duration".

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::ParameterSet;
use crate::model::{NodeKind, Process};

/// Why a parameter file was refused, at the line and column serde_json reports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ParameterFileError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads a parameter set from `text`, refusing names that none of `definitions` has.
pub fn read_parameter_set(
    text: &str,
    definitions: &[&Process],
) -> Result<ParameterSet, ParameterFileError> {
    let _checking = Checking::start(Known::of(definitions));
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        ParameterFileError {
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

#[derive(Clone, Copy)]
enum Kind {
    Step,
    Role,
    Variable,
    Decision,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Step => "step",
            Kind::Role => "role",
            Kind::Variable => "variable",
            Kind::Decision => "decision",
        }
    }
}

/// The names a file may use, of every definition it is for: each kind's names people read
/// (suggested) and the ids also accepted.
#[derive(Default)]
struct Known {
    names: BTreeMap<&'static str, BTreeSet<String>>,
    ids: BTreeSet<String>,
}

impl Known {
    fn of(definitions: &[&Process]) -> Known {
        let mut known = Known::default();
        for process in definitions {
            for node in &process.nodes {
                let kind = match &node.kind {
                    NodeKind::Task { assignee, .. } => {
                        known.add(Kind::Role, assignee);
                        Kind::Step
                    }
                    NodeKind::Gateway { .. } => Kind::Decision,
                    _ => continue,
                };
                known.add(kind, &node.name);
                known.ids.insert(node.id.to_string());
            }
            for variable in &process.info.variables {
                known.add(Kind::Variable, &variable.name);
            }
        }
        known
    }

    fn add(&mut self, kind: Kind, name: &str) {
        if !name.is_empty() {
            let names = self.names.entry(kind.word()).or_default();
            names.insert(name.to_string());
        }
    }

    /// Why `name` is refused, or None when a definition has it.
    fn refusal(&self, kind: Kind, name: &str) -> Option<String> {
        let names = self.names.get(kind.word());
        let ids = matches!(kind, Kind::Step | Kind::Decision);
        if names.is_some_and(|n| n.contains(name)) || (ids && self.ids.contains(name)) {
            return None;
        }
        let word = kind.word();
        let closest = names.into_iter().flatten().max_by(|a, b| {
            let score =
                |known: &str| strsim::jaro_winkler(&known.to_lowercase(), &name.to_lowercase());
            score(a).total_cmp(&score(b))
        });
        Some(match closest {
            Some(closest) => {
                format!("no {word} is named \"{name}\"; the closest {word} is \"{closest}\"")
            }
            None => format!("no {word} is named \"{name}\"; the process has no {word}s"),
        })
    }
}

thread_local! {
    /// The names being checked while `read_parameter_set` runs. Serde's derived code calls the
    /// `deserialize_with` functions below without a way to hand them context; the alternative,
    /// a hand-written `DeserializeSeed` for the whole set, would repeat its shape.
    static KNOWN: RefCell<Option<Known>> = const { RefCell::new(None) };
}

/// Checking on while alive; dropped (even on a panic), other reads of a set check nothing.
struct Checking;

impl Checking {
    fn start(known: Known) -> Checking {
        KNOWN.with(|k| *k.borrow_mut() = Some(known));
        Checking
    }
}

impl Drop for Checking {
    fn drop(&mut self) {
        KNOWN.with(|k| *k.borrow_mut() = None);
    }
}

pub(super) fn tasks<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, V>, D::Error> {
    d.deserialize_map(Checked(Kind::Step, PhantomData))
}

pub(super) fn roles<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, V>, D::Error> {
    d.deserialize_map(Checked(Kind::Role, PhantomData))
}

pub(super) fn variables<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, V>, D::Error> {
    d.deserialize_map(Checked(Kind::Variable, PhantomData))
}

pub(super) fn decisions<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, V>, D::Error> {
    d.deserialize_map(Checked(Kind::Decision, PhantomData))
}

/// A map whose keys are names of one kind, each checked as soon as it is read, so the error
/// carries the key's line.
struct Checked<V>(Kind, PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for Checked<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object keyed by {} name", self.0.word())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(name) = map.next_key::<String>()? {
            let refusal = KNOWN.with(|k| k.borrow().as_ref()?.refusal(self.0, &name));
            if let Some(refusal) = refusal {
                return Err(de::Error::custom(refusal));
            }
            out.insert(name, map.next_value()?);
        }
        Ok(out)
    }
}
