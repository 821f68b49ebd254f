//! `kill -9` of `flowlane save` at a random moment: the library must always open, verify clean,
//! number its versions without gaps and hold each save whole or not at all.
//!
//! 20 rounds by default; `FLOWLANE_KILL_ROUNDS=N` runs N (the README's figure is from 1,000).

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flowlane::canonical;
use flowlane::store::Library;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use support::cli::{flowlane, library_with_samples};

fn rounds() -> usize {
    std::env::var("FLOWLANE_KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20)
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_library_whole() {
    let (dir, lib) = library_with_samples();
    let library = Library::open(&lib).unwrap();
    let id = library.find("Contract review").unwrap().id;
    let (_, base) = library.load(id, None).unwrap();
    drop(library);
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let started = Instant::now();
    let (mut killed, mut landed) = (0, 0);
    for round in 0..rounds() {
        let mut definition = base.clone();
        definition.info.owner = format!("round {round}");
        let file = dir.path().join("next.json");
        std::fs::write(&file, canonical::to_bytes(&definition)).unwrap();
        let mut save = Command::new(env!("CARGO_BIN_EXE_flowlane"))
            .args(["save", "Contract review", file.to_str().unwrap(), "-m"])
            .arg(format!("round {round}"))
            .env("FLOWLANE_LIBRARY", &lib)
            .env("FLOWLANE_AUTHOR", "kill-test")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A save takes 10–30 ms from the start of the process: kill anywhere from before it opens
        // the file to after it has committed.
        std::thread::sleep(Duration::from_micros(rng.random_range(0..40_000)));
        let _ = save.kill(); // SIGKILL
        let status = save.wait().unwrap();
        if status.success() {
            landed += 1;
        } else {
            killed += 1;
        }
        let library = Library::open(&lib).expect("the library opens after every kill");
        let history = library.history(base.id).unwrap();
        let numbers: Vec<u32> = history.iter().map(|v| v.number).collect();
        let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected, "round {round}: numbers without gaps");
        if let Some(newest) = history.iter().max_by_key(|v| v.number) {
            let (_, stored) = library.load(base.id, Some(newest.number)).unwrap();
            assert_eq!(
                canonical::hash(&stored),
                newest.hash,
                "round {round}: whole"
            );
        }
    }
    let verify = flowlane(&lib, &["verify"]);
    assert_eq!(verify.status, 0, "{}{}", verify.stdout, verify.stderr);
    eprintln!(
        "{} rounds in {:.1} s: {killed} saves killed, {landed} landed; library verifies clean",
        rounds(),
        started.elapsed().as_secs_f64()
    );
}
