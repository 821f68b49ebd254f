//! Event sub-process fixtures the step and the batch simulation tests share.

/// At the process level: an order handled in 2h + 1h, cancelled by a message.
pub const CANCELLED_ORDER: &str = "
    S:start -> A:task{duration=2h} -> B:task{duration=1h} -> E:end
    V:sub{sub=event}
    VS:start{in=V,on=message,message=Cancel} -> VA:task{in=V,duration=1h} -> VE:end{in=V}";

/// In a sub-process: 5h of work, watched by a non-interrupting 2-hour timer.
pub const REMINDED: &str = "
    S:start -> P:sub -> After:task{duration=1h} -> E:end
    PS:start{in=P} -> PA:task{in=P,duration=5h} -> PE:end{in=P}
    V:sub{sub=event,in=P}
    VS:start{in=V,on=timer,iso=PT2H,interrupting=no} -> VA:task{in=V,duration=1h} -> VE:end{in=V}";

/// An error thrown on one branch of a sub-process while the other branch still works.
pub const VOIDED: &str = "
    S:start -> P:sub -> After:task{duration=1h} -> E:end
    PS:start{in=P} -> G:and{in=P} -> PA:task{in=P,duration=1h} -> PX:end{in=P,on=error,code=VOID}
    G -> PB:task{in=P,duration=5h} -> PE:end{in=P}
    V:sub{sub=event,in=P}
    VS:start{in=V,on=error,code=VOID} -> VA:task{in=V,duration=2h} -> VE:end{in=V}";

/// A signal thrown after 1h, and an event sub-process of 1h that starts on it.
pub const SIGNALLED: &str = "
    S:start -> A:task{duration=1h} -> T:throw{on=signal,signal=Recall} -> E:end
    V:sub{sub=event}
    VS:start{in=V,on=signal,signal=Recall,interrupting=no} -> VA:task{in=V} -> VE:end{in=V}";
