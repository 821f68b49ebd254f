//! Exports are written all or nothing: a failed write leaves the file that was there untouched.

use std::fs;
use std::io::{self, Write};

use flowlane::export::atomic::{write_atomically, write_with};

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn replaces_the_file_whole_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("handbook.md");
    fs::write(&path, "old").unwrap();
    write_atomically(&path, b"new contents").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new contents");
    assert_eq!(entries(dir.path()), ["handbook.md"]);
}

#[test]
fn a_write_that_fails_halfway_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diagram.svg");
    fs::write(&path, "the old diagram").unwrap();
    let err = write_with(&path, |file| {
        file.write_all(b"<svg>half")?;
        Err(io::Error::other("disk full"))
    })
    .unwrap_err();
    assert_eq!(fs::read_to_string(&path).unwrap(), "the old diagram");
    assert_eq!(
        entries(dir.path()),
        ["diagram.svg"],
        "the temporary file is removed"
    );
    let message = err.to_string();
    assert!(
        message.contains("diagram.svg could not be written: disk full"),
        "{message}"
    );
    assert!(message.ends_with("nothing was changed"));
}

#[test]
fn a_rename_that_fails_leaves_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    // A directory in the way: the rename fails after the temporary file was written.
    let path = dir.path().join("export.png");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep.txt"), "kept").unwrap();
    assert!(write_atomically(&path, b"png").is_err());
    assert_eq!(fs::read_to_string(path.join("keep.txt")).unwrap(), "kept");
    assert_eq!(entries(dir.path()), ["export.png"]);
}

#[test]
fn a_missing_directory_is_named_in_the_error() {
    let err = write_atomically(
        std::path::Path::new("/nonexistent-flowlane-dir/log.csv"),
        b"x",
    )
    .unwrap_err();
    assert!(err
        .to_string()
        .starts_with("/nonexistent-flowlane-dir/log.csv could not be written"));
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.html");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    write_atomically(&path, b"new").unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o664
    );
}
