//! The bytes under a log: gzip unpacked when the magic bytes say so, and a cap on how much text
//! is taken, so a huge file or a gzip bomb is refused instead of filling the memory.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

use super::LogError;

/// Bytes taken from the input as it came (compressed for gzip), for progress.
#[derive(Clone, Default)]
pub struct Counter(Rc<Cell<u64>>);

impl Counter {
    pub fn get(&self) -> u64 {
        self.0.get()
    }
}

struct Counting<R> {
    inner: R,
    counter: Counter,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.0.set(self.counter.0.get() + n as u64);
        Ok(n)
    }
}

/// Fails once more than `limit` bytes have been read through it.
struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

/// The marker inside the io::Error a capped read fails with.
#[derive(Debug)]
struct OverCap(u64);

impl std::fmt::Display for OverCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {} bytes", self.0)
    }
}

impl std::error::Error for OverCap {}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::other(OverCap(self.limit)));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// The text of a log and the counter of raw bytes taken.
pub fn open<'a>(
    input: impl Read + 'a,
    limit: u64,
) -> Result<(Box<dyn Read + 'a>, Counter), LogError> {
    let counter = Counter::default();
    let mut raw = BufReader::new(Counting {
        inner: input,
        counter: counter.clone(),
    });
    let head = raw.fill_buf().map_err(io)?;
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    let text: Box<dyn Read + 'a> = if gzip {
        Box::new(flate2::bufread::MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let capped = Capped {
        inner: text,
        left: limit,
        limit,
    };
    Ok((Box::new(capped), counter))
}

/// Whether the text starts (after a byte-order mark and white space, both skipped) with `<`.
pub fn looks_like_xml(text: &mut impl BufRead) -> Result<bool, LogError> {
    if text
        .fill_buf()
        .map_err(io)?
        .starts_with(&[0xef, 0xbb, 0xbf])
    {
        text.consume(3);
    }
    loop {
        let Some(&first) = text.fill_buf().map_err(io)?.first() else {
            return Ok(false);
        };
        if !first.is_ascii_whitespace() {
            return Ok(first == b'<');
        }
        text.consume(1);
    }
}

/// An I/O error as the log error it is: the cap, or a failed read.
pub fn io(err: std::io::Error) -> LogError {
    match over_cap(&err) {
        Some(limit) => LogError::TooLarge { limit },
        None => LogError::Io(err.to_string()),
    }
}

/// The cap's limit if `err` (or what it wraps) is the cap's refusal.
pub fn over_cap(err: &(dyn std::error::Error + 'static)) -> Option<u64> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if let Some(OverCap(limit)) = io.get_ref().and_then(|i| i.downcast_ref::<OverCap>()) {
                return Some(*limit);
            }
        }
        if let Some(OverCap(limit)) = e.downcast_ref::<OverCap>() {
            return Some(*limit);
        }
        current = e.source();
    }
    None
}
