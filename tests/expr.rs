//! Conditions: parse errors with columns, static types against declared variables, evaluation.

use flowlane::expr::{self, Constant, ExprError};

use serde_json::{json, Map, Value};

mod support;

use support::declared;

fn data(value: Value) -> Map<String, Value> {
    value.as_object().cloned().expect("an object")
}

#[test]
fn syntax_errors_name_the_column_in_plain_words() {
    let table = [
        ("amount >", 9, "the condition ends too early"),
        ("amount > > 2", 10, "unexpected `>`"),
        ("amount = 3", 8, "`=` is not a comparison: write `==`"),
        ("(approved", 10, "`)` is missing at the end"),
    ];
    for (text, column, message) in table {
        match expr::parse(text) {
            Err(ExprError::Syntax {
                column: c,
                message: m,
            }) => {
                assert_eq!((c, m.as_str()), (column, message), "{text}")
            }
            other => panic!("{text}: expected a syntax error, got {other:?}"),
        }
    }
    assert_eq!(expr::parse("  ").unwrap_err(), ExprError::Empty);
}

#[test]
fn variables_and_constants_are_listed() {
    let c = expr::parse("amount > 10000 && department in ['IT', 'HR'] || !approved").unwrap();
    let names: Vec<String> = expr::variables(&c).into_iter().collect();
    assert_eq!(names, ["amount", "approved", "department"]);
    assert_eq!(
        expr::constants(&c),
        vec![
            Constant::Number(10000.0),
            Constant::Text("IT".into()),
            Constant::Text("HR".into())
        ]
    );
    assert_eq!(
        c.source(),
        "amount > 10000 && department in ['IT', 'HR'] || !approved"
    );
}

#[test]
fn static_check_accepts_well_typed_conditions() {
    let good = [
        "amount > 10000",
        "amount >= 500.5 && amount * 2 < 1e6",
        "approved == true",
        "!approved || amount == 0",
        "department == \"IT\"",
        "department.startsWith('Fin') && department.contains('an')",
        "department in ['IT', 'HR']",
        "start_date >= '2026-03-01'",
        "(amount > 10 ? department : 'none') == 'IT'",
        "department + '-x' == 'IT-x'",
        "-amount < 0",
    ];
    for text in good {
        let c = expr::parse(text).unwrap();
        assert_eq!(expr::check(&c, &declared()), Ok(()), "{text}");
    }
}

#[test]
fn static_check_refuses_with_the_reason_and_column() {
    let table: [(&str, &str); 12] = [
        ("amont > 10", "column 1: `amont` is not a declared variable"),
        ("amount > 'x'", "column 8: `>` compares a number with text"),
        (
            "approved == 1",
            "column 10: `==` compares true or false with a number",
        ),
        (
            "amount + 1",
            "column 8: a condition must be true or false, but this one gives a number",
        ),
        (
            "approved && amount",
            "column 13: `&&` needs true or false, not a number",
        ),
        (
            "start_date > 'soon'",
            "column 12: `>` compares a date with text (write dates as \"YYYY-MM-DD\")",
        ),
        (
            "start_date > 3",
            "column 12: `>` compares a date with a number (write dates as \"YYYY-MM-DD\")",
        ),
        (
            "approved > false",
            "column 10: `>` orders numbers, text or dates, not true or false",
        ),
        (
            "size(department) > 2",
            "column 5: `size()` is not supported in conditions",
        ),
        (
            "amount % 2 == 0",
            "column 8: `%` is not supported in conditions",
        ),
        (
            "approved == null",
            "column 13: `null` is not supported in conditions",
        ),
        (
            "amount in ['a']",
            "column 8: `in` compares a number with text",
        ),
    ];
    for (text, message) in table {
        let c = expr::parse(text).unwrap();
        let err = expr::check(&c, &declared()).unwrap_err();
        assert_eq!(err.to_string(), message, "{text}");
        assert!(err.column().is_some());
    }
}

#[test]
fn evaluates_over_instance_data() {
    let instance = data(json!({
        "amount": 12000, "approved": true, "department": "IT", "start_date": "2026-03-01"
    }));
    let table = [
        ("amount > 10000", true),
        ("amount > 10000.5", true),
        ("amount * 2 > 30000", false),
        ("amount / 3 == 4000", true),
        ("approved == true", true),
        ("!approved", false),
        ("department in ['HR', 'IT']", true),
        ("department.endsWith('T')", true),
        (
            "start_date >= '2026-03-01' && start_date < '2026-12-31'",
            true,
        ),
        ("start_date < '2026-02-28'", false),
    ];
    for (text, expected) in table {
        let c = expr::parse(text).unwrap();
        assert_eq!(
            expr::evaluate(&c, &instance, &declared()),
            Ok(expected),
            "{text}"
        );
    }
}

#[test]
fn evaluation_errors_are_clear() {
    let c = expr::parse("amount > 10000").unwrap();
    assert_eq!(
        expr::evaluate(&c, &data(json!({})), &declared()).unwrap_err(),
        ExprError::MissingValue {
            name: "amount".into()
        }
    );
    let err = expr::evaluate(&c, &data(json!({"amount": "lots"})), &declared()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`amount` should be a number, but the instance data holds the text \"lots\""
    );
    let d = expr::parse("start_date > '2026-01-01'").unwrap();
    let err = expr::evaluate(&d, &data(json!({"start_date": "next week"})), &declared());
    assert!(err
        .unwrap_err()
        .to_string()
        .contains("should be a date written YYYY-MM-DD"),);
    // Undeclared variables take the type of their value, and are still type-checked.
    let u = expr::parse("priority > 2").unwrap();
    assert_eq!(
        expr::evaluate(&u, &data(json!({"priority": 3})), &[]),
        Ok(true)
    );
    let err = expr::evaluate(&u, &data(json!({"priority": "high"})), &[]).unwrap_err();
    assert!(matches!(err, ExprError::Type { column: 10, .. }), "{err}");
}

#[test]
fn a_list_variable_holds_text_items_that_in_reads() {
    let mut variables = declared();
    variables.push(flowlane::model::Variable::new(
        "reviewers",
        flowlane::model::VarType::List,
    ));
    let ok = |text: &str| expr::check(&expr::parse(text).unwrap(), &variables);
    for good in ["'ann' in reviewers", "department in reviewers"] {
        assert_eq!(ok(good), Ok(()), "{good}");
    }
    for (bad, says) in [
        ("reviewers > 1", "`>` compares a list with a number"),
        ("1 in reviewers", "`in` compares a number with text"),
    ] {
        match ok(bad) {
            Err(ExprError::Type { message, .. }) => assert_eq!(message, says, "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    let run = |text: &str, value: Value| {
        expr::evaluate(
            &expr::parse(text).unwrap(),
            &data(json!({ "reviewers": value })),
            &variables,
        )
    };
    assert_eq!(run("'ann' in reviewers", json!(["ann", "bob"])), Ok(true));
    assert_eq!(run("'cy' in reviewers", json!(["ann", "bob"])), Ok(false));
    assert_eq!(run("'cy' in reviewers", json!([])), Ok(false));
    let wrong = run("'ann' in reviewers", json!([1, 2])).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "`reviewers` should be a list, but the instance data holds a list with items other than text"
    );
}
