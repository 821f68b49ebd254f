//! When instances start: the process's arrival pattern as a stream of run times (minutes).

use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Exp};

use super::options::{BatchOptions, StopAt};
use super::BatchError;
use crate::model::Arrivals;

/// Without an arrival pattern, one instance starts every hour.
const DEFAULT_EVERY: f64 = 60.0;

#[derive(Clone, Debug)]
pub(super) enum ArrivalStream {
    Poisson {
        gap: Exp<f64>,
        per_minute: f64,
        next: f64,
    },
    Interval {
        every: f64,
        count: u64,
    },
    Times {
        at: Vec<f64>,
        index: usize,
    },
}

impl ArrivalStream {
    pub(super) fn new(arrivals: Option<&Arrivals>) -> Result<ArrivalStream, BatchError> {
        Ok(match arrivals {
            None => ArrivalStream::Interval {
                every: DEFAULT_EVERY,
                count: 0,
            },
            Some(Arrivals::Poisson { per_hour }) => {
                if !(per_hour.is_finite() && *per_hour > 0.0) {
                    return Err(BatchError::BadRate { rate: *per_hour });
                }
                let gap = Exp::new(per_hour / 60.0)
                    .map_err(|_| BatchError::BadRate { rate: *per_hour })?;
                ArrivalStream::Poisson {
                    gap,
                    per_minute: per_hour / 60.0,
                    next: 0.0,
                }
            }
            Some(Arrivals::Interval { every }) => {
                if every.minutes == 0 {
                    return Err(BatchError::ZeroInterval);
                }
                ArrivalStream::Interval {
                    every: every.minutes as f64,
                    count: 0,
                }
            }
            Some(Arrivals::Times { at }) => {
                if at.is_empty() {
                    return Err(BatchError::NoArrivalTimes);
                }
                let mut at: Vec<f64> = at.iter().map(|d| d.minutes as f64).collect();
                at.sort_by(f64::total_cmp);
                ArrivalStream::Times { at, index: 0 }
            }
        })
    }

    /// The next arrival, or none when a list of times is used up. A Poisson stream's first
    /// arrival comes one random gap after the start.
    pub(super) fn next(&mut self, rng: &mut ChaCha8Rng) -> Option<f64> {
        match self {
            ArrivalStream::Poisson { gap, next, .. } => {
                *next += gap.sample(rng);
                Some(*next)
            }
            ArrivalStream::Interval { every, count } => {
                let at = *every * *count as f64;
                *count += 1;
                Some(at)
            }
            ArrivalStream::Times { at, index } => {
                let next = at.get(*index).copied();
                *index += 1;
                next
            }
        }
    }
}

/// About how long the run will take on the clock, to space the queue samples.
pub(super) fn expected_span(arrivals: &ArrivalStream, options: &BatchOptions) -> f64 {
    match (options.stop, arrivals) {
        (StopAt::Horizon(h), _) => h.minutes as f64,
        (StopAt::Instances(n), ArrivalStream::Poisson { per_minute, .. }) => n as f64 / per_minute,
        (StopAt::Instances(n), ArrivalStream::Interval { every, .. }) => n as f64 * every,
        (StopAt::Instances(_), ArrivalStream::Times { at, .. }) => {
            at.last().copied().unwrap_or(0.0)
        }
    }
    .max(60.0)
}
