//! Conditions written as Python, the dialect SpiffWorkflow evaluates `conditionExpression`s in.
//! Every operator is parenthesised, so CEL's precedence carries over unchanged.

use super::dialect::{self, Dialect};
use super::{Condition, ExprError};

/// The condition as a Python expression, e.g. `amount > 10000 && !rush` → `(amount > 10000) and
/// (not rush)` (the Python spelling of `dialect::write`).
pub fn to_python(condition: &Condition) -> Result<String, ExprError> {
    dialect::write(condition.source(), Dialect::Python).map_err(|why| ExprError::Unsupported {
        column: 1,
        what: why.0,
    })
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
