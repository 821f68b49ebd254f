//! The tree of a dialect's condition written as Flowlane CEL. Every operator is parenthesised,
//! so the dialect's precedence carries over whatever CEL's is.

use super::grammar::{Ast, Op};
use super::NotExecutable;

/// Words CEL keeps for itself; a variable so named cannot be read in a condition.
const RESERVED: &[&str] = &[
    "true",
    "false",
    "null",
    "in",
    "as",
    "break",
    "const",
    "continue",
    "else",
    "for",
    "function",
    "if",
    "import",
    "let",
    "loop",
    "package",
    "namespace",
    "return",
    "var",
    "void",
    "while",
];

/// The condition as CEL text, without outer parentheses.
pub(super) fn cel(ast: &Ast) -> Result<String, NotExecutable> {
    let text = write(ast)?;
    let bare = matches!(ast, Ast::Binary(..) | Ast::In(..) | Ast::Choice(..));
    Ok(if bare {
        text[1..text.len() - 1].to_string()
    } else {
        text
    })
}

fn write(ast: &Ast) -> Result<String, NotExecutable> {
    Ok(match ast {
        Ast::Number(n) => number(*n),
        Ast::Text(t) => serde_json::to_string(t)
            .map_err(|_| NotExecutable("text that cannot be written".into()))?,
        Ast::Bool(b) => b.to_string(),
        Ast::Var(name) => variable(name)?,
        Ast::List(items) => {
            if items.is_empty() {
                return Err(NotExecutable("an empty list".into()));
            }
            let items: Vec<String> = items.iter().map(write).collect::<Result<_, _>>()?;
            format!("[{}]", items.join(", "))
        }
        Ast::Range { .. } => return Err(NotExecutable("a range outside `in`".into())),
        Ast::Not(inner) => format!("!{}", write(inner)?),
        Ast::Negate(inner) => format!("-{}", write(inner)?),
        Ast::Binary(op, a, b) => format!("({} {} {})", write(a)?, symbol(*op), write(b)?),
        Ast::In(item, set) => match set.as_ref() {
            Ast::Range {
                low,
                high,
                low_open,
                high_open,
            } => {
                let item = write(item)?;
                let above = if *low_open { ">" } else { ">=" };
                let below = if *high_open { "<" } else { "<=" };
                format!(
                    "({item} {above} {} && {item} {below} {})",
                    write(low)?,
                    write(high)?
                )
            }
            list => format!("({} in {})", write(item)?, write(list)?),
        },
        Ast::Choice(test, then, otherwise) => {
            format!(
                "({} ? {} : {})",
                write(test)?,
                write(then)?,
                write(otherwise)?
            )
        }
    })
}

/// Whole numbers without a fraction (`1000`), others as Rust writes the float (`10.5`).
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

fn variable(name: &str) -> Result<String, NotExecutable> {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plain {
        return Err(NotExecutable(format!(
            "the variable name `{name}` (Flowlane names use ASCII letters, digits and `_`)"
        )));
    }
    if RESERVED.contains(&name) {
        return Err(NotExecutable(format!(
            "the variable name `{name}`, a reserved word in Flowlane conditions"
        )));
    }
    Ok(name.to_string())
}

fn symbol(op: Op) -> &'static str {
    match op {
        Op::Or => "||",
        Op::And => "&&",
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::Ge => ">=",
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::Div => "/",
    }
}
