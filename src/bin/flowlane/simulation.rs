//! `simulate` and `scenario`: running instances from the terminal and replaying trainer scenarios.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use flowlane::describe::{one_line, Names};
use flowlane::model::{Flow, Id, NodeKind, Process};
use flowlane::simulate::{
    self, compare, render_log, replay, Instance, LogFormat, RunLog, Scenario, Status,
};
use flowlane::store::Library;
use serde_json::{Map, Value as Json};

use crate::args::LogStyle;
use crate::failure::{bad_input, Failure};

/// Steps an automatic run may take before it is called a loop the data never leaves.
const STEP_LIMIT: u32 = 1000;

pub struct SimulateRequest {
    pub process: String,
    pub data: String,
    pub version: Option<u32>,
    pub start: DateTime<Utc>,
    pub choose: Vec<(String, Vec<String>)>,
    pub log: LogStyle,
}

/// Runs one instance to its end (or to where it stops) and prints the log; returns the exit
/// status: 0 ended, 1 stopped early.
pub fn simulate(
    library: &Library,
    request: SimulateRequest,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let id = library.find(&request.process)?.id;
    let (_, definition) = library.load(id, request.version)?;
    let data: Map<String, Json> = match serde_json::from_str(&request.data) {
        Ok(Json::Object(map)) => map,
        Ok(_) => return Err(bad_input(anyhow!("--data must be a JSON object"))),
        Err(e) => return Err(bad_input(anyhow!("--data is not JSON: {e}"))),
    };
    let choices = resolve_choices(&definition, &request.choose)?;
    let instance = simulate::start(definition, data, request.start, library)
        .map_err(|e| bad_input(e.into()))?;
    let run = simulate::run(instance, &choices, STEP_LIMIT);
    write_log(&run.instance, request.log, out)?;
    if request.log == LogStyle::Text {
        writeln!(out, "{}", summary(&run.instance, &run.stop))?;
    }
    Ok(match run.stop {
        simulate::Stop::Ended => 0,
        _ => 1,
    })
}

pub fn list_scenarios(
    library: &Library,
    process: Option<String>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let process = match process {
        Some(query) => Some(library.find(&query)?.id),
        None => None,
    };
    let names: BTreeMap<Id, String> = library
        .processes()?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    for s in library.scenarios(process)? {
        let name = names.get(&s.process).map_or("?", String::as_str);
        writeln!(
            out,
            "{:<44} {name} v{}, {} steps",
            s.name, s.version, s.steps
        )?;
    }
    Ok(())
}

/// Replays a scenario with its notes; when the process has a newer version, replays against it
/// too and names the first step that goes another way.
pub fn run_scenario(
    library: &Library,
    name: &str,
    style: LogStyle,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let scenario = library.load_scenario(name)?;
    let (_, recorded) = library.load(scenario.process, Some(scenario.version))?;
    let (latest, newest) = library.load(scenario.process, None)?;
    let replayed = replay(&scenario, recorded.clone(), library)?;
    let Some(last) = replayed.states.last() else {
        return Err(anyhow!("scenario \"{name}\" has no state").into());
    };
    match style {
        LogStyle::Text => write_with_notes(&scenario, last, out)?,
        other => write_log(last, other, out)?,
    }
    let mut status = u8::from(!matches!(last.status, Status::Ended { .. }));
    if let Some(d) = &replayed.divergence {
        writeln!(
            out,
            "the recording cannot be replayed at step {}: recorded {}; found {}",
            d.step, d.recorded, d.found
        )?;
        status = 1;
    }
    if style == LogStyle::Text && latest.number > scenario.version {
        let newer = compare(&scenario, recorded, newest, library)?;
        match newer {
            None => writeln!(out, "v{} follows the same path", latest.number)?,
            Some(d) => writeln!(
                out,
                "v{} differs first at step {}: recorded {}; v{} {}",
                latest.number, d.step, d.recorded, latest.number, d.found
            )?,
        }
    }
    Ok(status)
}

