//! Rust/TypeScript twins pinned by shared fixtures: each file under `tests/fixtures/twins/` holds
//! inputs and the outputs the core computes for them; these tests demand the core still computes
//! exactly that file, and `ui/tests/twins.test.ts` demands the same of the app's TypeScript.
//! `FLOWLANE_BLESS=1 cargo test -p flowlane --test twins` rewrites the files from the core.

mod duration;
mod filter;
mod fixture;
mod routing;
mod scene;
mod wrap;
