//! Reads definitions saved under an older schema. Stored versions are never rewritten (their
//! hashes are of the bytes as saved); they are brought up to date each time they are read.

use serde_json::{json, Value};

use super::{to_iso, Duration, SCHEMA_VERSION};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the schema {schema} definition cannot be brought up to date: {reason}")]
pub struct MigrateError {
    pub schema: u64,
    pub reason: String,
}

/// Rewrites `definition` (JSON of schema `definition.schema`) to the current schema in place.
pub fn migrate(definition: &mut Value) -> Result<(), MigrateError> {
    let schema = definition
        .get("schema")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if schema == 1 {
        timers_become_events(definition).map_err(|reason| MigrateError { schema, reason })?;
    }
    if schema == 1 || schema == 2 {
        data_moves_to_variables(definition).map_err(|reason| MigrateError { schema, reason })?;
        definition["schema"] = json!(SCHEMA_VERSION);
    }
    Ok(())
}

/// Schemas 1 and 2 kept generated data apart from the variables, by name, in
/// `info.simulation.data`. In schema 3 each generator sits on its variable; one for a variable
/// the process never declared declares it (typed by the generator), so nothing is lost.
fn data_moves_to_variables(definition: &mut Value) -> Result<(), String> {
    let Some(info) = definition.get_mut("info").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    let data = match info.get_mut("simulation").and_then(Value::as_object_mut) {
        Some(simulation) => simulation.remove("data"),
        None => None,
    };
    if info
        .get("simulation")
        .and_then(Value::as_object)
        .is_some_and(|s| s.is_empty())
    {
        info.remove("simulation");
    }
    let Some(data) = data else {
        return Ok(());
    };
    let Value::Object(data) = data else {
        return Err("`info.simulation.data` is not an object of generators".into());
    };
    let variables = info
        .entry("variables")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .ok_or("`info.variables` is not a list")?;
    for (name, generator) in data {
        let declared = variables
            .iter_mut()
            .find(|v| v.get("name").and_then(Value::as_str) == Some(name.as_str()));
        match declared {
            Some(variable) => variable["generated"] = generator,
            None => {
                let var_type = match generator.get("type").and_then(Value::as_str) {
                    Some("number") => "number",
                    Some("boolean") => "boolean",
                    _ => "text",
                };
                variables.push(json!({ "name": name, "type": var_type, "generated": generator }));
            }
        }
    }
    Ok(())
}

/// Schema 1 had one kind of event beyond start and end: `{"type": "timer", "wait": "30d"}`. In
/// schema 2 it is an intermediate catch event whose trigger is an ISO 8601 duration.
fn timers_become_events(definition: &mut Value) -> Result<(), String> {
    let Some(nodes) = definition.get_mut("nodes").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for node in nodes {
        let Some(kind) = node.get_mut("kind") else {
            continue;
        };
        if kind.get("type").and_then(Value::as_str) != Some("timer") {
            continue;
        }
        let wait = kind.get("wait").and_then(Value::as_str).unwrap_or_default();
        let wait: Duration = wait.parse().map_err(|e| format!("{e}"))?;
        *kind = json!({
            "type": "catch",
            "trigger": { "on": "timer", "timer": { "duration": to_iso(wait) } }
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_1_timer_becomes_a_timer_catch_event() {
        let mut old = json!({
            "schema": 1,
            "nodes": [
                { "id": "a", "kind": { "type": "timer", "wait": "30d" } },
                { "id": "b", "kind": { "type": "start" } }
            ]
        });
        migrate(&mut old).unwrap();
        assert_eq!(old["schema"], json!(SCHEMA_VERSION));
        assert_eq!(
            old["nodes"][0]["kind"],
            json!({"type": "catch", "trigger": {"on": "timer", "timer": {"duration": "P30D"}}})
        );
        assert_eq!(old["nodes"][1]["kind"], json!({"type": "start"}));
    }

    #[test]
    fn schema_2_data_generators_move_onto_their_variables() {
        let amount =
            json!({"type": "number", "sample": {"distribution": "fixed", "value": 7000.0}});
        let urgent = json!({"type": "boolean", "probability": 0.25});
        let mut old = json!({
            "schema": 2,
            "info": {
                "variables": [{"name": "amount", "type": "number"}],
                "simulation": {"data": {"amount": amount, "urgent": urgent}}
            }
        });
        migrate(&mut old).unwrap();
        assert_eq!(old["schema"], json!(SCHEMA_VERSION));
        assert_eq!(
            old["info"]["variables"],
            json!([
                {"name": "amount", "type": "number", "generated": amount},
                {"name": "urgent", "type": "boolean", "generated": urgent}
            ])
        );
        assert!(old["info"].get("simulation").is_none(), "{old}");
    }

    #[test]
    fn schema_2_arrivals_stay_where_they_were() {
        let arrivals = json!({"pattern": "poisson", "per_hour": 2.0});
        let mut old = json!({
            "schema": 2,
            "info": {"simulation": {"arrivals": arrivals, "data": {}}}
        });
        migrate(&mut old).unwrap();
        assert_eq!(old["info"]["simulation"], json!({ "arrivals": arrivals }));
    }

    #[test]
    fn a_broken_wait_is_refused_with_the_reason() {
        let mut old = json!({"schema": 1, "nodes": [{"kind": {"type": "timer", "wait": "soon"}}]});
        let err = migrate(&mut old).unwrap_err();
        assert!(
            err.to_string().contains("`soon` is not a duration"),
            "{err}"
        );
    }
}
