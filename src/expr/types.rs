//! The static type check of a condition: what each part gives, and whether operands fit.

use cel::common::ast::{operators, CallExpr, Expr, LiteralValue};
use cel::{IdedExpr, Program};

use super::{is_date, ExprError};
use crate::model::VarType;

/// Static types. `DateText` is a text literal that is also a valid date, so it fits either.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Ty {
    Number,
    Text,
    Boolean,
    Date,
    DateText,
    List(Box<Ty>),
}

impl From<VarType> for Ty {
    fn from(t: VarType) -> Self {
        match t {
            VarType::Number => Ty::Number,
            VarType::Text => Ty::Text,
            VarType::Boolean => Ty::Boolean,
            VarType::Date => Ty::Date,
            VarType::List => Ty::List(Box::new(Ty::Text)),
        }
    }
}

pub(super) fn word(ty: &Ty) -> &'static str {
    match ty {
        Ty::Number => "a number",
        Ty::Text => "text",
        Ty::Boolean => "true or false",
        Ty::Date | Ty::DateText => "a date",
        Ty::List(_) => "a list",
    }
}

/// The type two operands share, if they can be compared.
fn unify(a: &Ty, b: &Ty) -> Option<Ty> {
    match (a, b) {
        _ if a == b => Some(a.clone()),
        (Ty::DateText, Ty::Text) | (Ty::Text, Ty::DateText) => Some(Ty::Text),
        (Ty::DateText, Ty::Date) | (Ty::Date, Ty::DateText) => Some(Ty::Date),
        (Ty::List(x), Ty::List(y)) => unify(x, y).map(|t| Ty::List(Box::new(t))),
        _ => None,
    }
}

/// Types a condition; `lookup` gives each variable's type.
pub(super) struct Checker<'a> {
    pub program: &'a Program,
    pub lookup: &'a dyn Fn(&str) -> Option<VarType>,
}

