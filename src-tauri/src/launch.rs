//! What a start of the app was asked to open: `flowlane-app [FILE]` (a terminal, or a file
//! manager's "Open with") or `flowlane-app --compare OLD NEW` (`flowlane diff --app`, a git
//! difftool). A second launch hands its arguments to the running window, which reads them the
//! same way against the folder the second launch was started in.
//!
//! Parsed with clap, which the core already builds for the `flowlane` CLI: `--help` and
//! `--version` come with it and a wrong argument is refused the way the CLI refuses one.

use std::ffi::OsString;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Parser;
use sha2::{Digest, Sha256};

#[derive(Parser, Debug)]
#[command(
    name = "flowlane-app",
    version,
    about = "Flowlane: design, compare and simulate business processes",
    after_help = "Examples:\n  flowlane-app ~/processes/team.flowlane\n  flowlane-app invoice.bpmn\n  flowlane-app --compare old.bpmn new.bpmn\n  flowlane-app --compare \"Accounts payable@1\" \"Accounts payable@2\""
)]
struct Args {
    /// A Flowlane library to open (a .flowlane file), or a BPMN 2.0 file to import into the
    /// library
    #[arg(value_name = "FILE", conflicts_with = "compare")]
    file: Option<OsString>,
    /// Compare two definitions, read-only: BPMN or .json files, or versions of the library
    /// (PROCESS@3, PROCESS@draft)
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    compare: Option<Vec<OsString>>,
}

/// What one launch asks of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// Nothing named: the window shows the library it has.
    Plain,
    /// A file that starts as an SQLite database, or is called `.flowlane`.
    OpenLibrary(PathBuf),
    /// A `.bpmn` or `.xml` file, or one that starts as XML: the import reads it (and says what
    /// it cannot take).
    ImportBpmn(PathBuf),
    /// Two sides as `review::side` reads them; files made absolute.
    Compare { old: String, new: String },
    /// A file that cannot be opened, and why, to be said in the window.
    Refused(String),
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Enough of a file to see past a byte-order mark and blank lines to its first character.
const HEADER: u64 = 512;

impl Launch {
    /// Reads `args` (the program name first) as given in the folder `cwd`. The error is clap's:
    /// help, version, or a wrong argument, each with its message and exit status.
    pub fn parse<I, T>(args: I, cwd: &Path) -> Result<Launch, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args = Args::try_parse_from(args)?;
        // clap gives `--compare` its two values (each time it is given; the first pair counts).
        if let Some([old, new]) = args.compare.as_deref().and_then(|sides| sides.get(..2)) {
            return Ok(Launch::Compare {
                old: compare_side(old, cwd),
                new: compare_side(new, cwd),
            });
        }
        Ok(args.file.map_or(Launch::Plain, |file| {
            Launch::of_file(&absolute(&local_path(&file), cwd))
        }))
    }

    /// A library or a BPMN file, told by the file's first bytes (a library is an SQLite
    /// database whatever its name) and else by its extension.
    fn of_file(path: &Path) -> Launch {
        let shown = path.display();
        let mut header = Vec::new();
        let read = File::open(path).and_then(|file| file.take(HEADER).read_to_end(&mut header));
        match read {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                Launch::Refused(format!("There is no file at {shown}."))
            }
            Err(err) if path.is_dir() => {
                Launch::Refused(format!("{shown} is a folder, not a file ({err})."))
            }
            Err(err) => Launch::Refused(format!("{shown} cannot be read: {err}.")),
            Ok(_) if header.starts_with(SQLITE_MAGIC) || has_extension(path, "flowlane") => {
                Launch::OpenLibrary(path.to_path_buf())
            }
            Ok(_)
                if starts_as_xml(&header)
                    || ["bpmn", "xml"].iter().any(|e| has_extension(path, e)) =>
            {
                Launch::ImportBpmn(path.to_path_buf())
            }
            Ok(_) => Launch::Refused(format!(
                "{shown} is neither a Flowlane library nor a BPMN file."
            )),
        }
    }
}

