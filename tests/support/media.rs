//! Places a library can live that misbehave as real disks do: a small tmpfs that fills up, an
//! immutable file or folder, a read-only bind mount. Setting one up needs root and the usual
//! tools; where that fails the test prints why and skips that case instead of passing quietly
//! on something it did not check.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Whether the tests run as root (which `chmod` does not stop).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn quietly(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn text(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A mount that is undone when dropped (before its temporary folder is removed).
pub struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        quietly("umount", &[text(&self.0)]);
    }
}

/// A tmpfs of `size` (e.g. "1m") mounted on the folder `at`.
pub fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
    let options = format!("size={size}");
    if quietly("mount", &["-t", "tmpfs", "-o", &options, "tmpfs", text(at)]) {
        return Some(Mount(at.to_path_buf()));
    }
    eprintln!("skipped: cannot mount a tmpfs here (needs root); the full-disk save is still checked through SQLite's max_page_count in the store's unit tests");
    None
}

/// `folder` shown read-only at `at`, as a read-only medium would be.
pub fn read_only_bind(folder: &Path, at: &Path) -> Option<Mount> {
    if quietly("mount", &["--bind", text(folder), text(at)]) {
        let mount = Mount(at.to_path_buf());
        if quietly("mount", &["-o", "remount,ro,bind", text(at)]) {
            return Some(mount);
        }
    }
    eprintln!("skipped: cannot make a read-only bind mount here (needs root)");
    None
}

/// The immutable flag on a file or folder, cleared again when dropped.
pub struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        quietly("chattr", &["-i", text(&self.0)]);
    }
}

pub fn immutable(path: &Path) -> Option<Immutable> {
    if quietly("chattr", &["+i", text(path)]) {
        return Some(Immutable(path.to_path_buf()));
    }
    eprintln!("skipped: cannot set the immutable flag here (needs root and chattr)");
    None
}

/// Fills the file system holding `dir` to the last byte.
pub fn fill(dir: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(dir.join("filler")).expect("room for an empty file");
    let chunk = vec![0u8; 4096];
    while file.write_all(&chunk).and_then(|()| file.flush()).is_ok() {}
}

/// The names in a folder, sorted: to see that nothing was left behind.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("folder is readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
