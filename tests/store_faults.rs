//! The disk misbehaves and Flowlane says what is wrong: a full disk, a read-only medium, an
//! immutable file or folder, missing permission, a missing folder. Nothing of that is reported
//! as a damaged library, reading keeps working where the file can be read, and no command
//! leaves a file behind that it did not finish or changes a file it refused.
//!
//! Everything runs through the `flowlane` binary, as a user would meet it. Setting up a full
//! or read-only disk needs root (tmpfs, bind mounts, `chattr`); where that is not possible a
//! case prints why and skips.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::cli::{command, flowlane, library_with_samples, run, Run};
use support::media::{fill, immutable, is_root, names, read_only_bind, tmpfs};

/// The user and group `nobody`: root runs a command as them to meet real permission checks.
const NOBODY: u32 = 65534;

/// A changed "Contract review" in a file anyone may read, outside the library's folder.
fn edited_definition(lib: &Path) -> (tempfile::TempDir, PathBuf) {
    let exported = flowlane(lib, &["export", "Contract review", "--format", "json"]).succeeded();
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), PermissionsExt::from_mode(0o755)).unwrap();
    let file = dir.path().join("contract.json");
    let edited = exported.stdout.replace(
        "\"owner\": \"General counsel\"",
        "\"owner\": \"Head of Legal\"",
    );
    std::fs::write(&file, edited).unwrap();
    std::fs::set_permissions(&file, PermissionsExt::from_mode(0o644)).unwrap();
    (dir, file)
}

fn flowlane_as(lib: &Path, args: &[&str], nobody: bool) -> Run {
    if !nobody {
        return run(&mut command(lib, args));
    }
    let mut cmd = Command::new(binary_for_nobody());
    cmd.args(args)
        .env("FLOWLANE_LIBRARY", lib)
        .env("FLOWLANE_AUTHOR", "cli-test")
        .uid(NOBODY)
        .gid(NOBODY);
    run(&mut cmd)
}

/// The build folder may sit where `nobody` cannot go (a clone under /root): a copy of the binary
/// in a folder anyone may enter, made once per test run.
fn binary_for_nobody() -> &'static Path {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        std::fs::set_permissions(&dir, PermissionsExt::from_mode(0o755)).unwrap();
        let copy = dir.join("flowlane");
        std::fs::copy(env!("CARGO_BIN_EXE_flowlane"), &copy).unwrap();
        std::fs::set_permissions(&copy, PermissionsExt::from_mode(0o755)).unwrap();
        copy
    })
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Every read command works on a library that cannot be written, `save` is refused with
/// `refusal` and exit 1, and neither the file nor its folder changes.
fn assert_browsable_not_writable(lib: &Path, definition: &Path, nobody: bool, refusal: &str) {
    let folder = lib.parent().unwrap();
    let (bytes, listing) = (std::fs::read(lib).unwrap(), names(folder));
    let reads: [&[&str]; 7] = [
        &["list"],
        &[
            "simulate",
            "Accounts payable",
            "--runs",
            "20",
            "--seed",
            "1",
        ],
        &["show", "Contract review"],
        &["history", "Accounts payable"],
        &["diff", "Accounts payable", "1", "2"],
        &["verify"],
        &["export", "Contract review", "--format", "json"],
    ];
    for args in reads {
        let read = flowlane_as(lib, args, nobody);
        assert_eq!(read.status, 0, "{args:?}: {}", read.stderr);
        assert!(!read.stdout.is_empty(), "{args:?} printed nothing");
    }
    let save = flowlane_as(
        lib,
        &[
            "save",
            "Contract review",
            definition.to_str().unwrap(),
            "-m",
            "x",
        ],
        nobody,
    );
    assert_eq!(save.status, 1, "{}", save.stderr);
    assert!(save.stderr.contains(refusal), "{}", save.stderr);
    assert!(!save.stderr.contains("damaged"), "{}", save.stderr);
    assert_eq!(std::fs::read(lib).unwrap(), bytes, "library file changed");
    assert_eq!(names(folder), listing, "files appeared or vanished");
}

