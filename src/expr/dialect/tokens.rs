//! The tokens every engine dialect is written in: numbers, quoted text, words and punctuation.
//! One tokenizer (nom combinators) serves JUEL, FEEL, Python and JavaScript; the grammar gives
//! each word and symbol its meaning per dialect.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::{anychar, char as one, digit1, satisfy};
use nom::combinator::{map, opt, recognize};
use nom::error::{Error, ErrorKind};
use nom::sequence::pair;
use nom::IResult;

use super::NotExecutable;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
    /// Digits as written, with an optional fraction: `1000`, `10.5`.
    Number(String),
    /// Quoted text with its escapes resolved.
    Text(String),
    /// A name or keyword: `amount`, `and`, `True`.
    Word(String),
    Symbol(&'static str),
}

/// Longest first, so `===` is not read as `==` followed by `=`.
const SYMBOLS: &[&str] = &[
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "..", "**", "//", "<", ">", "=", "!", "+",
    "-", "*", "/", "%", "(", ")", "[", "]", ",", ".", "?", ":", ";", "{", "}", "$", "#", "&", "|",
];

/// The text as tokens; refuses a character no dialect in the subset uses.
pub(super) fn tokens(text: &str) -> Result<Vec<Token>, NotExecutable> {
    let mut rest = text;
    let mut found = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok(found);
        }
        match token(rest) {
            Ok((after, t)) => {
                found.push(t);
                rest = after;
            }
            Err(_) => {
                let at: String = rest.chars().take(12).collect();
                return Err(NotExecutable(format!("cannot read `{at}`")));
            }
        }
    }
}

fn token(input: &str) -> IResult<&str, Token> {
    alt((number, text('"'), text('\''), word, symbol))(input)
}

fn number(input: &str) -> IResult<&str, Token> {
    let digits = recognize(pair(digit1, opt(pair(one('.'), digit1))));
    map(digits, |d: &str| Token::Number(d.to_string()))(input)
}

fn word(input: &str) -> IResult<&str, Token> {
    let start = satisfy(|c| c.is_alphabetic() || c == '_');
    let more = take_while(|c: char| c.is_alphanumeric() || c == '_');
    map(recognize(pair(start, more)), |w: &str| {
        Token::Word(w.to_string())
    })(input)
}

/// Text between `quote`s; a backslash escapes the next character (`\n`, `\t`, `\"`, `\\`).
fn text(quote: char) -> impl Fn(&str) -> IResult<&str, Token> {
    move |input| {
        let (mut rest, _) = one(quote)(input)?;
        let mut content = String::new();
        loop {
            let (after, c) = anychar(rest)?;
            rest = after;
            match c {
                c if c == quote => return Ok((rest, Token::Text(content))),
                '\\' => {
                    let (after, escaped) = anychar(rest)?;
                    rest = after;
                    content.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        other => other,
                    });
                }
                c => content.push(c),
            }
        }
    }
}

fn symbol(input: &str) -> IResult<&str, Token> {
    for s in SYMBOLS {
        if let Ok((rest, _)) = tag::<_, _, Error<&str>>(*s)(input) {
            return Ok((rest, Token::Symbol(s)));
        }
    }
    Err(nom::Err::Error(Error::new(input, ErrorKind::Tag)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_kind_of_token() {
        use Token::*;
        assert_eq!(
            tokens("amount >= 10.5 && x === 'a\\'b'").unwrap(),
            vec![
                Word("amount".into()),
                Symbol(">="),
                Number("10.5".into()),
                Symbol("&&"),
                Word("x".into()),
                Symbol("==="),
                Text("a'b".into()),
            ]
        );
        assert_eq!(
            tokens("[1..5]").unwrap(),
            vec![
                Symbol("["),
                Number("1".into()),
                Symbol(".."),
                Number("5".into()),
                Symbol("]"),
            ]
        );
        assert!(tokens("a @ b").is_err());
        assert!(tokens("\"open").is_err());
    }
}
