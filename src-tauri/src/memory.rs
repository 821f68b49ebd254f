//! Hands memory the app has freed back to the system. glibc keeps freed blocks in its arenas
//! for reuse, so the parse and IPC buffers of opening a 5,000-node process (about 12 MiB)
//! would stay counted against the app for as long as it runs. A thread of its own trims the
//! arenas once the commands have been quiet for a moment, so no command waits for it.

use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::OnceLock;
use std::time::Duration;

/// How long the commands must be quiet before the trim: a burst of edits trims once, after it.
const QUIET: Duration = Duration::from_secs(1);

static TRIMMER: OnceLock<Sender<()>> = OnceLock::new();

/// Runs each of the UI's `commands`, then hands back what they freed once they are quiet.
pub fn released_after(
    commands: impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static,
) -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    move |invoke| {
        release_after_quiet();
        commands(invoke)
    }
}

/// Notes that a command ran; the trim follows once commands have been quiet for [`QUIET`].
fn release_after_quiet() {
    let sender = TRIMMER.get_or_init(|| {
        let (sender, receiver) = channel();
        std::thread::Builder::new()
            .name("memory-trim".into())
            .spawn(move || trim_when_quiet(&receiver))
            .expect("the memory-trim thread starts");
        sender
    });
    let _ = sender.send(());
}

fn trim_when_quiet(commands: &Receiver<()>) {
    // Blocks while idle: no wake-ups when nothing happens.
    while commands.recv().is_ok() {
        loop {
            match commands.recv_timeout(QUIET) {
                Ok(()) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        trim();
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() {
    // SAFETY: malloc_trim only walks and releases glibc's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
