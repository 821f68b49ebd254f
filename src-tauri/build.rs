use std::process::Command;

/// The commit the app is built from, for the About box: `FLOWLANE_COMMIT` if the build sets it
/// (a package built from a tarball), else git's, else "unknown".
fn commit() -> String {
    println!("cargo:rerun-if-env-changed=FLOWLANE_COMMIT");
    if let Ok(commit) = std::env::var("FLOWLANE_COMMIT") {
        return commit;
    }
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|text| text.trim().to_string())
    };
    // A new commit moves HEAD (or the branch it points at): both are watched.
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        println!("cargo:rerun-if-changed={dir}/logs/HEAD");
    }
    git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".to_string())
}

fn main() {
    println!("cargo:rustc-env=FLOWLANE_COMMIT={}", commit());
    // Declaring the app's commands makes Tauri generate one permission per command, so the
    // capability file can grant exactly these and nothing else.
    let commands = tauri_build::AppManifest::new().commands(&[
        "library_stamp",
        "library_overview",
        "load_process",
        "process_history",
        "version_at",
        "restore_version",
        "tag_version",
        "compare_versions",
        "verify_library",
        "validate_process",
        "simulation_start",
        "simulation_fire",
        "simulation_log",
        "save_simulation_log",
        "export_process",
        "save_scenario",
        "list_scenarios",
        "replay_scenario",
        "open_editor",
        "edit_process",
        "undo_edit",
        "redo_edit",
        "save_draft",
        "save_process_version",
        "discard_draft",
        "validate_draft",
        "check_condition",
        "create_process",
        "archive_process",
        "unsaved_processes",
        "import_bpmn",
        "take_arrival",
        "quit",
        "set_title",
        "batch_simulate",
        "batch_gaps",
        "pick_parameter_file",
        "batch_cancel",
        "save_batch_result",
        "pick_log",
        "preview_log",
        "import_log",
        "cancel_log_import",
        "process_logs",
        "log_conformance",
        "log_fit_by_version",
        "replay_log_case",
        "log_mapping",
        "save_log_mapping",
        "log_performance",
        "save_reality_report",
        "discover_process",
        "discover_stored_log",
        "log_calibration",
        "draft_calibrated_copy",
        "sync_state",
        "link_remote",
        "sync_now",
        "resolve_merge",
        "pick_library",
        "pick_new_library",
        "switch_library",
        "about",
        "menu_select",
        "set_menu_state",
        "set_menu_shortcuts",
        "text_edit",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("failed to build the Tauri app manifest");
}
