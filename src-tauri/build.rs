fn main() {
    // Declaring the app's commands makes Tauri generate one permission per command, so the
    // capability file can grant exactly these and nothing else.
    let commands = tauri_build::AppManifest::new().commands(&[
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
        "quit",
        "set_title",
        "batch_simulate",
        "batch_cancel",
        "save_batch_result",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("failed to build the Tauri app manifest");
}
