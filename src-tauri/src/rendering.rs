//! How WebKitGTK draws the window. Flowlane draws one 2D canvas and a few panels; WebKit's
//! accelerated compositing adds GL layers to the web process for that, which measured 112 MiB
//! more memory with a 5,000-node process open (PSS, `scripts/bench-app`) and no faster frames,
//! and is what shows a black window on software GL and some NVIDIA drivers. So it is off unless
//! the environment says otherwise.
//!
//! With compositing off nothing in the app's own process draws with GL. Yet GTK probes GLX when
//! it opens the display, and WebKit asks EGL which GPU to name to the web process; each probe
//! loads Mesa into the app (with software GL that is llvmpipe and 20 MiB of LLVM: app process
//! −27 MiB PSS without them). So those probes are answered beforehand.

use std::path::{Path, PathBuf};

/// WebKit's own switch; read by the app and inherited by the web processes it starts.
const COMPOSITING_SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Turns accelerated compositing off, unless the user set WebKit's switch themselves (`=0`
/// keeps it on, and everything else as WebKit would have it). Call first in `main`, before any
/// thread or window exists.
pub fn prefer_plain_compositing() {
    set_unless_given(COMPOSITING_SWITCH, "1");
    if std::env::var(COMPOSITING_SWITCH).is_ok_and(|value| value != "0") {
        answer_gl_probes();
    }
}

/// Each variable is left alone when the user set it.
fn answer_gl_probes() {
    // GTK 3: no GL contexts in this process (GTK then skips its GLX visual probe).
    set_unless_given("GDK_GL", "disable");
    // The DMA-BUF renderer only carries composited frames.
    set_unless_given("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    // WebKit's override of its EGL device query. Without a render node (software GL) the query
    // would find none, and the web process, drawing without GPU buffers, never opens the path.
    let node =
        first_render_node(Path::new("/dev/dri")).unwrap_or_else(|| PathBuf::from("/dev/null"));
    set_unless_given("WEBKIT_WEB_RENDER_DEVICE_FILE", node.as_os_str());
}

fn set_unless_given(name: &str, value: impl AsRef<std::ffi::OsStr>) {
    if std::env::var_os(name).is_none() {
        std::env::set_var(name, value);
    }
}

/// The GPU's render node WebKit would have found first (`renderD128` before `renderD129`).
fn first_render_node(dri: &Path) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dri).ok()?;
    let is_render_node = |path: &PathBuf| {
        path.file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with("renderD"))
    };
    entries
        .flatten()
        .map(|entry| entry.path())
        .filter(is_render_node)
        .min()
}

#[cfg(test)]
mod tests {
    use super::first_render_node;

    #[test]
    fn the_first_render_node_is_named_and_a_machine_without_one_has_none() {
        let dri = tempfile::tempdir().unwrap();
        assert_eq!(first_render_node(dri.path()), None);
        for name in ["card0", "renderD129", "renderD128", "by-path"] {
            std::fs::write(dri.path().join(name), "").unwrap();
        }
        assert_eq!(
            first_render_node(dri.path()),
            Some(dri.path().join("renderD128"))
        );
        assert_eq!(first_render_node(&dri.path().join("missing")), None);
    }
}