/// The text log, each step followed by the trainer's note.
pub(crate) fn write_with_notes(
    scenario: &Scenario,
    instance: &Instance,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let log = render_log(instance, LogFormat::Text);
    let mut lines = log.lines().peekable();
    for (index, entry) in instance.log.iter().enumerate() {
        let Some(line) = lines.next() else { break };
        writeln!(out, "{line}")?;
        let last_of_step = instance
            .log
            .get(index + 1)
            .is_none_or(|next| next.step != entry.step);
        let note = (entry.step as usize)
            .checked_sub(1)
            .and_then(|i| scenario.steps.get(i))
            .map(|s| s.note.as_str())
            .filter(|n| !n.is_empty());
        if let (true, Some(note)) = (last_of_step, note) {
            writeln!(out, "       note: {note}")?;
        }
    }
    for rest in lines {
        writeln!(out, "{rest}")?;
    }
    let stop = match &instance.status {
        Status::Ended { .. } => simulate::Stop::Ended,
        Status::Stuck { reasons } => simulate::Stop::Stuck(reasons.clone()),
        Status::Running => simulate::Stop::Failed("the recording stops here".into()),
    };
    writeln!(out, "{}", summary(instance, &stop))?;
    Ok(())
}

fn summary(instance: &Instance, stop: &simulate::Stop) -> String {
    let sla = instance
        .definition
        .info
        .sla
        .map_or(String::new(), |s| format!(" (SLA {s})"));
    format!(
        "{} after {}{sla}",
        stop.explain(instance),
        instance.elapsed()
    )
}

/// `--choose GATEWAY=FLOW,…`: the gateway as `Names::find` takes an element (name, description,
/// id or BPMN id), each flow by label, target, id or BPMN id; the ways of a gateway named more
/// than once add up.
fn resolve_choices(
    process: &Process,
    choose: &[(String, Vec<String>)],
) -> Result<BTreeMap<Id, Vec<Id>>, Failure> {
    let names = Names::of(process);
    let mut choices: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
    for (gateway, ways) in choose {
        let found = names
            .find(process, gateway)
            .map_err(|e| bad_input(e.into()))?;
        let node = process
            .node(found)
            .filter(|n| matches!(n.kind, NodeKind::Gateway { .. }))
            .ok_or_else(|| bad_input(anyhow!("there is no gateway \"{gateway}\"")))?;
        let outgoing: Vec<&Flow> = process
            .flows
            .iter()
            .filter(|f| f.source == node.id)
            .collect();
        for flow in ways {
            let query = flow.trim();
            let by_label =
                |f: &&&Flow| one_line(&f.label).is_some_and(|l| l.eq_ignore_ascii_case(query));
            let by_target = |f: &&&Flow| names.text(f.target).eq_ignore_ascii_case(query);
            let by_id = |id: Id| outgoing.iter().find(|f| f.id == id);
            let way = (outgoing.iter().find(by_label))
                .or_else(|| names.find(process, query).ok().and_then(by_id))
                .or_else(|| outgoing.iter().find(by_target))
                .ok_or_else(|| {
                    bad_input(anyhow!(
                        "{} has no way out named \"{flow}\" (by label, target or id)",
                        names.phrase(node.id)
                    ))
                })?;
            let chosen = choices.entry(node.id).or_default();
            if !chosen.contains(&way.id) {
                chosen.push(way.id);
            }
        }
    }
    Ok(choices)
}

/// The log in `style`: a table or text, or JSON (a `RunLog`).
fn write_log(instance: &Instance, style: LogStyle, out: &mut impl Write) -> Result<(), Failure> {
    let format = match style {
        LogStyle::Text => LogFormat::Text,
        LogStyle::Csv => LogFormat::Csv,
        LogStyle::Markdown => LogFormat::Markdown,
        LogStyle::Json => {
            serde_json::to_writer_pretty(&mut *out, &RunLog::of(instance))?;
            writeln!(out)?;
            return Ok(());
        }
    };
    write!(out, "{}", render_log(instance, format))?;
    Ok(())
}
