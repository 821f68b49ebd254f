//! The native menu bar. Every item sends the window one typed event, `menu` with a
//! `MenuCommand`; the window's mode decides what it does, as it does for a key. Accelerators
//! and disabled states come from the window too (`set_menu_shortcuts`, `set_menu_state`), so
//! the shortcut table in the UI stays the only keymap.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use flowlane::export::ExportFormat;
use flowlane::expr::dialect::Engine;
use serde::{Deserialize, Serialize};
use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Wry};
use ts_rs::TS;

use crate::error::CommandError;

/// The event the window hears a menu choice on.
pub const EVENT: &str = "menu";

/// A fixed item of the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum MenuItemId {
    NewProcess,
    Import,
    OpenLibrary,
    NewLibrary,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Find,
    ZoomIn,
    ZoomOut,
    Fit,
    History,
    Problems,
    Shortcuts,
    About,
}

/// What the user chose in the menu bar.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum MenuCommand {
    Item {
        item: MenuItemId,
    },
    /// File ▸ Export ▸ a format (BPMN for `engine` when given).
    Export {
        format: ExportFormat,
        engine: Option<Engine>,
    },
    /// File ▸ Recent libraries ▸ one of them.
    RecentLibrary {
        #[ts(type = "string")]
        path: PathBuf,
    },
}

impl MenuItemId {
    const ALL: [MenuItemId; 18] = [
        MenuItemId::NewProcess,
        MenuItemId::Import,
        MenuItemId::OpenLibrary,
        MenuItemId::NewLibrary,
        MenuItemId::Quit,
        MenuItemId::Undo,
        MenuItemId::Redo,
        MenuItemId::Cut,
        MenuItemId::Copy,
        MenuItemId::Paste,
        MenuItemId::Find,
        MenuItemId::ZoomIn,
        MenuItemId::ZoomOut,
        MenuItemId::Fit,
        MenuItemId::History,
        MenuItemId::Problems,
        MenuItemId::Shortcuts,
        MenuItemId::About,
    ];

    /// The label; `&` marks the mnemonic letter (Alt+F, then the letter).
    fn label(self) -> &'static str {
        match self {
            MenuItemId::NewProcess => "&New process…",
            MenuItemId::Import => "&Import BPMN…",
            MenuItemId::OpenLibrary => "&Open library…",
            MenuItemId::NewLibrary => "New &library…",
            MenuItemId::Quit => "&Quit",
            MenuItemId::Undo => "&Undo",
            MenuItemId::Redo => "&Redo",
            MenuItemId::Cut => "Cu&t",
            MenuItemId::Copy => "&Copy",
            MenuItemId::Paste => "&Paste",
            MenuItemId::Find => "&Find…",
            MenuItemId::ZoomIn => "Zoom &in (+)",
            MenuItemId::ZoomOut => "Zoom &out (-)",
            MenuItemId::Fit => "&Fit to screen",
            MenuItemId::History => "Version &history",
            MenuItemId::Problems => "&Problems",
            MenuItemId::Shortcuts => "&Shortcuts (?)",
            MenuItemId::About => "&About Flowlane",
        }
    }

    /// The item's menu id: `item/` and its name in the event.
    fn menu_id(self) -> String {
        let name = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        format!("item/{name}")
    }
}

/// The entries of File ▸ Export: each format, then BPMN for each engine.
fn export_choices() -> Vec<(ExportFormat, Option<Engine>, String)> {
    let formats = ExportFormat::ALL
        .iter()
        .map(|&format| (format, None, format.label().to_string()));
    let engines = Engine::ALL.iter().map(|&engine| {
        let label = format!("BPMN for {}", engine.label());
        (ExportFormat::Bpmn, Some(engine), label)
    });
    formats.chain(engines).collect()
}