impl Checker<'_> {
    fn column(&self, e: &IdedExpr) -> usize {
        self.program
            .source_info()
            .offset_for(e.id)
            .map_or(1, |(start, _)| start as usize + 1)
    }

    /// The whole condition must give true or false.
    pub fn condition(&self, e: &IdedExpr) -> Result<(), ExprError> {
        match self.ty(e)? {
            Ty::Boolean => Ok(()),
            other => Err(ExprError::Type {
                column: self.column(e),
                message: format!(
                    "a condition must be true or false, but this one gives {}",
                    word(&other)
                ),
            }),
        }
    }

    fn ty(&self, e: &IdedExpr) -> Result<Ty, ExprError> {
        let unsupported = |what: &str| ExprError::Unsupported {
            column: self.column(e),
            what: what.to_string(),
        };
        match &e.expr {
            Expr::Literal(literal) => match literal {
                LiteralValue::Boolean(_) => Ok(Ty::Boolean),
                LiteralValue::Int(_) | LiteralValue::UInt(_) | LiteralValue::Double(_) => {
                    Ok(Ty::Number)
                }
                LiteralValue::String(s) if is_date(s) => Ok(Ty::DateText),
                LiteralValue::String(_) => Ok(Ty::Text),
                LiteralValue::Null => Err(unsupported("`null`")),
                LiteralValue::Bytes(_) => Err(unsupported("bytes")),
            },
            Expr::Ident(name) => match (self.lookup)(name) {
                Some(t) => Ok(t.into()),
                None => Err(ExprError::Undeclared {
                    column: self.column(e),
                    name: name.clone(),
                }),
            },
            Expr::List(list) => {
                let mut element: Option<Ty> = None;
                for item in &list.elements {
                    let ty = self.ty(item)?;
                    element = match element {
                        None => Some(ty),
                        Some(so_far) => Some(unify(&so_far, &ty).ok_or_else(|| {
                            self.type_error(item, "a list holds one type of value".into())
                        })?),
                    };
                }
                match element {
                    Some(ty) => Ok(Ty::List(Box::new(ty))),
                    None => Err(unsupported("an empty list")),
                }
            }
            Expr::Call(call) => self.call(e, call),
            Expr::Select(_) => Err(unsupported("field access (`a.b`)")),
            Expr::Map(_) => Err(unsupported("a map")),
            Expr::Struct(_) => Err(unsupported("a message")),
            Expr::Comprehension(_) => Err(unsupported("a macro such as `all` or `exists`")),
            Expr::Unspecified => Err(unsupported("this expression")),
        }
    }

    fn type_error(&self, e: &IdedExpr, message: String) -> ExprError {
        ExprError::Type {
            column: self.column(e),
            message,
        }
    }

    /// Both operands of a binary operator, typed.
    fn operands(&self, call: &CallExpr) -> Result<(Ty, Ty), ExprError> {
        match call.args.as_slice() {
            [a, b] => Ok((self.ty(a)?, self.ty(b)?)),
            _ => Err(ExprError::Evaluation(format!(
                "`{}` needs two operands",
                symbol(&call.func_name)
            ))),
        }
    }

    fn expect(&self, e: &IdedExpr, want: &Ty, operator: &str) -> Result<(), ExprError> {
        let got = self.ty(e)?;
        if unify(&got, want).as_ref() == Some(want) {
            Ok(())
        } else {
            Err(self.type_error(
                e,
                format!("`{operator}` needs {}, not {}", word(want), word(&got)),
            ))
        }
    }

    fn call(&self, e: &IdedExpr, call: &CallExpr) -> Result<Ty, ExprError> {
        let name = call.func_name.as_str();
        let op = symbol(name);
        if let Some(target) = &call.target {
            return self.method(e, call, target);
        }
        let mismatch = |a: &Ty, b: &Ty| {
            let dates = [a, b].iter().any(|t| matches!(t, Ty::Date));
            let advice = if dates {
                " (write dates as \"YYYY-MM-DD\")"
            } else {
                ""
            };
            self.type_error(
                e,
                format!("`{op}` compares {} with {}{advice}", word(a), word(b)),
            )
        };
        match name {
            operators::LOGICAL_AND | operators::LOGICAL_OR | operators::LOGICAL_NOT => {
                for arg in &call.args {
                    self.expect(arg, &Ty::Boolean, &op)?;
                }
                Ok(Ty::Boolean)
            }
            operators::NEGATE => {
                for arg in &call.args {
                    self.expect(arg, &Ty::Number, &op)?;
                }
                Ok(Ty::Number)
            }
            operators::ADD => match self.operands(call)? {
                (Ty::Number, Ty::Number) => Ok(Ty::Number),
                (a, b) if matches!(unify(&a, &b), Some(Ty::Text | Ty::DateText)) => Ok(Ty::Text),
                (a, b) => Err(self.type_error(
                    e,
                    format!(
                        "`+` adds numbers or joins text, not {} and {}",
                        word(&a),
                        word(&b)
                    ),
                )),
            },
            operators::SUBSTRACT | operators::MULTIPLY | operators::DIVIDE => {
                for arg in &call.args {
                    self.expect(arg, &Ty::Number, &op)?;
                }
                Ok(Ty::Number)
            }
            operators::EQUALS | operators::NOT_EQUALS => {
                let (a, b) = self.operands(call)?;
                match unify(&a, &b) {
                    Some(Ty::List(_)) | None => Err(mismatch(&a, &b)),
                    Some(_) => Ok(Ty::Boolean),
                }
            }
            operators::LESS
            | operators::LESS_EQUALS
            | operators::GREATER
            | operators::GREATER_EQUALS => {
                let (a, b) = self.operands(call)?;
                match unify(&a, &b) {
                    Some(Ty::Number | Ty::Text | Ty::Date | Ty::DateText) => Ok(Ty::Boolean),
                    Some(Ty::Boolean) => Err(self.type_error(
                        e,
                        format!("`{op}` orders numbers, text or dates, not true or false"),
                    )),
                    _ => Err(mismatch(&a, &b)),
                }
            }
            operators::CONDITIONAL => match call.args.as_slice() {
                [test, then, otherwise] => {
                    self.expect(test, &Ty::Boolean, "? :")?;
                    let (a, b) = (self.ty(then)?, self.ty(otherwise)?);
                    unify(&a, &b).ok_or_else(|| {
                        self.type_error(
                            e,
                            format!(
                                "both answers of `? :` must have one type, not {} and {}",
                                word(&a),
                                word(&b)
                            ),
                        )
                    })
                }
                _ => Err(ExprError::Evaluation("`? :` needs three operands".into())),
            },
            operators::IN => match self.operands(call)? {
                (a, Ty::List(element)) => match unify(&a, &element) {
                    Some(_) => Ok(Ty::Boolean),
                    None => Err(mismatch(&a, &element)),
                },
                (_, other) => Err(self.type_error(
                    e,
                    format!(
                        "`in` looks in a list such as [\"IT\", \"HR\"], not in {}",
                        word(&other)
                    ),
                )),
            },
            operators::MODULO => Err(ExprError::Unsupported {
                column: self.column(e),
                what: "`%`".into(),
            }),
            _ => Err(ExprError::Unsupported {
                column: self.column(e),
                what: format!("`{op}`"),
            }),
        }
    }

    fn method(&self, e: &IdedExpr, call: &CallExpr, target: &IdedExpr) -> Result<Ty, ExprError> {
        let name = call.func_name.as_str();
        if !matches!(name, "contains" | "startsWith" | "endsWith") {
            return Err(ExprError::Unsupported {
                column: self.column(e),
                what: format!("`.{name}()`"),
            });
        }
        let operator = format!(".{name}()");
        self.expect(target, &Ty::Text, &operator)?;
        match call.args.as_slice() {
            [arg] => self.expect(arg, &Ty::Text, &operator)?,
            _ => {
                return Err(self.type_error(e, format!("`{operator}` takes one piece of text")));
            }
        }
        Ok(Ty::Boolean)
    }
}

/// `_>_` → `>`, `!_` → `!`, `@in` → `in`, `size` → `size()`.
fn symbol(func_name: &str) -> String {
    match func_name {
        operators::CONDITIONAL => "? :".into(),
        operators::IN => "in".into(),
        name if name.contains('_') => name.replace('_', ""),
        name => format!("{name}()"),
    }
}