/// The immutable flag (`chattr +i`) on the library file, then on its folder.
#[test]
fn an_immutable_library_or_folder_opens_read_only() {
    for flag_the_folder in [false, true] {
        let (dir, lib) = library_with_samples();
        let (_defs, definition) = edited_definition(&lib);
        let flagged = if flag_the_folder { dir.path() } else { &lib };
        let Some(_flag) = is_root().then(|| immutable(flagged)).flatten() else {
            return eprintln!("skipped: the immutable flag needs root");
        };
        assert_browsable_not_writable(
            &lib,
            &definition,
            false,
            "is read-only (it or its folder is marked immutable)",
        );
    }
}

/// An older format would need an upgrade, which is a write: the message says what to do.
#[test]
fn an_older_library_that_cannot_be_written_asks_for_a_copy() {
    let (_dir, lib) = library_with_samples();
    let conn = rusqlite::Connection::open(&lib).unwrap();
    conn.pragma_update(None, "user_version", 4).unwrap();
    drop(conn);
    let Some(_flag) = is_root().then(|| immutable(&lib)).flatten() else {
        return eprintln!("skipped: the immutable flag needs root");
    };
    let list = flowlane(&lib, &["list"]);
    assert_eq!(list.status, 1, "{}", list.stderr);
    assert!(
        list.stderr.contains(&format!(
            "older library format (4; this version upgrades it to {})",
            flowlane::store::library_format()
        )) && list.stderr.contains("Copy it to a writable folder"),
        "{}",
        list.stderr
    );
}

#[test]
fn a_library_on_a_read_only_mount_opens_read_only() {
    let (dir, lib) = library_with_samples();
    let (_defs, definition) = edited_definition(&lib);
    let view = tempfile::tempdir().unwrap();
    // A name SQLite would misread in a URI unless it is escaped.
    let stick = view.path().join("usb stick #1?");
    std::fs::create_dir(&stick).unwrap();
    let Some(_mount) = read_only_bind(dir.path(), &stick) else {
        return;
    };
    let seen = stick.join("lib.flowlane");
    assert_browsable_not_writable(
        &seen,
        &definition,
        false,
        "is read-only (it is on a read-only disk or mount)",
    );
}

/// Root ignores file modes, so as root the commands run as `nobody`; otherwise the modes are
/// taken away from the user running the tests.
fn deny_writing(dir: &Path, lib: &Path) -> bool {
    let root = is_root();
    let (folder_mode, file_mode) = if root { (0o755, 0o644) } else { (0o555, 0o444) };
    std::fs::set_permissions(lib, PermissionsExt::from_mode(file_mode)).unwrap();
    std::fs::set_permissions(dir, PermissionsExt::from_mode(folder_mode)).unwrap();
    root
}

#[test]
fn without_write_permission_a_library_opens_read_only() {
    let (dir, lib) = library_with_samples();
    let (_defs, definition) = edited_definition(&lib);
    let nobody = deny_writing(dir.path(), &lib);
    assert_browsable_not_writable(
        &lib,
        &definition,
        nobody,
        "you have no permission to change",
    );
    std::fs::set_permissions(dir.path(), PermissionsExt::from_mode(0o700)).unwrap();
}

#[test]
fn without_read_permission_the_library_is_named_not_damaged() {
    let (dir, lib) = library_with_samples();
    let nobody = deny_writing(dir.path(), &lib);
    let mode = if nobody { 0o600 } else { 0o000 };
    std::fs::set_permissions(&lib, PermissionsExt::from_mode(mode)).unwrap();
    let list = flowlane_as(&lib, &["list"], nobody);
    assert_eq!(list.status, 1, "{}", list.stderr);
    assert!(
        list.stderr.contains("you have no permission to read"),
        "{}",
        list.stderr
    );
    std::fs::set_permissions(dir.path(), PermissionsExt::from_mode(0o700)).unwrap();
}

