//! Process trees: what the inductive miner finds. Leaves are activities or the silent step
//! (tau); operators combine their children in sequence, as an exclusive choice, in parallel,
//! or as a loop (the first child done, then any number of times the second and the first
//! again).

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "TreeOperator")]
pub enum Operator {
    Sequence,
    Xor,
    Parallel,
    Loop,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum ProcessTree {
    /// The silent step: nothing is done.
    Tau,
    Activity {
        name: String,
    },
    Operator {
        operator: Operator,
        children: Vec<ProcessTree>,
    },
}

impl ProcessTree {
    /// The activities the tree names, each once, in the order they appear.
    pub fn activities(&self) -> Vec<&str> {
        let mut names = Vec::new();
        self.collect(&mut names);
        names
    }

    /// The same behaviour written shorter, as pm4py folds its trees: a choice in a choice, a
    /// sequence in a sequence and a parallel block in a parallel block become one; silent
    /// steps in a sequence or parallel block go, a choice keeps one; an operator left with one
    /// child is that child, a loop of silent steps is one.
    pub fn fold(self) -> ProcessTree {
        let ProcessTree::Operator { operator, children } = self else {
            return self;
        };
        let mut kept: Vec<ProcessTree> = Vec::new();
        let keep = |child: ProcessTree, kept: &mut Vec<ProcessTree>| {
            let silent = child == ProcessTree::Tau;
            match operator {
                Operator::Sequence | Operator::Parallel if silent => {}
                Operator::Xor if silent && kept.contains(&ProcessTree::Tau) => {}
                _ => kept.push(child),
            }
        };
        for child in children.into_iter().map(ProcessTree::fold) {
            match child {
                ProcessTree::Operator {
                    operator: inner,
                    children: grandchildren,
                } if inner == operator && operator != Operator::Loop => {
                    grandchildren.into_iter().for_each(|g| keep(g, &mut kept));
                }
                child => keep(child, &mut kept),
            }
        }
        if kept.iter().all(|c| *c == ProcessTree::Tau) {
            return ProcessTree::Tau;
        }
        if kept.len() == 1 {
            return kept.remove(0);
        }
        ProcessTree::Operator {
            operator,
            children: kept,
        }
    }

    fn collect<'a>(&'a self, names: &mut Vec<&'a str>) {
        match self {
            ProcessTree::Tau => {}
            ProcessTree::Activity { name } => names.push(name),
            ProcessTree::Operator { children, .. } => {
                children.iter().for_each(|c| c.collect(names));
            }
        }
    }
}

impl Operator {
    /// The symbol pm4py and the inductive miner's papers write.
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::Sequence => "->",
            Operator::Xor => "X",
            Operator::Parallel => "+",
            Operator::Loop => "*",
        }
    }
}

/// pm4py's notation, `->( 'a', X( +( 'b', 'c' ), 'e' ), 'd' )`, so the two can be read side by
/// side.
impl fmt::Display for ProcessTree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProcessTree::Tau => write!(f, "tau"),
            ProcessTree::Activity { name } => write!(f, "'{name}'"),
            ProcessTree::Operator { operator, children } => {
                write!(f, "{}( ", operator.symbol())?;
                for (i, child) in children.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{child}")?;
                }
                write!(f, " )")
            }
        }
    }
}