fn starts_as_xml(header: &[u8]) -> bool {
    let text = header.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(header);
    text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// The D-Bus name element of the window working on `library` (Linux): the app's identifier and
/// a digest of the path, so a launch with another `FLOWLANE_LIBRARY` opens a window of its own.
pub fn instance_id(library: &Path) -> String {
    let digest = Sha256::digest(library.as_os_str().as_encoded_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("app.flowlane.desktop.library_{hex}")
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
}

/// A side of `--compare`: an existing file (relative to `cwd`) as its absolute path, anything
/// else (`PROCESS@3`) as it was typed.
fn compare_side(side: &OsString, cwd: &Path) -> String {
    let path = absolute(&local_path(side), cwd);
    if path.is_file() {
        return path.display().to_string();
    }
    side.to_string_lossy().into_owned()
}

/// A path as given, or the path of a `file://` URI (desktop entries may hand those over).
fn local_path(arg: &OsString) -> PathBuf {
    arg.to_str()
        .filter(|text| text.starts_with("file://"))
        .and_then(|text| url::Url::parse(text).ok())
        .and_then(|url| url.to_file_path().ok())
        .unwrap_or_else(|| PathBuf::from(arg))
}

fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own under the system's temporary folder, with `files` written in it.
    fn folder(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("flowlane-launch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        for (file, bytes) in files {
            std::fs::write(dir.join(file), bytes).expect("a temporary file");
        }
        dir
    }

    fn launch(args: &[&str], cwd: &Path) -> Launch {
        let args = std::iter::once("flowlane-app").chain(args.iter().copied());
        Launch::parse(args, cwd).expect("arguments the app takes")
    }

    #[test]
    fn a_file_is_a_library_by_its_first_bytes_or_name_else_bpmn() {
        let mut sqlite = SQLITE_MAGIC.to_vec();
        sqlite.extend([0; 84]);
        let dir = folder(
            "kinds",
            &[
                ("team.flowlane", b"not sqlite"),
                ("renamed.db", &sqlite),
                ("invoice.bpmn", b"<definitions/>"),
                ("export", b"\xEF\xBB\xBF\n <?xml version=\"1.0\"?>"),
                ("notes.txt", b"hello"),
            ],
        );
        assert_eq!(
            launch(&["team.flowlane"], &dir),
            Launch::OpenLibrary(dir.join("team.flowlane"))
        );
        assert_eq!(
            launch(&["renamed.db"], &dir),
            Launch::OpenLibrary(dir.join("renamed.db"))
        );
        let bpmn = dir.join("invoice.bpmn");
        assert_eq!(
            launch(&[&bpmn.display().to_string()], Path::new("/")),
            Launch::ImportBpmn(bpmn.clone())
        );
        let uri = url::Url::from_file_path(&bpmn).expect("an absolute path");
        assert_eq!(
            launch(&[uri.as_str()], Path::new("/")),
            Launch::ImportBpmn(bpmn)
        );
        assert_eq!(
            launch(&["export"], &dir),
            Launch::ImportBpmn(dir.join("export"))
        );
        let notes = dir.join("notes.txt");
        assert_eq!(
            launch(&["notes.txt"], &dir),
            Launch::Refused(format!(
                "{} is neither a Flowlane library nor a BPMN file.",
                notes.display()
            ))
        );
        assert_eq!(launch(&[], &dir), Launch::Plain);
    }

    #[test]
    fn a_missing_file_or_a_folder_is_refused_with_its_path() {
        let dir = folder("missing", &[]);
        let missing = dir.join("gone.flowlane");
        assert_eq!(
            launch(&["gone.flowlane"], &dir),
            Launch::Refused(format!("There is no file at {}.", missing.display()))
        );
        match launch(&[&dir.display().to_string()], Path::new("/")) {
            Launch::Refused(why) => assert!(why.contains("is a folder"), "{why}"),
            other => panic!("a folder opened as {other:?}"),
        }
    }

    #[test]
    fn compare_takes_two_sides_files_made_absolute_versions_as_typed() {
        let dir = folder("compare", &[("old.bpmn", b"<a/>")]);
        assert_eq!(
            launch(&["--compare", "old.bpmn", "Accounts payable@2"], &dir),
            Launch::Compare {
                old: dir.join("old.bpmn").display().to_string(),
                new: "Accounts payable@2".into(),
            }
        );
    }

    #[test]
    fn wrong_arguments_are_refused_as_the_cli_refuses_them() {
        let parse = |args: &[&str]| {
            let args = std::iter::once("flowlane-app").chain(args.iter().copied());
            Launch::parse(args, Path::new("/")).map_err(|e| e.kind())
        };
        use clap::error::ErrorKind;
        assert_eq!(
            parse(&["--compare", "a"]),
            Err(ErrorKind::WrongNumberOfValues)
        );
        assert_eq!(
            parse(&["x.bpmn", "--compare", "a", "b"]),
            Err(ErrorKind::ArgumentConflict)
        );
        assert_eq!(parse(&["--frobnicate"]), Err(ErrorKind::UnknownArgument));
        assert_eq!(parse(&["--help"]), Err(ErrorKind::DisplayHelp));
    }
}
