//! Why a batch simulation was refused or stopped; each says what to change.

/// A parameter or definition the batch simulation cannot run with, or a run that was stopped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BatchError {
    #[error("\"{process}\" has no start event, so no instance can start")]
    NoStart { process: String },
    #[error("\"{node}\" calls another process; batch simulation runs one process at a time, so simulate the called process on its own")]
    CallActivity { node: String },
    #[error("the arrival rate must be a positive number per hour, not {rate}")]
    BadRate { rate: f64 },
    #[error("the arrival interval must be longer than 0m")]
    ZeroInterval,
    #[error("the arrival pattern lists no times")]
    NoArrivalTimes,
    #[error("{what}: {why}")]
    BadDistribution { what: String, why: String },
    #[error("role \"{role}\" is not the assignee of any task (assignees: {known})")]
    UnknownRole { role: String, known: String },
    #[error("role \"{role}\": {why}")]
    BadRole { role: String, why: String },
    #[error("\"{node}\": the cost per hour must be zero or more, not {cost}")]
    BadCost { node: String, cost: f64 },
    #[error("the probabilities of the ways out of \"{gateway}\" sum to {sum}, not 1")]
    ProbabilitySum { gateway: String, sum: f64 },
    #[error("\"{gateway}\": {why}")]
    BadProbability { gateway: String, why: String },
    #[error(
        "the flow {flow} has a probability but does not leave a gateway with a choice to make"
    )]
    StrayProbability { flow: String },
    #[error("\"{gateway}\" cannot decide: {reason}; give its ways out probabilities or generate the variables its conditions read")]
    Undecided { gateway: String, reason: String },
    #[error("data for `{variable}`: {why}")]
    BadGenerator { variable: String, why: String },
    #[error("an instance fired {limit} steps without ending: a loop that rarely exits? Check the probabilities around it")]
    Loop { limit: u32 },
    #[error("the run needs at least one instance or a horizon longer than 0m")]
    NothingToRun,
    #[error("{asked} instances is more than one run takes ({most} at most); run fewer, or several runs with other seeds")]
    TooManyInstances { asked: u64, most: u64 },
    #[error("the warm-up must be shorter than the horizon")]
    WarmUpTooLong,
    #[error("\"{node}\" cannot repeat: {why}")]
    Repeat { node: String, why: String },
    #[error("\"{node}\" looped {most} times in one instance: its condition never stops holding; check the data its condition reads")]
    EndlessLoop { node: String, most: u32 },
    #[error("the simulation was cancelled")]
    Cancelled,
}
