//! Saving a file where the user chooses: the native save dialog, then one atomic write.

use flowlane::export::atomic::write_atomically;
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;

/// What the dialog proposes: a file name and the one filter it offers (what it calls the kind
/// of file, and the extension).
pub struct SaveAs<'a> {
    pub file_name: &'a str,
    pub kind: &'a str,
    pub extension: &'a str,
}

/// Asks where to save (blocking, so call it from an async command: the dialog must not block
/// the main thread that draws it), then writes what `bytes` gives there whole. The path written,
/// or `None` when the user cancelled; `bytes` is only asked for once a path is chosen.
pub fn save_as(
    app: &tauri::AppHandle,
    offer: SaveAs,
    bytes: impl FnOnce() -> Result<Vec<u8>, CommandError>,
) -> Result<Option<String>, CommandError> {
    let chosen = app
        .dialog()
        .file()
        .set_file_name(offer.file_name)
        .add_filter(offer.kind, &[offer.extension])
        .blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    write_atomically(&path, &bytes()?)?;
    Ok(Some(path.display().to_string()))
}