/// The menu choice a menu id stands for; `recent` is the list Recent libraries shows.
pub fn command_of(id: &str, recent: &[PathBuf]) -> Option<MenuCommand> {
    let (kind, rest) = id.split_once('/')?;
    match kind {
        "item" => MenuItemId::ALL
            .into_iter()
            .find(|item| item.menu_id() == id)
            .map(|item| MenuCommand::Item { item }),
        "export" => {
            let (format, engine, _) = export_choices().into_iter().nth(rest.parse().ok()?)?;
            Some(MenuCommand::Export { format, engine })
        }
        "recent" => recent
            .get(rest.parse::<usize>().ok()?)
            .map(|path| MenuCommand::RecentLibrary { path: path.clone() }),
        _ => None,
    }
}

/// The menu bar's parts that change while the app runs.
pub struct MenuBar {
    items: HashMap<MenuItemId, MenuItem<Wry>>,
    export: Submenu<Wry>,
    recent: Submenu<Wry>,
    /// What Recent libraries lists, in its order.
    recent_paths: Mutex<Vec<PathBuf>>,
}

/// Builds the menu bar, sets it on the app and keeps its changing parts as app state.
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let items: HashMap<MenuItemId, MenuItem<Wry>> = MenuItemId::ALL
        .into_iter()
        .map(|item| {
            let built = MenuItem::with_id(app, item.menu_id(), item.label(), true, None::<&str>)?;
            Ok((item, built))
        })
        .collect::<tauri::Result<_>>()?;
    let export_items = export_choices()
        .into_iter()
        .enumerate()
        .map(|(n, (_, _, label))| {
            MenuItem::with_id(app, format!("export/{n}"), label, true, None::<&str>)
        })
        .collect::<tauri::Result<Vec<_>>>()?;
    let export_refs: Vec<&dyn IsMenuItem<Wry>> = export_items
        .iter()
        .map(|i| i as &dyn IsMenuItem<Wry>)
        .collect();
    let export = Submenu::with_items(app, "&Export", false, &export_refs)?;
    let recent = Submenu::with_items(app, "&Recent libraries", true, &[])?;
    let item = |id: MenuItemId| &items[&id] as &dyn IsMenuItem<Wry>;
    let separator = || PredefinedMenuItem::separator(app);
    let file = Submenu::with_items(
        app,
        "&File",
        true,
        &[
            item(MenuItemId::NewProcess),
            item(MenuItemId::Import),
            &export,
            &separator()?,
            item(MenuItemId::OpenLibrary),
            item(MenuItemId::NewLibrary),
            &recent,
            &separator()?,
            item(MenuItemId::Quit),
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        "&Edit",
        true,
        &[
            item(MenuItemId::Undo),
            item(MenuItemId::Redo),
            &separator()?,
            item(MenuItemId::Cut),
            item(MenuItemId::Copy),
            item(MenuItemId::Paste),
            &separator()?,
            item(MenuItemId::Find),
        ],
    )?;
    let view = Submenu::with_items(
        app,
        "&View",
        true,
        &[
            item(MenuItemId::ZoomIn),
            item(MenuItemId::ZoomOut),
            item(MenuItemId::Fit),
            &separator()?,
            item(MenuItemId::History),
            item(MenuItemId::Problems),
        ],
    )?;
    let help = Submenu::with_items(
        app,
        "&Help",
        true,
        &[item(MenuItemId::Shortcuts), item(MenuItemId::About)],
    )?;
    let bar = Menu::with_items(app, &[&file, &edit, &view, &help])?;
    app.set_menu(bar)?;
    app.manage(MenuBar {
        items,
        export,
        recent,
        recent_paths: Mutex::new(Vec::new()),
    });
    Ok(())
}

/// The item `id` was chosen: the window hears it as a `MenuCommand`.
pub fn chosen(app: &AppHandle, id: &str) -> Result<(), CommandError> {
    let bar = app.state::<MenuBar>();
    let command = command_of(id, &bar.recent_paths())
        .ok_or_else(|| CommandError::new("menu", format!("the menu has no item \"{id}\"")))?;
    app.emit_to("main", EVENT, command)
        .map_err(|e| CommandError::new("menu", e.to_string()))
}

