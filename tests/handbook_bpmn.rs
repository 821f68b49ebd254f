//! The handbook says in words what events do: the escalations boundary events start and what
//! a step waits for, in both renderings.

mod support;

use std::collections::HashMap;

use flowlane::export::handbook::{self, Source};
use support::build;

const INVOICE: &str = "
    S:start -> Check:task{assignee=Clerk} -> G:evt -> W:catch{on=message,message=Corrected invoice received} -> J:xor -> E:end
    G -> T:catch{on=timer,iso=P14D} -> J
    R:boundary{host=Check,on=timer,iso=P3D,interrupting=no} -> Remind:task{assignee=Team lead} -> E2:end
    X:boundary{host=Check,on=error,code=VOID} -> Void:task{assignee=Clerk} -> E3:end";

#[test]
fn escalations_and_waits_read_in_words() {
    let (process, _) = build(INVOICE);
    let names = HashMap::new();
    let source = Source::unsaved(&process, &names);
    let text = handbook::markdown(&source);
    for words in [
        "If not done within 3 days: escalate to “Remind” (Team lead)",
        "If it fails with “VOID”: stop and go on at “Void” (Clerk)",
        "**G** — Waits for message “Corrected invoice received”, or 14 days",
        "**W** — Waits for message “Corrected invoice received”",
        "**R** — on timer: 3 days while “Check” runs",
    ] {
        assert!(text.contains(words), "missing {words:?} in:\n{text}");
    }
    let page = handbook::html(&source);
    assert!(
        page.contains("If not done within 3 days: escalate to “Remind” (Team lead)"),
        "{page}"
    );
}

#[test]
fn event_sub_processes_say_when_they_start_and_what_they_do_to_the_rest() {
    let (process, _) = build(
        "S:start -> P:sub -> E:end
         PS:start{in=P} -> PA:task{in=P,assignee=Clerk} -> PE:end{in=P}
         V:sub{sub=event,in=P}
         VS:start{in=V,on=timer,iso=P2D,interrupting=no} -> Remind:task{in=V,assignee=Team lead} -> VE:end{in=V}
         C:sub{sub=event}
         CS:start{in=C,on=message,message=Cancel} -> Refund:task{in=C,assignee=Clerk} -> CE:end{in=C}",
    );
    let names = HashMap::new();
    let text = handbook::markdown(&Source::unsaved(&process, &names));
    for words in [
        "While “P” runs, if it is not done within 2 days: also do “Remind” (Team lead)",
        "While the process runs, if message “Cancel” comes: stop the rest and do “Refund” (Clerk)",
    ] {
        assert!(text.contains(words), "missing {words:?} in:\n{text}");
    }
}
