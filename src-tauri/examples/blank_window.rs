//! A blank Tauri 2 window: the same tauri crate, version and features as the app, an empty page,
//! no commands or plugins. `benches/memory.mjs` measures it as the floor the app's memory is
//! compared with: with `WEBKIT_DISABLE_COMPOSITING_MODE=0` as WebKit draws by default, without
//! it drawing as Flowlane does (`src/rendering.rs`).

#[path = "../src/rendering.rs"]
mod rendering;

fn main() {
    rendering::prefer_plain_compositing();
    tauri::Builder::default()
        .run(tauri::generate_context!("examples/blank/tauri.conf.json"))
        .expect("the blank window runs");
}
