//! Flowlane's CEL → an engine's dialect, on export for that engine: the reverse of the import.
//! One walk over the parsed condition; each dialect (`python`, `juel`, `feel`, `javascript`)
//! says how it spells the parts in a [`Spelling`]. Every operator is parenthesised, so CEL's
//! precedence carries over whatever the dialect's is. What a dialect cannot say (FEEL has no
//! `c ? a : b` in the subset, JUEL no text methods) is refused with the reason.

use cel::common::ast::{operators, Expr, LiteralValue};
use cel::IdedExpr;

use super::{feel, javascript, juel, python, Dialect, NotExecutable};
use crate::expr::{self, Condition};

/// How one dialect writes the parts of a condition.
pub(super) struct Spelling {
    pub dialect: Dialect,
    /// `true` and `false`.
    pub booleans: [&'static str; 2],
    pub and: &'static str,
    pub or: &'static str,
    pub equals: &'static str,
    pub not_equals: &'static str,
    pub not: fn(String) -> String,
    /// A whole number written as a float (`2.0`); other dialects write `2`.
    pub float_point: bool,
    /// A variable by its Flowlane name.
    pub variable: fn(&str) -> String,
    /// `item` is one of `list`.
    pub member: fn(String, Vec<String>) -> String,
    /// `c ? a : b`, when the dialect has it.
    pub choice: Option<fn(String, String, String) -> String>,
    /// The text method `name` (`contains`, `startsWith`, `endsWith`) on `target`, if it has it.
    pub method: fn(&str, String, String) -> Option<String>,
    /// The whole condition as the engine's file holds it (`${…}`, `=…`, a script).
    pub whole: fn(String) -> String,
}

/// The CEL condition `cel` written in `dialect`, as an engine's file holds it.
pub fn write(cel: &str, dialect: Dialect) -> Result<String, NotExecutable> {
    let spelling = match dialect {
        Dialect::Cel => return Ok(cel.to_string()),
        Dialect::Python => &python::SPELLING,
        Dialect::Juel => &juel::SPELLING,
        Dialect::Feel => &feel::SPELLING,
        Dialect::JavaScript => &javascript::SPELLING,
    };
    let condition = expr::parse(cel).map_err(|e| NotExecutable(e.to_string()))?;
    written(&condition, spelling)
}

/// The parsed condition in a dialect, without the engine's wrapping.
pub(super) fn body(condition: &Condition, spelling: &Spelling) -> Result<String, NotExecutable> {
    let text = walk(condition.program.expression(), spelling)?;
    Ok(strip_outer(&text).to_string())
}

fn written(condition: &Condition, spelling: &Spelling) -> Result<String, NotExecutable> {
    Ok((spelling.whole)(body(condition, spelling)?))
}

fn walk(e: &IdedExpr, s: &Spelling) -> Result<String, NotExecutable> {
    let outside = |what: &str| {
        Err(NotExecutable(format!(
            "{what}, which {} cannot express",
            s.dialect.name()
        )))
    };
    Ok(match &e.expr {
        Expr::Literal(literal) => match literal {
            LiteralValue::Boolean(b) => s.booleans[usize::from(!**b)].to_string(),
            LiteralValue::Int(i) => i.to_string(),
            LiteralValue::UInt(u) => u.to_string(),
            LiteralValue::Double(d) => {
                let d: f64 = **d;
                if d.fract() == 0.0 && d.abs() < 1e15 {
                    if s.float_point {
                        format!("{d:.1}")
                    } else {
                        format!("{d:.0}")
                    }
                } else {
                    d.to_string()
                }
            }
            LiteralValue::String(text) => serde_json::to_string(&text.to_string())
                .map_err(|_| NotExecutable("text that cannot be written".into()))?,
            LiteralValue::Null | LiteralValue::Bytes(_) => return outside("this literal"),
        },
        Expr::Ident(name) => (s.variable)(name),
        Expr::List(list) => {
            let items: Vec<String> = list
                .elements
                .iter()
                .map(|i| walk(i, s))
                .collect::<Result<_, _>>()?;
            format!("[{}]", items.join(", "))
        }
        Expr::Call(call) => {
            if let Some(target) = &call.target {
                let [arg] = call.args.as_slice() else {
                    return outside("a method with several arguments");
                };
                let (target, arg) = (walk(target, s)?, walk(arg, s)?);
                return match (s.method)(&call.func_name, target, arg) {
                    Some(text) => Ok(text),
                    None => outside(&format!("`.{}()`", call.func_name)),
                };
            }
            let args: Vec<String> = call
                .args
                .iter()
                .map(|a| walk(a, s))
                .collect::<Result<_, _>>()?;
            let binary = |op: &str| match args.as_slice() {
                [a, b] => Ok(format!("({a} {op} {b})")),
                _ => Err(NotExecutable(format!("`{op}` without two sides"))),
            };
            match (call.func_name.as_str(), args.as_slice()) {
                (operators::LOGICAL_AND, _) => binary(s.and)?,
                (operators::LOGICAL_OR, _) => binary(s.or)?,
                (operators::LOGICAL_NOT, [a]) => (s.not)(a.clone()),
                (operators::NEGATE, [a]) => format!("(-{a})"),
                (operators::ADD, _) => binary("+")?,
                (operators::SUBSTRACT, _) => binary("-")?,
                (operators::MULTIPLY, _) => binary("*")?,
                (operators::DIVIDE, _) => binary("/")?,
                (operators::EQUALS, _) => binary(s.equals)?,
                (operators::NOT_EQUALS, _) => binary(s.not_equals)?,
                (operators::LESS, _) => binary("<")?,
                (operators::LESS_EQUALS, _) => binary("<=")?,
                (operators::GREATER, _) => binary(">")?,
                (operators::GREATER_EQUALS, _) => binary(">=")?,
                (operators::IN, [item, _]) => match &call.args[1].expr {
                    Expr::List(list) => {
                        let items = list
                            .elements
                            .iter()
                            .map(|i| walk(i, s))
                            .collect::<Result<_, _>>()?;
                        (s.member)(item.clone(), items)
                    }
                    _ => return outside("membership in something other than a written list"),
                },
                (operators::CONDITIONAL, [c, a, b]) => match s.choice {
                    Some(choice) => choice(c.clone(), a.clone(), b.clone()),
                    None => return outside("a choice `c ? a : b`"),
                },
                (other, _) => return outside(&format!("`{other}`")),
            }
        }
        Expr::Select(_) => return outside("field access"),
        _ => return outside("this expression"),
    })
}

/// `(a > b)` → `a > b`, when the outer parentheses enclose the whole text.
fn strip_outer(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) else {
        return text;
    };
    let mut depth = 0i32;
    let mut quoted = false;
    let mut previous = ' ';
    for c in inner.chars() {
        match c {
            '"' if previous != '\\' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth -= 1;
                if depth < 0 {
                    return text;
                }
            }
            _ => {}
        }
        previous = c;
    }
    inner
}
