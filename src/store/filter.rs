//! The process list's filter, as `flowlane list --filter` and the sidebar read it.
//!
//! Terms are separated by spaces; every term must match. `name:TEXT`, `owner:TEXT` and
//! `tag:TEXT` match when the name, the owner or one of the tags contains TEXT; `category:TEXT`
//! when the category starts with it. A bare word matches any of the four. Case is ignored;
//! double quotes keep spaces in a value (`owner:"Ann Lee"`). `ui/src/panels/processFilter.ts` is
//! its twin, pinned by `tests/fixtures/twins/filter.json`.

use super::ProcessSummary;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("unknown filter field \"{0}\": use name, category, owner or tag")]
    UnknownField(String),
    #[error("\"{0}:\" needs a value, e.g. {0}:support")]
    EmptyValue(String),
    #[error("a quote is not closed")]
    UnclosedQuote,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Category,
    Owner,
    Tag,
    Any,
}

/// A parsed filter: every term (field and lower-cased text) must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessFilter {
    terms: Vec<(Field, String)>,
}

impl ProcessFilter {
    pub fn parse(text: &str) -> Result<ProcessFilter, FilterError> {
        if text.matches('"').count() % 2 == 1 {
            return Err(FilterError::UnclosedQuote);
        }
        let mut terms = Vec::new();
        for raw in tokens(text) {
            let named = raw.split_once(':').filter(|(field, _)| {
                !field.is_empty() && field.chars().all(|c| c.is_ascii_alphabetic())
            });
            let (field, value) = match named {
                Some((field, value)) => {
                    let lower = field.to_ascii_lowercase();
                    let field = match lower.as_str() {
                        "name" => Field::Name,
                        "category" => Field::Category,
                        "owner" => Field::Owner,
                        "tag" => Field::Tag,
                        _ => return Err(FilterError::UnknownField(field.to_string())),
                    };
                    let value = value.replace('"', "");
                    if value.is_empty() {
                        return Err(FilterError::EmptyValue(lower));
                    }
                    (field, value)
                }
                None => (Field::Any, raw.replace('"', "")),
            };
            if !value.is_empty() {
                terms.push((field, value.to_lowercase()));
            }
        }
        Ok(ProcessFilter { terms })
    }

    /// True for a filter with no terms: everything matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn matches(&self, summary: &ProcessSummary) -> bool {
        let name = summary.name.to_lowercase();
        let owner = summary.owner.to_lowercase();
        let category = summary.category.as_str();
        let tags: Vec<String> = summary.tags.iter().map(|t| t.to_lowercase()).collect();
        self.terms.iter().all(|(field, text)| {
            let t = text.as_str();
            let tagged = || tags.iter().any(|tag| tag.contains(t));
            match field {
                Field::Name => name.contains(t),
                Field::Category => category.starts_with(t),
                Field::Owner => owner.contains(t),
                Field::Tag => tagged(),
                Field::Any => {
                    name.contains(t) || owner.contains(t) || category.contains(t) || tagged()
                }
            }
        })
    }
}

/// The text split at spaces, tabs and line breaks outside double quotes.
fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ' ' | '\t' | '\n' | '\r' if !quoted => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}
