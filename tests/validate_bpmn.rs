//! Validation of the BPMN constructs as a whole: a process using all of them is clean (the
//! connectivity and soundness rules understand boundary events, sub-processes, event
//! sub-processes and event-based gateways), and soundness finds what goes wrong inside them,
//! with a run that replays.

mod support;

use flowlane::validate::Problem;
use support::{build, codes, problems, replay};

/// Pools and a message flow, a non-interrupting timer on a task, an event-based gateway, a
/// sub-process with an error caught on its border, an event sub-process.
const RICH: &str = "
    @pool=Us
    @pool=Customer
    S:start -> A:task -> G:evt -> M:catch{on=message,message=Paid} -> J:xor -> P:sub -> E:end
    G -> T:catch{on=timer,iso=P14D} -> J
    PS:start{in=P} -> PG:xor{in=P} -> PA:task{in=P} | ok | approved
    PG -> PV:end{in=P,on=error,code=VOID} | void | default
    PA -> PE:end{in=P}
    R:boundary{host=A,on=timer,iso=P3D,interrupting=no} -> Esc:task -> E2:end
    X:boundary{host=P,on=error,code=VOID} -> E3:end
    V:sub{sub=event}
    VS:start{in=V,on=escalation,code=,interrupting=no} -> VT:task{in=V} -> VE:end{in=V}
    @message=Customer>M";

#[test]
fn a_process_using_every_construct_is_clean() {
    assert_eq!(problems(RICH), Vec::<Problem>::new());
}

fn with_code<'a>(found: &'a [Problem], code: &str) -> Vec<&'a Problem> {
    found.iter().filter(|p| p.code == code).collect()
}

#[test]
fn a_message_that_never_comes_deadlocks_with_a_run_that_replays() {
    let text = "
        @pool=Us
        @pool=Supplier
        S:start -> F:and -> O:send{message=Order} -> J:and -> E:end
        F -> W:catch{on=message,message=Confirmation} -> J
        @message=O>Supplier";
    let (process, _) = build(text);
    let found = problems(text);
    let deadlocks = with_code(&found, "deadlock");
    let names: Vec<&str> = deadlocks.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        names,
        [
            "\"J\" can wait forever for the one from \"W\": in this run only the one from \"O\" arrives",
            "\"W\" waits forever: no message flow brings its message",
        ]
    );
    for p in deadlocks {
        let left = replay(&process, &p.path);
        assert!(!left.is_empty(), "the run ends with tokens stuck");
    }
    let answered = format!("{text}\n@message=Supplier>W");
    assert_eq!(codes(&problems(&answered)), Vec::<&str>::new());
}

#[test]
fn an_event_based_gateway_lets_the_event_that_can_come_win() {
    let text = "
        @pool=Us
        @pool=Customer
        S:start -> G:evt -> M:catch{on=message,message=Paid} -> J:xor -> E:end
        G -> T:catch{on=timer,iso=P14D} -> J";
    let found = problems(text);
    assert_eq!(codes(&found), ["dead-task"], "{found:#?}");
    assert_eq!(
        found[0].message,
        "\"M\" never runs: no run of the process gets there"
    );
    let with_flow = format!("{text}\n@message=Customer>M");
    assert_eq!(codes(&problems(&with_flow)), Vec::<&str>::new());
}

#[test]
fn soundness_plays_inside_sub_processes() {
    let text = "
        S:start -> P:sub -> E:end
        PS:start{in=P} -> X:xor{in=P} -> A:task{in=P} | a | approved
        X -> B:task{in=P} | b | default
        A -> J:and{in=P} -> PE:end{in=P}
        B -> J";
    let (process, _) = build(text);
    let found = problems(text);
    let deadlock = with_code(&found, "deadlock");
    assert_eq!(deadlock.len(), 1, "{found:#?}");
    assert_eq!(
        process.node(deadlock[0].element.unwrap()).unwrap().name,
        "J"
    );
    let run: Vec<&str> = (deadlock[0].path.iter())
        .map(|s| process.node(s.node).unwrap().name.as_str())
        .collect();
    assert_eq!(run, ["S", "P", "PS", "X", "A"]);
    replay(&process, &deadlock[0].path);
    // The sub-process completes only when its branches are joined: with an XOR join it is sound.
    let joined = text.replace("J:and", "J:xor");
    assert_eq!(codes(&problems(&joined)), Vec::<&str>::new());
}

#[test]
fn an_interrupting_boundary_takes_the_host_and_everything_inside_it() {
    let text = "
        S:start -> P:sub -> E:end
        PS:start{in=P} -> F:and{in=P} -> A:task{in=P} -> J:and{in=P} -> PE:end{in=P}
        F -> B:task{in=P} -> J
        T:boundary{host=P,on=timer,iso=P3D} -> Late:task -> E2:end";
    let found = problems(text);
    assert_eq!(codes(&found), Vec::<&str>::new(), "{found:#?}");
    // Without interrupting, the late branch ends while the sub-process still works: allowed,
    // since the host goes on; but a late branch that joins the main one again is unsafe.
    let rejoined = "
        S:start -> A:task -> M:xor -> E:end
        T:boundary{host=A,on=timer,iso=P3D,interrupting=no} -> Late:task -> M";
    let (process, _) = build(rejoined);
    let found = problems(rejoined);
    let unsafe_ = with_code(&found, "lack-of-synchronisation");
    assert_eq!(unsafe_.len(), 1, "{found:#?}");
    let left = replay(&process, &unsafe_[0].path);
    assert_eq!(left.values().max(), Some(&2), "two tokens on one flow");
    let steps: Vec<&str> = (unsafe_[0].path.iter())
        .map(|s| process.node(s.node).unwrap().name.as_str())
        .collect();
    assert_eq!(steps[..2], ["S", "T"], "the timer fires while A works");
    assert!(
        unsafe_[0].path[1].consumed.is_empty(),
        "and A keeps its token"
    );
}

#[test]
fn event_conditions_and_timers_are_checked_like_flow_conditions() {
    let found = problems("S:start -> C:catch{on=conditional,condition=amont > 1} -> E:end");
    let p = with_code(&found, "condition-undeclared");
    assert_eq!(p.len(), 1, "{found:#?}");
    assert!(
        p[0].message
            .starts_with("\"C\"'s event has condition `amont > 1`"),
        "{}",
        p[0].message
    );
    let fine = problems("S:start -> C:catch{on=conditional,condition=amount > 1} -> E:end");
    assert_eq!(codes(&fine), Vec::<&str>::new());
    for (timer, ok) in [
        ("date=2026-03-01T09:00:00Z", true),
        ("date=next week", false),
        ("cycle=R3/PT1H", true),
        ("cycle=every hour", false),
    ] {
        let text = format!("S:start -> T:catch{{on=timer,{timer}}} -> E:end");
        let found = problems(&text);
        assert_eq!(
            with_code(&found, "timer-syntax").is_empty(),
            ok,
            "{text}: {found:#?}"
        );
    }
}
