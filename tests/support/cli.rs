//! Runs the `flowlane` binary on a temporary library, as a user at a terminal would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn flowlane(library: &Path, args: &[&str]) -> Run {
    run(&mut command(library, args))
}

/// The `flowlane` command line for `library`, to adjust (user, environment) before running.
pub fn command(library: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flowlane"));
    command
        .args(args)
        .env("FLOWLANE_LIBRARY", library)
        .env("FLOWLANE_AUTHOR", "cli-test");
    command
}

pub fn run(command: &mut Command) -> Run {
    // A binary copied by a test (see `store_faults`) is briefly held open by any other test
    // thread that forks meanwhile ("text file busy"): try again shortly, at most a second.
    let mut attempt = command.output();
    for _ in 0..50 {
        match &attempt {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20));
                attempt = command.output();
            }
            _ => break,
        }
    }
    let output: Output = attempt.expect("flowlane runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `flowlane export PROCESS --version N --format FORMAT`, which must succeed.
pub fn export_version(library: &Path, process: &str, version: u32, format: &str) -> Run {
    let version = version.to_string();
    let args = ["export", process, "--version", &version, "--format", format];
    flowlane(library, &args).succeeded()
}

pub fn library_with_samples() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.flowlane");
    let run = flowlane(&path, &["init", "--samples"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    (dir, path)
}

impl Run {
    /// Asserts the run succeeded (showing its error output if not) and hands it on.
    pub fn succeeded(self) -> Run {
        assert_eq!(self.status, 0, "{}", self.stderr);
        self
    }

    /// Asserts the run failed with `status` and its error output says `message`.
    pub fn refused(&self, status: i32, message: &str) {
        assert_eq!(self.status, status, "{}", self.stderr);
        assert!(self.stderr.contains(message), "{}", self.stderr);
    }

    /// Asserts the run printed `text` (among other things).
    pub fn printed(&self, text: &str) {
        assert!(self.stdout.contains(text), "{}", self.stdout);
    }
}
