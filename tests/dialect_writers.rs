//! Flowlane CEL → each engine's dialect, on export for an engine: one table of conditions with
//! data. Each condition, written in a dialect and read back by that dialect's import parser,
//! is the same condition (same tree, written canonically) and gives the same value on the data.

use flowlane::expr::dialect::{translate, write, Dialect};
use flowlane::expr::{evaluate, parse};
use serde_json::{json, Map, Value};

const DIALECTS: [Dialect; 4] = [
    Dialect::Python,
    Dialect::Juel,
    Dialect::Feel,
    Dialect::JavaScript,
];

/// (CEL, data): every row within the subset all four dialects share.
fn rows() -> Vec<(&'static str, Value)> {
    vec![
        ("amount > 1000", json!({"amount": 7000})),
        ("amount > 1000", json!({"amount": 10})),
        (
            "approved == true && !urgent",
            json!({"approved": true, "urgent": false}),
        ),
        (
            "approved || amount <= 10.5",
            json!({"approved": false, "amount": 10.5}),
        ),
        ("(a + b) * 2 >= c - 1", json!({"a": 1, "b": 2, "c": 7})),
        ("-a / 2 < 0", json!({"a": 3})),
        (
            "region != \"EU\" && name == \"say \\\"hi\\\"\"",
            json!({"region": "US", "name": "say \"hi\""}),
        ),
        (
            "department in [\"IT\", \"HR\"]",
            json!({"department": "HR"}),
        ),
        ("department in [\"IT\"]", json!({"department": "Sales"})),
        ("start >= \"2026-03-01\"", json!({"start": "2026-04-01"})),
        ("!(a > 1 || b)", json!({"a": 0, "b": false})),
    ]
}

/// A condition written in one fixed spelling (Python's: every operator parenthesised), so two
/// texts of the same tree compare equal.
fn canonical(cel: &str) -> String {
    write(cel, Dialect::Python).unwrap_or_else(|e| panic!("{cel}: {e}"))
}

fn value(cel: &str, data: &Value) -> bool {
    let data: Map<String, Value> = data.as_object().cloned().unwrap_or_default();
    evaluate(&parse(cel).unwrap(), &data, &[]).unwrap_or_else(|e| panic!("{cel}: {e}"))
}

#[test]
fn each_dialect_reads_back_the_condition_it_was_written_as() {
    for dialect in DIALECTS {
        for (cel, data) in rows() {
            let written = write(cel, dialect).unwrap_or_else(|e| panic!("{dialect:?} {cel}: {e}"));
            let back = translate(&written, dialect)
                .unwrap_or_else(|e| panic!("{dialect:?} {cel} → {written}: {e}"));
            // JUEL has no membership test: it is written as a chain of `==`.
            let membership = dialect == Dialect::Juel && cel.contains(" in ");
            if !membership {
                assert_eq!(canonical(&back), canonical(cel), "{dialect:?}: {written}");
            }
            assert_eq!(
                value(&back, &data),
                value(cel, &data),
                "{dialect:?}: {cel} → {written} → {back} on {data}"
            );
        }
    }
}

#[test]
fn each_dialect_is_written_the_way_its_engine_reads_it() {
    let cel = "amount > 1000 && !urgent";
    let expected = [
        (Dialect::Python, "(amount > 1000) and (not urgent)"),
        (Dialect::Juel, "${(amount > 1000) && !urgent}"),
        (Dialect::Feel, "=(amount > 1000) and not(urgent)"),
        (
            Dialect::JavaScript,
            "next(null, (environment.variables.amount > 1000) && !environment.variables.urgent);",
        ),
        (Dialect::Cel, cel),
    ];
    for (dialect, text) in expected {
        assert_eq!(write(cel, dialect).unwrap(), text, "{dialect:?}");
    }
    let member = "region in [\"EU\", \"UK\"]";
    assert_eq!(
        write(member, Dialect::Juel).unwrap(),
        "${region == \"EU\" || region == \"UK\"}"
    );
    assert_eq!(
        write(member, Dialect::Feel).unwrap(),
        "=region in [\"EU\", \"UK\"]"
    );
    assert_eq!(
        write(member, Dialect::JavaScript).unwrap(),
        "next(null, [\"EU\", \"UK\"].includes(environment.variables.region));"
    );
    assert_eq!(
        write("a == 2.0 && b != \"x\"", Dialect::JavaScript).unwrap(),
        "next(null, (environment.variables.a === 2) && (environment.variables.b !== \"x\"));"
    );
}

#[test]
fn what_a_dialect_cannot_say_is_refused_with_the_reason() {
    let choice = write("big ? amount > 1 : false", Dialect::Feel).unwrap_err();
    assert!(choice.0.contains("FEEL cannot express"), "{choice}");
    assert_eq!(
        write("big ? amount > 1 : false", Dialect::Juel).unwrap(),
        "${big ? (amount > 1) : false}"
    );
    assert!(write("amount >", Dialect::Juel).is_err());
}