impl MenuBar {
    fn recent_paths(&self) -> Vec<PathBuf> {
        self.recent_paths
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Recent libraries lists `paths` (the open one first, shown but not offered); `problem`
    /// says why the list could not be read.
    pub fn show_recent(
        &self,
        app: &AppHandle,
        paths: &[PathBuf],
        open: &std::path::Path,
        problem: Option<&str>,
    ) -> tauri::Result<()> {
        for old in self.recent.items()? {
            self.recent.remove(&old)?;
        }
        for (n, path) in paths.iter().enumerate() {
            let label = path.display().to_string().replace('&', "&&");
            let entry = MenuItem::with_id(
                app,
                format!("recent/{n}"),
                label,
                path != open,
                None::<&str>,
            )?;
            self.recent.append(&entry)?;
        }
        if let Some(problem) = problem {
            self.recent.append(&MenuItem::new(
                app,
                problem.replace('&', "&&"),
                false,
                None::<&str>,
            )?)?;
        } else if paths.is_empty() {
            self.recent.append(&MenuItem::new(
                app,
                "No libraries yet",
                false,
                None::<&str>,
            )?)?;
        }
        *self
            .recent_paths
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = paths.to_vec();
        Ok(())
    }

    /// Enables every fixed item but `disabled`, and File ▸ Export when `export`.
    pub fn set_state(&self, disabled: &[MenuItemId], export: bool) -> tauri::Result<()> {
        for (id, item) in &self.items {
            item.set_enabled(!disabled.contains(id))?;
        }
        self.export.set_enabled(export)
    }

    /// Gives the items the accelerators of the window's shortcut table (e.g. `CmdOrCtrl+Z`).
    pub fn set_shortcuts(&self, shortcuts: &[(MenuItemId, String)]) -> Result<(), CommandError> {
        for (id, accelerator) in shortcuts {
            self.items[id]
                .set_accelerator(Some(accelerator))
                .map_err(|e| CommandError::new("menu", format!("{accelerator}: {e}")))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_menu_id_names_its_choice() {
        for item in MenuItemId::ALL {
            assert_eq!(
                command_of(&item.menu_id(), &[]),
                Some(MenuCommand::Item { item })
            );
        }
        assert_eq!(
            command_of("export/0", &[]),
            Some(MenuCommand::Export {
                format: ExportFormat::Svg,
                engine: None
            })
        );
        let last = export_choices().len() - 1;
        assert_eq!(
            command_of(&format!("export/{last}"), &[]),
            Some(MenuCommand::Export {
                format: ExportFormat::Bpmn,
                engine: Engine::ALL.last().copied()
            })
        );
        let recent = [PathBuf::from("/a.flowlane"), PathBuf::from("/b.flowlane")];
        assert_eq!(
            command_of("recent/1", &recent),
            Some(MenuCommand::RecentLibrary {
                path: recent[1].clone()
            })
        );
        for unknown in [
            "recent/2",
            "export/99",
            "item/nothing",
            "nothing",
            "recent/x",
        ] {
            assert_eq!(command_of(unknown, &recent), None, "{unknown}");
        }
    }
}

/// The menu bar's item `id` chosen, as a click on it does: the window hears the same `menu`
/// event. Native menus are out of WebDriver's reach, so the end-to-end tests come this way.
#[tauri::command]
pub fn menu_select(app: AppHandle, id: String) -> Result<(), CommandError> {
    chosen(&app, &id)
}

/// What can be chosen now: every item but `disabled`, and File ▸ Export when `export`.
#[tauri::command]
pub fn set_menu_state(
    bar: tauri::State<MenuBar>,
    disabled: Vec<MenuItemId>,
    export: bool,
) -> Result<(), CommandError> {
    bar.set_state(&disabled, export)
        .map_err(|e| CommandError::new("menu", e.to_string()))
}

/// The accelerators of the window's shortcut table, shown on (and answered by) the items.
#[tauri::command]
pub fn set_menu_shortcuts(
    bar: tauri::State<MenuBar>,
    shortcuts: Vec<(MenuItemId, String)>,
) -> Result<(), CommandError> {
    bar.set_shortcuts(&shortcuts)
}
