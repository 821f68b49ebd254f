//! Random quantities: a model `Distribution` turned into a `rand_distr` sampler once, checked,
//! then drawn from many times.

use rand::distr::Uniform;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Exp, LogNormal, Normal, Triangular};

use super::BatchError;
use crate::model::{Distribution, Duration};

/// What a distribution is over: minutes of a duration, or a plain number.
pub trait Quantity: Copy {
    fn value(self) -> f64;
}

impl Quantity for Duration {
    fn value(self) -> f64 {
        self.minutes as f64
    }
}

impl Quantity for f64 {
    fn value(self) -> f64 {
        self
    }
}

#[derive(Clone, Debug)]
pub(super) enum Sampler {
    Fixed(f64),
    Uniform(Uniform<f64>),
    Triangular(Triangular<f64>),
    /// Draws below zero count as zero when the quantity cannot be negative.
    Normal(Normal<f64>, bool),
    LogNormal(LogNormal<f64>),
    Exponential(Exp<f64>),
    /// Draws one of the values, each equally likely.
    Empirical(Vec<f64>, Uniform<usize>),
}

impl Sampler {
    /// Checks `distribution` and builds its sampler; `what` names it in errors ("the duration of
    /// \"Approve invoice\""), `non_negative` clamps normal draws at zero.
    pub(super) fn new<T: Quantity>(
        distribution: &Distribution<T>,
        what: &str,
        non_negative: bool,
    ) -> Result<Sampler, BatchError> {
        let bad = |why: &str| BatchError::BadDistribution {
            what: what.to_string(),
            why: why.to_string(),
        };
        let finite = |values: &[f64]| -> Result<(), BatchError> {
            match values.iter().all(|v| v.is_finite()) {
                true => Ok(()),
                false => Err(bad("every parameter must be a finite number")),
            }
        };
        Ok(match distribution {
            Distribution::Fixed { value } => {
                finite(&[value.value()])?;
                Sampler::Fixed(value.value())
            }
            Distribution::Uniform { min, max } => {
                let (min, max) = (min.value(), max.value());
                finite(&[min, max])?;
                if min > max {
                    return Err(bad("the minimum is above the maximum"));
                }
                match min == max {
                    true => Sampler::Fixed(min),
                    false => Sampler::Uniform(
                        Uniform::new_inclusive(min, max).map_err(|e| bad(&e.to_string()))?,
                    ),
                }
            }
            Distribution::Triangular { min, mode, max } => {
                let (min, mode, max) = (min.value(), mode.value(), max.value());
                finite(&[min, mode, max])?;
                if !(min <= mode && mode <= max) {
                    return Err(bad("the mode must lie between the minimum and the maximum"));
                }
                match min == max {
                    true => Sampler::Fixed(min),
                    false => Sampler::Triangular(
                        Triangular::new(min, max, mode).map_err(|e| bad(&e.to_string()))?,
                    ),
                }
            }
            Distribution::Normal { mean, sd } => {
                let (mean, sd) = (mean.value(), sd.value());
                finite(&[mean, sd])?;
                if sd < 0.0 {
                    return Err(bad("the standard deviation must be zero or more"));
                }
                Sampler::Normal(
                    Normal::new(mean, sd).map_err(|e| bad(&e.to_string()))?,
                    non_negative,
                )
            }
            Distribution::Lognormal { mean, sd } => {
                let (mean, sd) = (mean.value(), sd.value());
                finite(&[mean, sd])?;
                if mean <= 0.0 || sd < 0.0 {
                    return Err(bad(
                        "a lognormal needs a mean above zero and a standard deviation of zero or more",
                    ));
                }
                Sampler::LogNormal(
                    LogNormal::from_mean_cv(mean, sd / mean).map_err(|e| bad(&e.to_string()))?,
                )
            }
            Distribution::Exponential { mean } => {
                let mean = mean.value();
                finite(&[mean])?;
                if mean <= 0.0 {
                    return Err(bad("an exponential needs a mean above zero"));
                }
                Sampler::Exponential(Exp::new(1.0 / mean).map_err(|e| bad(&e.to_string()))?)
            }
            Distribution::Empirical { values } => {
                let values: Vec<f64> = values.iter().map(|v| v.value()).collect();
                finite(&values)?;
                let pick = Uniform::new(0, values.len())
                    .map_err(|_| bad("an empirical distribution needs at least one value"))?;
                Sampler::Empirical(values, pick)
            }
        })
    }

    pub(super) fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        match self {
            Sampler::Fixed(value) => *value,
            Sampler::Uniform(d) => d.sample(rng),
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Normal(d, true) => d.sample(rng).max(0.0),
            Sampler::Normal(d, false) => d.sample(rng),
            Sampler::LogNormal(d) => d.sample(rng),
            Sampler::Exponential(d) => d.sample(rng),
            Sampler::Empirical(values, pick) => values[pick.sample(rng)],
        }
    }
}