#[test]
fn a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("gone").join("lib.flowlane");
    for args in [&["list"][..], &["verify"]] {
        let run = flowlane(&lib, args);
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("gone does not exist; create it"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn on_a_full_disk_reading_works_and_saving_says_the_disk_is_full() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_mount) = tmpfs(dir.path(), "2m") else {
        return;
    };
    let lib = dir.path().join("lib.flowlane");
    flowlane(&lib, &["init", "--samples"]).succeeded();
    let (_defs, definition) = edited_definition(&lib);
    let save_args = [
        "save",
        "Contract review",
        definition.to_str().unwrap(),
        "-m",
        "New owner",
    ];
    fill(dir.path());
    let bytes = std::fs::read(&lib).unwrap();
    for args in [&["list"][..], &["verify"], &["history", "Contract review"]] {
        let read = flowlane(&lib, args);
        assert_eq!(read.status, 0, "{args:?}: {}", read.stderr);
    }
    let save = flowlane(&lib, &save_args);
    assert_eq!(save.status, 1, "{}", save.stderr);
    assert!(
        save.stderr.contains("the disk is full; nothing was saved"),
        "{}",
        save.stderr
    );
    assert_eq!(std::fs::read(&lib).unwrap(), bytes);

    // Once there is room again, the same save goes through and the chain holds.
    std::fs::remove_file(dir.path().join("filler")).unwrap();
    flowlane(&lib, &save_args).succeeded();
    assert_eq!(flowlane(&lib, &["verify"]).status, 0);
}

#[test]
fn init_on_a_full_disk_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_mount) = tmpfs(dir.path(), "1m") else {
        return;
    };
    fill(dir.path());
    let before = names(dir.path());
    let lib = dir.path().join("lib.flowlane");
    let init = flowlane(&lib, &["init", "--samples"]);
    assert_eq!(init.status, 1, "{}", init.stderr);
    assert!(init.stderr.contains("the disk is full"), "{}", init.stderr);
    assert_eq!(names(dir.path()), before, "init left a file behind");
}

#[test]
fn init_in_a_folder_that_cannot_be_written_says_so_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_flag) = is_root().then(|| immutable(dir.path())).flatten() else {
        return eprintln!("skipped: the immutable flag needs root");
    };
    let init = flowlane(&dir.path().join("lib.flowlane"), &["init"]);
    assert_eq!(init.status, 1, "{}", init.stderr);
    assert!(
        init.stderr
            .contains("its folder cannot be written (it or its folder is marked immutable)"),
        "{}",
        init.stderr
    );
    assert!(names(dir.path()).is_empty());
}

/// A writer changed the library's owner or format and is still open: the change sits in the
/// `-wal` file only. Taking a copy then gives a pair of files whose main file looks fine.
#[test]
fn a_newer_or_foreign_header_in_the_wal_is_refused_without_a_write() {
    for (pragma, value, expected, code) in [
        ("user_version", 99, "library format 99", 2),
        ("application_id", 7, "another application", 2),
    ] {
        let (dir, lib) = library_with_samples();
        let copy = dir.path().join("copy.flowlane");
        {
            let conn = rusqlite::Connection::open(&lib).unwrap();
            conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
            conn.pragma_update(None, pragma, value).unwrap();
            std::fs::copy(&lib, &copy).unwrap();
            std::fs::copy(side(&lib, "-wal"), side(&copy, "-wal")).unwrap();
        }
        let header = std::fs::read(&copy).unwrap();
        assert_eq!(
            header[60..64],
            flowlane::store::library_format().to_be_bytes(),
            "the main file still says this build's format"
        );
        let files = [copy.clone(), side(&copy, "-wal")];
        let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
        assert!(before[1].len() > 32, "the change is in the WAL");
        for args in [&["list"][..], &["verify"]] {
            let run = flowlane(&copy, args);
            assert_eq!(run.status, code, "{pragma} {args:?}: {}", run.stderr);
            assert!(run.stderr.contains(expected), "{pragma}: {}", run.stderr);
            assert!(run.stderr.contains("left as it is"), "{}", run.stderr);
        }
        for (file, bytes) in files.iter().zip(&before) {
            assert_eq!(
                &std::fs::read(file).unwrap(),
                bytes,
                "{} changed",
                file.display()
            );
        }
    }
}
