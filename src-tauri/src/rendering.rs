//! How WebKitGTK draws the window. Flowlane draws one 2D canvas and a few panels; WebKit's
//! accelerated compositing adds GL layers to the web process for that, which measured 112 MiB
//! more memory with a 5,000-node process open (PSS, `scripts/bench-app`) and no faster frames,
//! and is what shows a black window on software GL and some NVIDIA drivers. So it is off unless
//! the environment says otherwise.

/// WebKit's own switch; read by the app and inherited by the web processes it starts.
const COMPOSITING_SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Turns accelerated compositing off, unless the user set WebKit's switch themselves (`=0`
/// keeps it on). Call first in `main`, before any thread or window exists.
pub fn prefer_plain_compositing() {
    if std::env::var_os(COMPOSITING_SWITCH).is_none() {
        std::env::set_var(COMPOSITING_SWITCH, "1");
    }
}
