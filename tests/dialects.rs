//! Engine condition dialects → CEL: one table per dialect of (source, CEL, data, value), where
//! each translation must read as written and give on the data what the engine gives; one table
//! per dialect of conditions outside the subset and the reason given; detection; inference.

use flowlane::expr::dialect::{
    declare_variables, detect, engines, import_condition, infer_variables, translate, Dialect,
    Engine, ImportedCondition, NotExecutable,
};
use flowlane::expr::{self};
use flowlane::model::{Flow, Id, Process, VarType, Variable};
use serde_json::{Map, Value};

/// (source, expected CEL, instance data, value the engine gives on it).
type Row = (&'static str, &'static str, &'static str, bool);

#[rustfmt::skip]
const JUEL: &[Row] = &[
    ("${approved}", "approved", r#"{"approved": true}"#, true),
    ("#{amount > 1000 && !urgent}", "(amount > 1000) && !urgent", r#"{"amount": 1500, "urgent": false}"#, true),
    ("${amount gt 1000 and not urgent}", "(amount > 1000) && !urgent", r#"{"amount": 500, "urgent": false}"#, false),
    ("${status == 'open'}", "status == \"open\"", r#"{"status": "open"}"#, true),
    ("${status eq \"closed\" or priority ge 3}", "(status == \"closed\") || (priority >= 3)", r#"{"status": "open", "priority": 3}"#, true),
    ("${amount * 2 div 4 lt 100}", "((amount * 2) / 4) < 100", r#"{"amount": 150}"#, true),
    ("${a ne b}", "a != b", r#"{"a": "x", "b": "x"}"#, false),
    ("${!(x le 5)}", "!(x <= 5)", r#"{"x": 6}"#, true),
    ("${urgent ? amount > 10 : amount > 100}", "urgent ? (amount > 10) : (amount > 100)", r#"{"urgent": false, "amount": 50}"#, false),
    ("${-amount < -10.5}", "-amount < -10.5", r#"{"amount": 20}"#, true),
    ("  ${ approved == true }  ", "approved == true", r#"{"approved": false}"#, false),
    ("${a || b && c}", "a || (b && c)", r#"{"a": false, "b": true, "c": false}"#, false),
];

#[rustfmt::skip]
const JUEL_REFUSED: &[(&str, &str)] = &[
    ("${empty comments}", "`empty`"),
    ("${order.amount > 10}", "field access (`order.amount`)"),
    ("${amount % 2 == 0}", "remainder"),
    ("${amount mod 2 == 0}", "remainder"),
    ("${a} and ${b}", "several `${…}`"),
    ("approved ${x}", "outside `${…}`"),
    ("${execution.getVariable(\"x\")}", "calling `execution.getVariable()`"),
    ("${x == null}", "no value (`null`)"),
    ("${a < b < c}", "chained comparison"),
];

#[rustfmt::skip]
const FEEL: &[Row] = &[
    ("=amount > 1000", "amount > 1000", r#"{"amount": 1001}"#, true),
    ("= approved", "approved", r#"{"approved": true}"#, true),
    ("=approved = true", "approved == true", r#"{"approved": false}"#, false),
    ("=status = \"open\" and priority >= 2", "(status == \"open\") && (priority >= 2)", r#"{"status": "open", "priority": 1}"#, false),
    ("=not(urgent)", "!urgent", r#"{"urgent": false}"#, true),
    ("= not(amount > 10 or urgent)", "!((amount > 10) || urgent)", r#"{"amount": 5, "urgent": false}"#, true),
    ("=department in [\"IT\", \"HR\"]", "department in [\"IT\", \"HR\"]", r#"{"department": "HR"}"#, true),
    ("=amount in [1..10]", "amount >= 1 && amount <= 10", r#"{"amount": 10}"#, true),
    ("=amount in (1..10)", "amount > 1 && amount < 10", r#"{"amount": 10}"#, false),
    ("=amount in ]1..10]", "amount > 1 && amount <= 10", r#"{"amount": 1}"#, false),
    ("=due < date(\"2026-03-01\")", "due < \"2026-03-01\"", r#"{"due": "2026-02-28"}"#, true),
    ("=a != b", "a != b", r#"{"a": 1, "b": 2}"#, true),
    ("=(amount + 10) * 2 > 100", "((amount + 10) * 2) > 100", r#"{"amount": 41}"#, true),
];

#[rustfmt::skip]
const FEEL_REFUSED: &[(&str, &str)] = &[
    ("=x = null", "no value (`null`)"),
    ("=order.amount > 10", "field access"),
    ("=count(items) > 2", "calling `count()`"),
    ("=x between 1 and 5", "`between`"),
    ("= some risk in riskLevels satisfies risk = \"red\"", "FEEL's `some` expression"),
    ("Vacation Approval = \"Approved\"", "a name with spaces (`Vacation Approval`)"),
    ("=amount in > 5", "unexpected `>`"),
    ("=amount in items", "membership in something other than a written list"),
];

#[rustfmt::skip]
const PYTHON: &[Row] = &[
    ("regulated == True and amount > 10", "(regulated == true) && (amount > 10)", r#"{"regulated": true, "amount": 11}"#, true),
    ("approved", "approved", r#"{"approved": false}"#, false),
    ("not rush", "!rush", r#"{"rush": false}"#, true),
    ("not amount > 10", "!(amount > 10)", r#"{"amount": 5}"#, true),
    ("department in ['IT', 'HR']", "department in [\"IT\", \"HR\"]", r#"{"department": "Sales"}"#, false),
    ("department not in ('IT', 'HR')", "!(department in [\"IT\", \"HR\"])", r#"{"department": "Sales"}"#, true),
    ("amount >= 10.5 or vip == False", "(amount >= 10.5) || (vip == false)", r#"{"amount": 3, "vip": false}"#, true),
    ("(a + b) / 2 > 3", "((a + b) / 2) > 3", r#"{"a": 3, "b": 4}"#, true),
    ("name == \"Ann\" and not vip", "(name == \"Ann\") && !vip", r#"{"name": "Ann", "vip": true}"#, false),
    ("a or b and c", "a || (b && c)", r#"{"a": false, "b": true, "c": true}"#, true),
];

#[rustfmt::skip]
const PYTHON_REFUSED: &[(&str, &str)] = &[
    ("x != None", "no value (`None`)"),
    ("a if b else c", "conditional expression"),
    ("amount % 2 == 0", "remainder"),
    ("x is True", "identity tests"),
    ("len(items) > 2", "calling `len()`"),
    ("order.amount > 1", "field access"),
    ("amount // 2 > 1", "whole-number division"),
    ("1 < x < 5", "chained comparison"),
    ("amount ** 2 > 4", "powers"),
    ("true", "reserved word"),
];

#[rustfmt::skip]
const JAVASCRIPT: &[Row] = &[
    ("environment.variables.amount > 1000 && this.environment.variables.x === 'y'", "(amount > 1000) && (x == \"y\")", r#"{"amount": 2000, "x": "y"}"#, true),
    ("this.environment.variables.approved", "approved", r#"{"approved": true}"#, true),
    ("!environment.variables.rush", "!rush", r#"{"rush": true}"#, false),
    ("environment.variables.a !== environment.variables.b", "a != b", r#"{"a": "p", "b": "q"}"#, true),
    ("next(null, environment.variables.amount > 10);", "amount > 10", r#"{"amount": 10}"#, false),
    ("[\"IT\", \"HR\"].includes(environment.variables.department)", "department in [\"IT\", \"HR\"]", r#"{"department": "IT"}"#, true),
    ("amount == 5", "amount == 5", r#"{"amount": 5}"#, true),
    ("a > 1 ? b : c", "(a > 1) ? b : c", r#"{"a": 0, "b": true, "c": false}"#, false),
    ("(amount - 10) * 3 >= 30", "((amount - 10) * 3) >= 30", r#"{"amount": 20}"#, true),
    ("x || y && z", "x || (y && z)", r#"{"x": false, "y": true, "z": true}"#, true),
];

#[rustfmt::skip]
const JAVASCRIPT_REFUSED: &[(&str, &str)] = &[
    ("environment.services.check()", "calling `environment.services.check()`"),
    ("content.output.x > 1", "not a process variable"),
    ("environment.variables.x === null", "no value (`null`)"),
    ("x === undefined", "no value (`undefined`)"),
    ("amount % 2 === 0", "remainder"),
    ("x instanceof Y", "`instanceof`"),
    ("typeof x === 'string'", "unexpected `x`"),
    ("a < b < c", "chained comparison"),
    ("s.startsWith('a')", "calling `s.startsWith()`"),
];

/// (text, language attribute, engines of the file, dialect or none when refused).
type Detection = (
    &'static str,
    Option<&'static str>,
    &'static [Engine],
    Option<Dialect>,
);

fn data(json: &str) -> Map<String, Value> {
    serde_json::from_str(json).expect("test data is a JSON object")
}

/// Translates each row, checks the CEL text, and evaluates it on the row's data.
fn check(dialect: Dialect, rows: &[Row], refused: &[(&str, &str)]) {
    assert!(
        rows.len() + refused.len() >= 15,
        "at least 15 cases per dialect"
    );
    for (source, cel, json, value) in rows {
        let translated = translate(source, dialect)
            .unwrap_or_else(|e| panic!("{} `{source}` should translate: {e}", dialect.name()));
        assert_eq!(&translated, cel, "{} `{source}`", dialect.name());
        let condition = expr::parse(&translated).expect("the translation parses");
        assert_eq!(
            expr::evaluate(&condition, &data(json), &[]),
            Ok(*value),
            "{} `{source}` → `{translated}` on {json}",
            dialect.name()
        );
    }
    for (source, reason) in refused {
        match translate(source, dialect) {
            Err(NotExecutable(why)) => assert!(
                why.contains(reason),
                "{} `{source}`: reason `{why}` should mention `{reason}`",
                dialect.name()
            ),
            Ok(cel) => panic!(
                "{} `{source}` should be refused, became `{cel}`",
                dialect.name()
            ),
        }
    }
}

#[test]
fn juel_translates_and_evaluates_the_same() {
    check(Dialect::Juel, JUEL, JUEL_REFUSED);
}

#[test]
fn feel_translates_and_evaluates_the_same() {
    check(Dialect::Feel, FEEL, FEEL_REFUSED);
}

#[test]
fn python_translates_and_evaluates_the_same() {
    check(Dialect::Python, PYTHON, PYTHON_REFUSED);
}

#[test]
fn javascript_translates_and_evaluates_the_same() {
    check(Dialect::JavaScript, JAVASCRIPT, JAVASCRIPT_REFUSED);
}

#[test]
fn detects_the_dialect_from_language_shape_and_engine() {
    const SPIFF: &[Engine] = &[Engine::SpiffWorkflow];
    let cases: &[Detection] = &[
        ("${approved}", None, &[], Some(Dialect::Juel)),
        ("#{approved}", None, &[], Some(Dialect::Juel)),
        ("=amount > 1", None, &[], Some(Dialect::Feel)),
        ("regulated == True", None, &[], Some(Dialect::Python)),
        ("a > 1 and b", None, &[], Some(Dialect::Python)),
        ("a > 1", None, SPIFF, Some(Dialect::Python)),
        ("x === 1", None, &[], Some(Dialect::JavaScript)),
        (
            "environment.variables.x",
            None,
            &[],
            Some(Dialect::JavaScript),
        ),
        ("a > 1", None, &[], Some(Dialect::Cel)),
        ("a > 1", Some("javascript"), &[], Some(Dialect::JavaScript)),
        ("${a}", Some("JavaScript"), &[], Some(Dialect::JavaScript)),
        ("a > 1", Some("python"), &[], Some(Dialect::Python)),
        (
            "a",
            Some("https://www.omg.org/spec/DMN/20240513/FEEL/"),
            &[],
            Some(Dialect::Feel),
        ),
        ("a", Some("juel"), &[], Some(Dialect::Juel)),
        ("true", Some("http://www.w3.org/1999/XPath"), &[], None),
        ("a > 1", Some("groovy"), &[], None),
    ];
    for (text, language, engines, expected) in cases {
        assert_eq!(
            detect(text, *language, engines).ok(),
            *expected,
            "`{text}` in {language:?}"
        );
    }
    assert_eq!(
        engines([
            "http://camunda.org/schema/1.0/bpmn",
            "http://camunda.org/schema/zeebe/1.0",
            "http://flowable.org/bpmn",
            "http://activiti.org/bpmn",
            "http://spiffworkflow.org/bpmn/schema/1.0/core",
            "http://www.omg.org/spec/BPMN/20100524/MODEL",
        ]),
        vec![
            Engine::Camunda7,
            Engine::Camunda8,
            Engine::Flowable,
            Engine::Activiti,
            Engine::SpiffWorkflow
        ]
    );
}

#[test]
fn infers_variable_types_from_their_use() {
    let inferred = infer_variables([
        "amount > 1000 && !urgent",
        "status == \"open\"",
        "due >= \"2026-03-01\"",
        "approved == true",
        "code in [1, 2]",
        "a == b",
        "b > 3",
        "(total + 5) > 1",
        "ready",
        "name.startsWith(\"A\")",
        "amount >",
    ]);
    let expected = [
        ("a", VarType::Number),
        ("amount", VarType::Number),
        ("approved", VarType::Boolean),
        ("b", VarType::Number),
        ("code", VarType::Number),
        ("due", VarType::Date),
        ("name", VarType::Text),
        ("ready", VarType::Boolean),
        ("status", VarType::Text),
        ("total", VarType::Number),
        ("urgent", VarType::Boolean),
    ];
    let found: Vec<(&str, VarType)> = inferred.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    assert_eq!(found, expected);
}

#[test]
fn import_condition_gives_cel_or_the_text_and_why() {
    let imported = |text: &str, language: Option<&str>| import_condition(text, language, &[]);
    let cel = |cel: &str, kept: &str| ImportedCondition {
        cel: Some(cel.into()),
        kept: kept.into(),
        reason: None,
    };
    assert_eq!(
        imported("${approved}", None),
        cel("approved", "${approved}")
    );
    assert_eq!(
        imported("amount > 10", None),
        cel("amount > 10", "amount > 10")
    );
    assert_eq!(
        imported("${empty note}", None),
        ImportedCondition {
            cel: None,
            kept: "${empty note}".into(),
            reason: Some("JUEL's `empty` test (JUEL)".into()),
        }
    );
    // Not an engine's dialect and not readable CEL either: kept, and `validate` says why.
    assert_eq!(
        imported("Manual Validation Required", None),
        ImportedCondition {
            cel: None,
            kept: "Manual Validation Required".into(),
            reason: None,
        }
    );
    assert_eq!(
        imported("count(x)", Some("groovy")).reason.as_deref(),
        Some("the expression language `groovy`")
    );
}

#[test]
fn declares_only_what_the_process_does_not_and_keeps_variables_sorted() {
    let mut process = Process::new(Id::from_u128(1), "Claims");
    process.info.variables.push(Variable {
        name: "amount".into(),
        var_type: VarType::Text,
        description: "as the owner declared it".into(),
        generated: None,
    });
    let mut flow = Flow::between(Id::from_u128(2), Id::from_u128(3), Id::from_u128(4));
    flow.condition = Some("amount > 10 && urgent && code == \"A\"".into());
    process.flows.push(flow);
    assert_eq!(declare_variables(&mut process), ["code", "urgent"]);
    let declared: Vec<(&str, VarType)> = process
        .info
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.var_type))
        .collect();
    assert_eq!(
        declared,
        [
            ("amount", VarType::Text),
            ("code", VarType::Text),
            ("urgent", VarType::Boolean)
        ]
    );
    assert_eq!(declare_variables(&mut process), Vec::<String>::new());
}
