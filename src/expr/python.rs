//! Conditions written as Python, the dialect SpiffWorkflow evaluates `conditionExpression`s in.
//! Every operator is parenthesised, so CEL's precedence carries over unchanged.

use cel::common::ast::{operators, Expr, LiteralValue};
use cel::IdedExpr;

use super::{Condition, ExprError};

/// The condition as a Python expression, e.g. `amount > 10000 && !rush` → `(amount > 10000) and
/// (not rush)`.
pub fn to_python(condition: &Condition) -> Result<String, ExprError> {
    let text = python(condition.program.expression())?;
    Ok(strip_outer(&text).to_string())
}

fn python(e: &IdedExpr) -> Result<String, ExprError> {
    let unsupported = |what: &str| ExprError::Unsupported {
        column: 1,
        what: what.to_string(),
    };
    Ok(match &e.expr {
        Expr::Literal(literal) => match literal {
            LiteralValue::Boolean(b) => if **b { "True" } else { "False" }.to_string(),
            LiteralValue::Int(i) => i.to_string(),
            LiteralValue::UInt(u) => u.to_string(),
            LiteralValue::Double(d) => {
                let d: f64 = **d;
                if d.fract() == 0.0 && d.abs() < 1e15 {
                    format!("{d:.1}")
                } else {
                    d.to_string()
                }
            }
            LiteralValue::String(s) => {
                serde_json::to_string(&s.to_string()).map_err(|_| unsupported("this text"))?
            }
            LiteralValue::Null | LiteralValue::Bytes(_) => return Err(unsupported("this literal")),
        },
        Expr::Ident(name) => name.clone(),
        Expr::List(list) => {
            let items: Result<Vec<String>, ExprError> = list.elements.iter().map(python).collect();
            format!("[{}]", items?.join(", "))
        }
        Expr::Call(call) => {
            let args: Vec<String> = call.args.iter().map(python).collect::<Result<_, _>>()?;
            if let Some(target) = &call.target {
                let target = python(target)?;
                let [arg] = args.as_slice() else {
                    return Err(unsupported("a method with several arguments"));
                };
                return Ok(match call.func_name.as_str() {
                    "contains" => format!("({arg} in {target})"),
                    "startsWith" => format!("{target}.startswith({arg})"),
                    "endsWith" => format!("{target}.endswith({arg})"),
                    other => return Err(unsupported(&format!("`.{other}()`"))),
                });
            }
            let binary = |op: &str| match args.as_slice() {
                [a, b] => Ok(format!("({a} {op} {b})")),
                _ => Err(unsupported(op)),
            };
            match call.func_name.as_str() {
                operators::LOGICAL_AND => binary("and")?,
                operators::LOGICAL_OR => binary("or")?,
                operators::LOGICAL_NOT => {
                    format!("(not {})", args.first().ok_or_else(|| unsupported("!"))?)
                }
                operators::NEGATE => {
                    format!("(-{})", args.first().ok_or_else(|| unsupported("-"))?)
                }
                operators::ADD => binary("+")?,
                operators::SUBSTRACT => binary("-")?,
                operators::MULTIPLY => binary("*")?,
                operators::DIVIDE => binary("/")?,
                operators::EQUALS => binary("==")?,
                operators::NOT_EQUALS => binary("!=")?,
                operators::LESS => binary("<")?,
                operators::LESS_EQUALS => binary("<=")?,
                operators::GREATER => binary(">")?,
                operators::GREATER_EQUALS => binary(">=")?,
                operators::IN => binary("in")?,
                operators::CONDITIONAL => match args.as_slice() {
                    [c, a, b] => format!("({a} if {c} else {b})"),
                    _ => return Err(unsupported("? :")),
                },
                other => return Err(unsupported(&format!("`{other}`"))),
            }
        }
        _ => return Err(unsupported("this expression")),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn py(text: &str) -> String {
        to_python(&super::super::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn translates_operators_into_python() {
        assert_eq!(py("amount > 10000"), "amount > 10000");
        assert_eq!(
            py("approved == true && !rush"),
            "(approved == True) and (not rush)"
        );
        assert_eq!(py("a || b && c"), "a or (b and c)");
        assert_eq!(
            py("department in [\"IT\", 'HR']"),
            "department in [\"IT\", \"HR\"]"
        );
        assert_eq!(py("name.startsWith(\"A\")"), "name.startswith(\"A\")");
        assert_eq!(py("name.contains(\"x\")"), "\"x\" in name");
        assert_eq!(
            py("big ? amount > 1.5 : false"),
            "(amount > 1.5) if big else False"
        );
        assert_eq!(py("-(a + b) * 2 <= 3"), "((-(a + b)) * 2) <= 3");
    }
}
