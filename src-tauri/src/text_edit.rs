//! Undo, cut, copy and paste inside a text field, for when the menu's accelerator took the key
//! before the field saw it: the web view does it as its own context menu would.

use serde::Deserialize;
use ts_rs::TS;

use crate::error::CommandError;

#[derive(Clone, Copy, Debug, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum TextEdit {
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
}

impl TextEdit {
    /// WebKit's name of the editing command.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    fn command(self) -> &'static str {
        match self {
            TextEdit::Undo => "Undo",
            TextEdit::Redo => "Redo",
            TextEdit::Cut => "Cut",
            TextEdit::Copy => "Copy",
            TextEdit::Paste => "Paste",
        }
    }
}

/// Runs `edit` on the focused text field of the window.
#[tauri::command]
pub fn text_edit(window: tauri::WebviewWindow, edit: TextEdit) -> Result<(), CommandError> {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::WebViewExt;
        window
            .with_webview(move |webview| webview.inner().execute_editing_command(edit.command()))
            .map_err(|e| CommandError::new("window", e.to_string()))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (window, edit);
        Err(CommandError::new(
            "unsupported",
            "editing a text field from the menu is not supported on this system; use the keys",
        ))
    }
}
