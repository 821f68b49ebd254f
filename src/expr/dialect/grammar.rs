//! The common subset of the four dialects, read by precedence climbing over the shared tokens:
//! literals, variables, comparisons, and/or/not, arithmetic, membership in a literal list (or a
//! FEEL range), and JUEL's and JavaScript's `c ? a : b`. Each dialect spells the operators its
//! own way (`and`, `&&`, `eq`, `=`, `===`); the tree is the same.

use super::tokens::Token;
use super::{Dialect, NotExecutable};

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Ast {
    Number(f64),
    Text(String),
    Bool(bool),
    Var(String),
    List(Vec<Ast>),
    /// A FEEL range such as `[1..10]` or `(0..5]`; only the right side of `in`.
    Range {
        low: Box<Ast>,
        high: Box<Ast>,
        low_open: bool,
        high_open: bool,
    },
    Not(Box<Ast>),
    Negate(Box<Ast>),
    Binary(Op, Box<Ast>, Box<Ast>),
    In(Box<Ast>, Box<Ast>),
    Choice(Box<Ast>, Box<Ast>, Box<Ast>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
}

/// Binding powers, loosest first. Python's `not` sits below comparisons (`not a == b` negates
/// the comparison); `!` and JUEL's `not` bind tighter than any binary operator.
const CHOICE: u8 = 0;
const OR: u8 = 1;
const AND: u8 = 2;
const PYTHON_NOT: u8 = 3;
const COMPARE: u8 = 4;
const SUM: u8 = 5;
const PRODUCT: u8 = 6;
const UNARY: u8 = 7;

impl Op {
    fn power(self) -> u8 {
        match self {
            Op::Or => OR,
            Op::And => AND,
            Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge => COMPARE,
            Op::Add | Op::Sub => SUM,
            Op::Mul | Op::Div => PRODUCT,
        }
    }
}

enum Infix {
    Binary(Op),
    In { negated: bool },
    Choice,
}

fn refuse<T>(why: impl Into<String>) -> Result<T, NotExecutable> {
    Err(NotExecutable(why.into()))
}

/// Reads the whole token list as one expression of `dialect`.
pub(super) fn parse(tokens: &[Token], dialect: Dialect) -> Result<Ast, NotExecutable> {
    let mut parser = Parser {
        tokens,
        at: 0,
        dialect,
    };
    let ast = parser.expression(CHOICE)?;
    let previous = parser.at.checked_sub(1).and_then(|i| tokens.get(i));
    match (previous, parser.peek()) {
        (_, None) => Ok(ast),
        (Some(Token::Word(a)), Some(Token::Word(b))) if dialect == Dialect::Feel => {
            refuse(format!("a name with spaces (`{a} {b}`)"))
        }
        (_, Some(t)) => refuse(format!("unexpected {}", show(t))),
    }
}

fn show(token: &Token) -> String {
    match token {
        Token::Number(n) => format!("`{n}`"),
        Token::Text(t) => format!("\"{t}\""),
        Token::Word(w) => format!("`{w}`"),
        Token::Symbol(s) => format!("`{s}`"),
    }
}

struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
    dialect: Dialect,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn peek_is(&self, offset: usize, symbol: &str) -> bool {
        matches!(self.tokens.get(self.at + offset), Some(Token::Symbol(s)) if *s == symbol)
    }

    fn next(&mut self) -> Result<Token, NotExecutable> {
        let token = self.peek().cloned();
        self.at += 1;
        token.map_or_else(|| refuse("the condition ends too early"), Ok)
    }

    fn expect(&mut self, symbol: &str) -> Result<(), NotExecutable> {
        match self.next()? {
            Token::Symbol(s) if s == symbol => Ok(()),
            other => refuse(format!("`{symbol}` expected, found {}", show(&other))),
        }
    }

    fn expression(&mut self, min: u8) -> Result<Ast, NotExecutable> {
        let mut left = self.prefix()?;
        let mut compared = false;
        while let Some((infix, power, width)) = self.infix()? {
            if power < min {
                break;
            }
            if power == COMPARE && compared {
                return refuse("a chained comparison such as `a < b < c`");
            }
            self.at += width;
            left = match infix {
                Infix::Binary(op) => {
                    let right = self.expression(power + 1)?;
                    Ast::Binary(op, Box::new(left), Box::new(right))
                }
                Infix::In { negated } => {
                    let set = self.expression(power + 1)?;
                    if !matches!(set, Ast::List(_) | Ast::Range { .. }) {
                        return refuse("membership in something other than a written list");
                    }
                    let test = Ast::In(Box::new(left), Box::new(set));
                    if negated {
                        Ast::Not(Box::new(test))
                    } else {
                        test
                    }
                }
                Infix::Choice => {
                    let then = self.expression(CHOICE)?;
                    self.expect(":")?;
                    let otherwise = self.expression(CHOICE)?;
                    Ast::Choice(Box::new(left), Box::new(then), Box::new(otherwise))
                }
            };
            compared = power == COMPARE;
        }
        Ok(left)
    }

    /// The operator at the cursor, its binding power and how many tokens spell it.
    fn infix(&self) -> Result<Option<(Infix, u8, usize)>, NotExecutable> {
        use Dialect::{Feel, JavaScript, Juel, Python};
        let dialect = self.dialect;
        let op = match self.peek() {
            Some(Token::Symbol(s)) => match (*s, dialect) {
                ("||", Juel | JavaScript) => Op::Or,
                ("&&", Juel | JavaScript) => Op::And,
                ("==", Juel | Python | JavaScript) | ("===", JavaScript) | ("=", Feel) => Op::Eq,
                ("!=", _) | ("!==", JavaScript) => Op::Ne,
                ("<", _) => Op::Lt,
                ("<=", _) => Op::Le,
                (">", _) => Op::Gt,
                (">=", _) => Op::Ge,
                ("+", _) => Op::Add,
                ("-", _) => Op::Sub,
                ("*", _) => Op::Mul,
                ("/", _) => Op::Div,
                ("?", Juel | JavaScript) => return Ok(Some((Infix::Choice, CHOICE, 1))),
                ("%", _) => return refuse("the remainder operator `%`"),
                ("**", _) => return refuse("powers (`**`)"),
                ("//", _) => return refuse("whole-number division (`//`)"),
                _ => return Ok(None),
            },
            Some(Token::Word(w)) => match (w.as_str(), dialect) {
                ("or", Juel | Feel | Python) => Op::Or,
                ("and", Juel | Feel | Python) => Op::And,
                ("eq", Juel) => Op::Eq,
                ("ne", Juel) => Op::Ne,
                ("lt", Juel) => Op::Lt,
                ("le", Juel) => Op::Le,
                ("gt", Juel) => Op::Gt,
                ("ge", Juel) => Op::Ge,
                ("div", Juel) => Op::Div,
                ("mod", Juel) => return refuse("the remainder operator `mod`"),
                ("in", Feel | Python) => {
                    return Ok(Some((Infix::In { negated: false }, COMPARE, 1)))
                }
                ("not", Python) if matches!(self.tokens.get(self.at + 1), Some(Token::Word(w)) if w == "in") => {
                    return Ok(Some((Infix::In { negated: true }, COMPARE, 2)))
                }
                ("is", Python) => return refuse("identity tests (`is`)"),
                ("if", Python) => return refuse("a conditional expression (`a if c else b`)"),
                ("between", Feel) => return refuse("`between` (write `x >= a and x <= b`)"),
                ("instanceof", JavaScript) => return refuse("`instanceof`"),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        Ok(Some((Infix::Binary(op), op.power(), 1)))
    }

    fn prefix(&mut self) -> Result<Ast, NotExecutable> {
        use Dialect::{Feel, JavaScript, Juel, Python};
        let dialect = self.dialect;
        let primary = match (self.next()?, dialect) {
            (Token::Symbol("!"), Juel | JavaScript) => {
                return Ok(Ast::Not(Box::new(self.expression(UNARY)?)));
            }
            (Token::Word(w), Juel) if w == "not" => {
                return Ok(Ast::Not(Box::new(self.expression(UNARY)?)));
            }
            (Token::Word(w), Python) if w == "not" => {
                return Ok(Ast::Not(Box::new(self.expression(PYTHON_NOT)?)));
            }
            (Token::Symbol("-"), _) => return Ok(Ast::Negate(Box::new(self.expression(UNARY)?))),
            (Token::Word(w), Juel) if w == "empty" => return refuse("JUEL's `empty` test"),
            (Token::Word(w), Feel) if matches!(w.as_str(), "some" | "every" | "for" | "if") => {
                return refuse(format!("FEEL's `{w}` expression"));
            }
            (Token::Number(digits), _) => match digits.parse::<f64>() {
                Ok(n) => Ast::Number(n),
                Err(_) => return refuse(format!("the number `{digits}`")),
            },
            (Token::Text(text), _) => Ast::Text(text),
            (Token::Symbol("("), _) => self.group(")")?,
            (Token::Symbol("["), _) => self.group("]")?,
            (Token::Symbol("]"), Feel) => self.range(true)?,
            (Token::Word(w), _) => self.word(w)?,
            (other, _) => return refuse(format!("unexpected {}", show(&other))),
        };
        self.method(primary)
    }

    /// After `(` or `[`: a parenthesised expression, a list or tuple, or a FEEL range.
    fn group(&mut self, close: &str) -> Result<Ast, NotExecutable> {
        let list = close == "]";
        if list && self.peek_is(0, "]") {
            self.at += 1;
            return Ok(Ast::List(Vec::new()));
        }
        let first = self.expression(CHOICE)?;
        if self.dialect == Dialect::Feel && self.peek_is(0, "..") {
            self.at += 1;
            return self.range_from(first, close == ")");
        }
        if !list && !self.peek_is(0, ",") {
            self.expect(")")?;
            return Ok(first);
        }
        let mut items = vec![first];
        while self.peek_is(0, ",") {
            self.at += 1;
            if self.peek_is(0, close) {
                break;
            }
            items.push(self.expression(CHOICE)?);
        }
        self.expect(close)?;
        Ok(Ast::List(items))
    }

    /// A FEEL range opened with `]` (its low end excluded).
    fn range(&mut self, low_open: bool) -> Result<Ast, NotExecutable> {
        let low = self.expression(CHOICE)?;
        self.expect("..")?;
        self.range_from(low, low_open)
    }

    fn range_from(&mut self, low: Ast, low_open: bool) -> Result<Ast, NotExecutable> {
        let high = self.expression(CHOICE)?;
        let high_open = match self.next()? {
            Token::Symbol("]") => false,
            Token::Symbol(")" | "[") => true,
            other => return refuse(format!("unexpected {} after a range", show(&other))),
        };
        Ok(Ast::Range {
            low: Box::new(low),
            high: Box::new(high),
            low_open,
            high_open,
        })
    }

    /// A word in operand position: a literal, a variable (path) or a function.
    fn word(&mut self, word: String) -> Result<Ast, NotExecutable> {
        use Dialect::{Feel, JavaScript, Juel, Python};
        let dialect = self.dialect;
        match (word.as_str(), dialect) {
            ("true", Juel | Feel | JavaScript) | ("True", Python) => return Ok(Ast::Bool(true)),
            ("false", Juel | Feel | JavaScript) | ("False", Python) => return Ok(Ast::Bool(false)),
            ("null", Juel | Feel | JavaScript) | ("None", Python) | ("undefined", JavaScript) => {
                return refuse(format!("a test against no value (`{word}`)"));
            }
            ("not", Feel) if self.peek_is(0, "(") => {
                self.at += 1;
                let negated = self.expression(CHOICE)?;
                self.expect(")")?;
                return Ok(Ast::Not(Box::new(negated)));
            }
            ("date", Feel) if self.peek_is(0, "(") => {
                if let Some(Token::Text(day)) = self.tokens.get(self.at + 1) {
                    if self.peek_is(2, ")") && crate::expr::is_date(day) {
                        let day = day.clone();
                        self.at += 3;
                        return Ok(Ast::Text(day));
                    }
                }
            }
            _ => {}
        }
        let mut path = vec![word];
        while self.peek_is(0, ".") {
            match self.tokens.get(self.at + 1) {
                Some(Token::Word(w)) => path.push(w.clone()),
                _ => break,
            }
            self.at += 2;
        }
        if self.peek_is(0, "(") {
            return refuse(format!("calling `{}()`", path.join(".")));
        }
        variable(path, dialect)
    }

    /// JavaScript's `[..].includes(x)`, the one method in the subset: membership.
    fn method(&mut self, target: Ast) -> Result<Ast, NotExecutable> {
        if !self.peek_is(0, ".") {
            return Ok(target);
        }
        let name = match self.tokens.get(self.at + 1) {
            Some(Token::Word(w)) => w.clone(),
            _ => return refuse("unexpected `.`"),
        };
        let list = matches!(target, Ast::List(_));
        if self.dialect == Dialect::JavaScript && name == "includes" && list && self.peek_is(2, "(")
        {
            self.at += 3;
            let item = self.expression(CHOICE)?;
            self.expect(")")?;
            return Ok(Ast::In(Box::new(item), Box::new(target)));
        }
        refuse(format!("calling `.{name}()`"))
    }
}

/// A variable path as the dialect writes it → a Flowlane variable. JavaScript (bpmn-engine)
/// reads process variables as `environment.variables.x` (also after `this.`); elsewhere a
/// variable is one name, because Flowlane's variables are flat.
fn variable(mut path: Vec<String>, dialect: Dialect) -> Result<Ast, NotExecutable> {
    if dialect == Dialect::JavaScript {
        if path.first().is_some_and(|w| w == "this") {
            path.remove(0);
        }
        if path.len() > 2 && path[0] == "environment" && path[1] == "variables" {
            path.drain(..2);
        } else if path.len() > 1 {
            return refuse(format!(
                "`{}`, which is not a process variable (`environment.variables.x`)",
                path.join(".")
            ));
        }
    }
    match path.as_slice() {
        [name] => Ok(Ast::Var(name.clone())),
        _ => refuse(format!(
            "field access (`{}`): Flowlane variables are flat",
            path.join(".")
        )),
    }
}
