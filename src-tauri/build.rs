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
        "save_scenario",
        "list_scenarios",
        "replay_scenario",
        "sync_state",
        "link_remote",
        "sync_now",
        "resolve_merge",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("failed to build the Tauri app manifest");
}
