//! The desktop shell: opens the library, then answers the UI's commands by calling the core.
//! Each command is a few lines; errors cross to the UI as `{ code, message }`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod arrival;
mod batch;
mod calibration;
mod discovery;
mod editor;
mod error;
mod file_comparison;
mod launch;
mod libraries;
mod log_case;
mod memory;
mod menu;
mod picked;
mod reality;
mod rendering;
mod save;
mod simulation;
mod state;
#[cfg(test)]
mod switch_tests;
mod sync_commands;
mod text_edit;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use flowlane::arrange::{arrange, arrange_selection};
use flowlane::edit::Command;
use flowlane::export::{self, ExportFormat};
use flowlane::expr::dialect::Engine;
use flowlane::model::{Id, Layout};
use flowlane::simulate::{self, Action, LogFormat, RunId, Scenario};
use flowlane::store::{ImportAs, ScenarioSummary, VerifyReport, VersionInfo};
use flowlane::validate::{self, Problem};
use serde_json::{Map, Value as Json};
use tauri::{Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use arrival::Arrival;
use editor::{EditState, Edited, Opened, SavedVersion};
use error::CommandError;
use flowlane::sync::merge::{Fate, Side};
use flowlane::sync::resolve::Picks;
use launch::Launch;
use picked::PickedBpmn;
use save::{save_as, SaveAs};
use simulation::{ScenarioReplay, SimulationStep, StartedRun};
use state::{AppState, Comparison, LibraryOverview, LoadedVersion};
use sync_commands::{MergeOutcome, SyncResult, SyncState};

#[tauri::command]
fn library_overview(state: State<AppState>) -> Result<LibraryOverview, CommandError> {
    state.overview()
}

/// Changes whenever another process or window commits to the library (never for this
/// window's own writes); the UI polls it to refresh the list, the history and stale drafts.
#[tauri::command]
fn library_stamp(state: State<AppState>) -> Result<i64, CommandError> {
    Ok(state.library()?.data_version()?)
}

#[tauri::command]
fn load_process(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
) -> Result<LoadedVersion, CommandError> {
    let (version, process) = state.library()?.load(id, version)?;
    Ok(LoadedVersion::new(version, process))
}

#[tauri::command]
fn process_history(state: State<AppState>, id: Id) -> Result<Vec<VersionInfo>, CommandError> {
    Ok(state.library()?.history(id)?)
}

#[tauri::command]
fn version_at(
    state: State<AppState>,
    id: Id,
    at: DateTime<Utc>,
) -> Result<Option<VersionInfo>, CommandError> {
    Ok(state.library()?.version_at(id, at)?)
}

#[tauri::command]
fn restore_version(
    state: State<AppState>,
    id: Id,
    number: u32,
) -> Result<VersionInfo, CommandError> {
    state.sessions.release(id)?;
    Ok(state
        .library()?
        .restore_version(id, number, &state.author, Utc::now())?)
}

#[tauri::command]
fn tag_version(
    state: State<AppState>,
    id: Id,
    number: u32,
    tag: String,
) -> Result<(), CommandError> {
    let mut library = state.library()?;
    Ok(flowlane::sync::approval::tag(
        &mut library,
        id,
        number,
        &tag,
        &state.author,
        Utc::now(),
    )?)
}

#[tauri::command]
fn compare_versions(
    state: State<AppState>,
    id: Id,
    from: u32,
    to: u32,
) -> Result<Comparison, CommandError> {
    let library = state.library()?;
    Ok(Comparison::of(
        &library.process_names_by_id()?,
        library.load(id, Some(from))?,
        library.load(id, Some(to))?,
    ))
}

#[tauri::command]
fn verify_library(state: State<AppState>) -> Result<VerifyReport, CommandError> {
    Ok(state.library()?.verify()?)
}

#[tauri::command]
fn validate_process(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
) -> Result<Vec<Problem>, CommandError> {
    let library = state.library()?;
    Ok(validate::validate(
        &library.load(id, version)?.1,
        &library.validation_context()?,
    ))
}

#[tauri::command]
fn simulation_start(
    state: State<AppState>,
    id: Id,
    version: Option<u32>,
    data: Map<String, Json>,
    start: DateTime<Utc>,
) -> Result<StartedRun, CommandError> {
    let library = state.library()?;
    let definition = library.load(id, version)?.1;
    let first = simulate::start(definition, data, start, &*library)?;
    Ok(StartedRun::begin(&mut state.runs(), first))
}

/// Fires `action` from step `step` of run `run`; the states after that step are dropped.
#[tauri::command]
fn simulation_fire(
    state: State<AppState>,
    run: RunId,
    step: usize,
    action: Action,
) -> Result<SimulationStep, CommandError> {
    Ok(state.runs().fire(run, step, action)?.clone().into())
}

#[tauri::command]
fn simulation_log(
    state: State<AppState>,
    run: RunId,
    step: usize,
    format: LogFormat,
) -> Result<String, CommandError> {
    Ok(simulate::render_log(state.runs().state(run, step)?, format))
}

/// Asks where to save the log of step `step` (a native dialog) and writes it there; `None`
/// when cancelled. Async, so the dialog does not block the main thread that draws it.
#[tauri::command]
async fn save_simulation_log(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    run: RunId,
    step: usize,
    format: LogFormat,
) -> Result<Option<String>, CommandError> {
    // The log is built before the dialog opens: the run may be closed while the user chooses.
    let log = simulate::render_log(state.runs().state(run, step)?, format);
    let (kind, extension) = match format {
        LogFormat::Csv => ("CSV", "csv"),
        LogFormat::Markdown => ("Markdown", "md"),
        LogFormat::Text => ("Text", "txt"),
    };
    let file_name = format!("simulation-log.{extension}");
    let offer = SaveAs {
        file_name: &file_name,
        kind,
        extension,
    };
    save_as(&app, offer, || Ok(log.into_bytes()))
}

/// File ▸ Export: asks where (the native save dialog), renders the version (BPMN for `engine`
/// when given), writes it whole. The path written, or none if the user cancelled.
#[tauri::command]
async fn export_process(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: Id,
    version: Option<u32>,
    format: ExportFormat,
    engine: Option<Engine>,
) -> Result<Option<String>, CommandError> {
    let name = state.library()?.load(id, version)?.1.info.name;
    let offer = SaveAs {
        file_name: &export::format::file_name(&name, format),
        kind: format.label(),
        extension: format.extension(),
    };
    save_as(&app, offer, || state.export(id, version, format, engine))
}

#[tauri::command]
fn save_scenario(state: State<AppState>, scenario: Scenario) -> Result<(), CommandError> {
    Ok(state
        .library()?
        .save_scenario(&scenario, &state.author, Utc::now())?)
}

#[tauri::command]
fn list_scenarios(state: State<AppState>, id: Id) -> Result<Vec<ScenarioSummary>, CommandError> {
    Ok(state.library()?.scenarios(Some(id))?)
}

#[tauri::command]
fn replay_scenario(state: State<AppState>, name: String) -> Result<ScenarioReplay, CommandError> {
    ScenarioReplay::of(&*state.library()?, &mut state.runs(), &name)
}

/// Opens a process for editing: its working copy, from an earlier draft if one was left.
#[tauri::command]
fn open_editor(state: State<AppState>, id: Id) -> Result<Opened, CommandError> {
    state.sessions.open(&*state.library()?, id)
}

#[tauri::command]
fn edit_process(
    state: State<AppState>,
    id: Id,
    command: Command,
) -> Result<Option<Edited>, CommandError> {
    state
        .sessions
        .edit(id, |session| session.execute(command).map(Some))
}

/// Tidy up: the working copy laid out again (only `selection`'s nodes when it names any); the
/// UI applies it as one `Command::Arrange`.
#[tauri::command]
fn arrange_process(
    state: State<AppState>,
    id: Id,
    selection: Vec<Id>,
) -> Result<Layout, CommandError> {
    let process = state.sessions.process(id)?;
    Ok(if selection.is_empty() {
        arrange(&process)
    } else {
        arrange_selection(&process, &selection)
    })
}

#[tauri::command]
fn undo_edit(state: State<AppState>, id: Id) -> Result<Option<Edited>, CommandError> {
    state.sessions.edit(id, |session| session.undo())
}

#[tauri::command]
fn redo_edit(state: State<AppState>, id: Id) -> Result<Option<Edited>, CommandError> {
    state.sessions.edit(id, |session| session.redo())
}

/// Autosave: writes the working copy as the draft if it changed (or drops the draft when the
/// copy is back to its saved version); where the editor stands afterwards.
#[tauri::command]
fn save_draft(state: State<AppState>, id: Id) -> Result<EditState, CommandError> {
    state
        .sessions
        .save_draft(&*state.library()?, id, Utc::now())
}

#[tauri::command]
fn save_process_version(
    state: State<AppState>,
    id: Id,
    message: String,
) -> Result<SavedVersion, CommandError> {
    let mut library = state.library()?;
    state
        .sessions
        .save_version(&mut library, id, &state.author, &message, Utc::now())
}

#[tauri::command]
fn discard_draft(state: State<AppState>, id: Id) -> Result<(), CommandError> {
    state.sessions.discard(&*state.library()?, id)
}

/// Live validation of the working copy.
#[tauri::command]
fn validate_draft(state: State<AppState>, id: Id) -> Result<Vec<Problem>, CommandError> {
    let context = state.library()?.validation_context()?;
    Ok(validate::validate(&state.sessions.process(id)?, &context))
}

/// Whether a condition parses and type-checks against the working copy's variables (those it
/// reads and the process lacks are declared when it is stored).
#[tauri::command]
fn check_condition(
    state: State<AppState>,
    id: Id,
    expression: String,
) -> Result<Option<String>, CommandError> {
    let process = state.sessions.process(id)?;
    let checked = flowlane::expr::check_as_typed(&expression, &process.info.variables);
    Ok(checked.err().map(|e| e.to_string()))
}

/// A new process, blank or a copy of another's latest version, stored as a draft; its id.
#[tauri::command]
fn create_process(
    state: State<AppState>,
    name: String,
    template: Option<Id>,
) -> Result<Id, CommandError> {
    let ids = [(); 3].map(|_| uuid::Uuid::now_v7());
    let process = state
        .library()?
        .create_process(&name, template, ids, Utc::now())?;
    let id = process.id;
    state.sessions.start(process);
    Ok(id)
}

/// Archives a process (or brings it back); its history is kept.
#[tauri::command]
fn archive_process(state: State<AppState>, id: Id, archived: bool) -> Result<(), CommandError> {
    Ok(state
        .library()?
        .set_archived(id, archived, &state.author, Utc::now())?)
}

/// Asks for a BPMN 2.0 file (a native dialog) and reads it; None when cancelled.
#[tauri::command]
async fn pick_bpmn(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<PickedBpmn>, CommandError> {
    let chosen = app
        .dialog()
        .file()
        .add_filter("BPMN 2.0", &["bpmn", "xml"])
        .blocking_pick_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    PickedBpmn::read(&*state.library()?, path).map(Some)
}

/// What a launch handed over (a library opened, a file to import, two to compare), once.
#[tauri::command]
fn take_arrival(state: State<AppState>) -> Option<Arrival> {
    state.take_arrival()
}

/// Stores a picked BPMN file as a new process, or as the next version of `into`; the process
/// id. A file that cannot be imported changes nothing.
#[tauri::command]
async fn import_bpmn(
    state: State<'_, AppState>,
    path: PathBuf,
    into: Option<Id>,
) -> Result<Id, CommandError> {
    let into = into.map_or_else(
        || ImportAs::New {
            fresh: uuid::Uuid::now_v7(),
        },
        ImportAs::VersionOf,
    );
    let (process, _) =
        state
            .library()?
            .import_bpmn(&path, into, None, &state.author, Utc::now())?;
    Ok(process.id)
}

/// Names of processes whose changes are not saved as a version, asked before closing.
#[tauri::command]
fn unsaved_processes(state: State<AppState>) -> Vec<String> {
    state.sessions.unsaved()
}

/// Closes the app after the UI asked the user; pending drafts are written first.
#[tauri::command]
fn quit(app: tauri::AppHandle, state: State<AppState>) -> Result<(), CommandError> {
    state.sessions.flush(&*state.library()?, Utc::now())?;
    app.exit(0);
    Ok(())
}

#[tauri::command]
fn set_title(window: tauri::WebviewWindow, title: String) -> Result<(), CommandError> {
    window
        .set_title(&title)
        .map_err(|e| CommandError::new("window", e.to_string()))
}

#[tauri::command]
fn sync_state(state: State<AppState>) -> Result<SyncState, CommandError> {
    SyncState::of(&*state.library()?)
}

#[tauri::command]
async fn link_remote(state: State<'_, AppState>, url: String) -> Result<SyncState, CommandError> {
    let mut library = state.library()?;
    flowlane::sync::link(&mut library, &url, "main", &state.author, Utc::now())?;
    SyncState::of(&library)
}

/// Pull, then push; async so the window keeps drawing while git talks to the repository.
#[tauri::command]
async fn sync_now(state: State<'_, AppState>) -> Result<SyncResult, CommandError> {
    let mut library = state.library()?;
    // Pending edits go to their drafts first, so a pull sees (and never overwrites) them; working
    // copies without edits are let go, so the next open shows what was pulled.
    state.sessions.flush(&library, Utc::now())?;
    let result = sync_commands::sync_now(&mut library, &state.author, Utc::now())?;
    state.sessions.forget_unedited();
    Ok(result)
}

/// `choices`: a side per conflict number; `fates`: what becomes of what a taken deletion takes
/// along (kept in a lane, or deleted once the user confirmed each).
#[tauri::command]
fn resolve_merge(
    state: State<AppState>,
    id: Id,
    choices: Vec<(u32, Side)>,
    fates: Vec<(u32, Fate)>,
) -> Result<MergeOutcome, CommandError> {
    let picks = Picks {
        sides: choices,
        fates,
    };
    sync_commands::resolve(
        &mut *state.library()?,
        id,
        &picks,
        &state.author,
        Utc::now(),
    )
}

fn main() {
    rendering::prefer_plain_compositing();
    let cwd = std::env::current_dir().unwrap_or_default();
    // `--help`, `--version` and wrong arguments end here, before any window or library.
    let launch = Launch::parse(std::env::args_os(), &cwd).unwrap_or_else(|err| err.exit());
    let start = libraries::at_start();
    // One window per library: a second launch on the same library hands its arguments over.
    let single_instance = tauri_plugin_single_instance::Builder::new()
        .dbus_id(launch::instance_id(&start))
        .callback(arrival::hand_over)
        .build();
    tauri::Builder::default()
        // First: a second launch must end before anything else starts.
        .plugin(single_instance)
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            // Only the first launch gets here; it opens the library and reads what it names.
            let state = AppState::start(&start, launch, Utc::now());
            // A library that did not open is not offered again as recent.
            if state.library().is_ok() {
                libraries::remember(app.handle(), &state.library_path());
            }
            app.manage(state);
            menu::install(app.handle())?;
            Ok(())
        })
        .on_menu_event(|app, event| {
            if let Err(err) = menu::chosen(app, event.id().as_ref()) {
                eprintln!("{}", err.message);
            }
        })
        .on_window_event(|window, event| {
            // With unsaved work the UI asks first, and calls `quit` when the user agrees.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let state = window.state::<AppState>();
                if !state.sessions.unsaved().is_empty() {
                    api.prevent_close();
                    let _ = window.emit("close-requested", ());
                }
            }
        })
        .manage(batch::BatchCancel::default())
        .manage(reality::ImportCancel::default())
        .invoke_handler(memory::released_after(tauri::generate_handler![
            library_stamp,
            library_overview,
            load_process,
            process_history,
            version_at,
            restore_version,
            tag_version,
            compare_versions,
            verify_library,
            validate_process,
            simulation_start,
            simulation_fire,
            simulation_log,
            save_simulation_log,
            export_process,
            save_scenario,
            list_scenarios,
            replay_scenario,
            log_case::replay_log_case,
            open_editor,
            edit_process,
            arrange_process,
            undo_edit,
            redo_edit,
            save_draft,
            save_process_version,
            discard_draft,
            validate_draft,
            check_condition,
            create_process,
            archive_process,
            unsaved_processes,
            pick_bpmn,
            import_bpmn,
            take_arrival,
            quit,
            set_title,
            batch::batch_simulate,
            batch::batch_gaps,
            batch::pick_parameter_file,
            batch::batch_cancel,
            batch::save_batch_result,
            reality::pick_log,
            reality::preview_log,
            reality::import_log,
            reality::cancel_log_import,
            reality::process_logs,
            reality::log_conformance,
            reality::log_fit_by_version,
            reality::log_mapping,
            reality::save_log_mapping,
            reality::log_performance,
            reality::save_reality_report,
            discovery::discover_process,
            discovery::discover_stored_log,
            calibration::log_calibration,
            calibration::draft_calibrated_copy,
            sync_state,
            link_remote,
            sync_now,
            resolve_merge,
            libraries::pick_library,
            libraries::pick_new_library,
            libraries::switch_library,
            libraries::about,
            menu::menu_select,
            menu::set_menu_state,
            menu::set_menu_shortcuts,
            text_edit::text_edit,
        ]))
        .run(tauri::generate_context!())
        .expect("error while running Flowlane");
}
