//! A duration distribution fitted to observed values: exponential and lognormal by maximum
//! likelihood, each judged by its Kolmogorov–Smirnov distance to the values; the closer one is
//! taken unless both are rejected at the 5 % level, then the values themselves (empirical).

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Exp, LogNormal};
use ts_rs::TS;

use crate::model::{Distribution, Duration};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FitKind {
    Exponential,
    Lognormal,
    Empirical,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub kind: FitKind,
    pub mean: f64,
    pub sd: f64,
    /// Kolmogorov–Smirnov distance of the chosen formula to the values (0 for empirical).
    pub ks: f64,
}

/// The 5 % critical value of the one-sample KS statistic is about 1.36/√n.
const KS_CRITICAL: f64 = 1.36;

/// Fits `values` (minutes, none negative). None for no values.
pub fn fit(values: &[f64]) -> Option<Fit> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let mean = sorted.iter().sum::<f64>() / n;
    let sd = (sorted.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    let empirical = Fit {
        kind: FitKind::Empirical,
        mean,
        sd,
        ks: 0.0,
    };
    if sorted.len() < 2 || sd == 0.0 {
        return Some(empirical);
    }
    let mut candidates = Vec::new();
    if let Ok(exp) = Exp::new(1.0 / mean) {
        candidates.push((FitKind::Exponential, one_sample_ks(&sorted, |x| exp.cdf(x))));
    }
    if sorted[0] > 0.0 {
        let logs: Vec<f64> = sorted.iter().map(|v| v.ln()).collect();
        let mu = logs.iter().sum::<f64>() / n;
        let sigma = (logs.iter().map(|l| (l - mu).powi(2)).sum::<f64>() / n).sqrt();
        if let Ok(lognormal) = LogNormal::new(mu, sigma) {
            candidates.push((
                FitKind::Lognormal,
                one_sample_ks(&sorted, |x| lognormal.cdf(x)),
            ));
        }
    }
    let best = candidates.into_iter().min_by(|a, b| a.1.total_cmp(&b.1));
    match best {
        Some((kind, ks)) if ks <= KS_CRITICAL / n.sqrt() => Some(Fit {
            kind,
            ks,
            ..empirical
        }),
        _ => Some(empirical),
    }
}

/// The largest gap between the values' step function and `cdf` (values sorted).
pub fn one_sample_ks(sorted: &[f64], cdf: impl Fn(f64) -> f64) -> f64 {
    let n = sorted.len() as f64;
    sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
        })
        .fold(0.0, f64::max)
}

/// The fit as a task's duration distribution. Durations are whole minutes, so means round to
/// the minute and never below one (a lognormal or exponential needs a mean above zero).
pub fn distribution(fit: &Fit, values: &[f64]) -> Distribution<Duration> {
    let minutes = |v: f64| Duration::minutes(v.round().max(0.0) as u64);
    let mean = Duration::minutes(fit.mean.round().max(1.0) as u64);
    match fit.kind {
        FitKind::Exponential => Distribution::Exponential { mean },
        FitKind::Lognormal => Distribution::Lognormal {
            mean,
            sd: minutes(fit.sd),
        },
        FitKind::Empirical => Distribution::Empirical {
            values: values.iter().map(|&v| minutes(v)).collect(),
        },
    }
}

/// The two-sample Kolmogorov–Smirnov statistic: the largest gap between the two step functions.
pub fn two_sample_ks(a: &[f64], b: &[f64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 1.0;
    }
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let (n, m) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j, mut d) = (0usize, 0usize, 0f64);
    while i < a.len() && j < b.len() {
        let x = a[i].min(b[j]);
        while i < a.len() && a[i] <= x {
            i += 1;
        }
        while j < b.len() && b[j] <= x {
            j += 1;
        }
        d = d.max((i as f64 / n - j as f64 / m).abs());
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn draws(d: impl rand_distr::Distribution<f64>, n: usize) -> Vec<f64> {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        (0..n).map(|_| d.sample(&mut rng)).collect()
    }

    #[test]
    fn the_family_the_values_came_from_is_chosen() {
        let exp = fit(&draws(rand_distr::Exp::new(1.0 / 30.0).unwrap(), 2000)).unwrap();
        assert_eq!(exp.kind, FitKind::Exponential);
        assert!((exp.mean - 30.0).abs() < 2.0, "{exp:?}");
        let log = fit(&draws(rand_distr::LogNormal::new(3.0, 0.5).unwrap(), 2000)).unwrap();
        assert_eq!(log.kind, FitKind::Lognormal);
        // Two clusters: neither formula fits.
        let mut two = vec![10.0; 500];
        two.extend(vec![100.0; 500]);
        two.iter_mut()
            .enumerate()
            .for_each(|(i, v)| *v += (i % 7) as f64);
        assert_eq!(fit(&two).unwrap().kind, FitKind::Empirical);
    }

    #[test]
    fn two_sample_ks_is_the_largest_gap() {
        assert_eq!(two_sample_ks(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0]), 0.0);
        assert_eq!(two_sample_ks(&[1.0, 2.0], &[3.0, 4.0]), 1.0);
        assert!((two_sample_ks(&[1.0, 2.0, 3.0, 4.0], &[2.5, 3.5]) - 0.5).abs() < 1e-12);
    }
}
