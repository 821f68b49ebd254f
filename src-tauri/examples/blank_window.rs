//! A blank Tauri 2 window: the same tauri crate, version and features as the app, an empty page,
//! no commands or plugins. `benches/memory.mjs` measures it as the floor the app's memory is
//! compared with.

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!("examples/blank/tauri.conf.json"))
        .expect("the blank window runs");
}
