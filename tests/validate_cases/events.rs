//! Rows for the event, pool and sub-process rules, in the shape of `CASES`: (code, fixture that
//! triggers it, near-identical fixture that does not). Fixtures that begin with settings start
//! with a blank line, so they are not read as additions to the base process.

pub const CASES: &[(&str, &str, &str)] = &[
    (
        "event-gateway-choices",
        "S:start -> G:evt -> M:catch{on=message,message=Paid} -> E:end",
        "S:start -> G:evt -> M:catch{on=message,message=Paid} -> E:end \n G -> T:catch{on=timer,iso=P3D} -> E",
    ),
    (
        "event-gateway-target",
        "S:start -> G:evt -> M:catch{on=message,message=Paid} -> E:end \n G -> T:task -> E",
        "S:start -> G:evt -> M:catch{on=message,message=Paid} -> E:end \n G -> T:receive{message=Late} -> E",
    ),
    (
        "boundary-flows",
        "S:start -> A:task -> E:end \n B:boundary{host=A,on=timer,iso=P3D}",
        "S:start -> A:task -> E:end \n B:boundary{host=A,on=timer,iso=P3D} -> E",
    ),
    (
        "boundary-host",
        "S:start -> A:task -> E:end \n B:boundary{host=S,on=timer,iso=P3D} -> E",
        "S:start -> A:task -> E:end \n B:boundary{host=A,on=timer,iso=P3D} -> E",
    ),
    (
        "timer-syntax",
        "S:start -> T:catch{on=timer,iso=3 days} -> E:end",
        "S:start -> T:catch{on=timer,iso=P3D} -> E:end",
    ),
    (
        "link-unmatched",
        "S:start -> L:throw{on=link,link=Next} \n C:catch{on=link,link=Other} -> E:end",
        "S:start -> L:throw{on=link,link=Next} \n C:catch{on=link,link=Next} -> E:end",
    ),
    (
        "message-name-missing",
        "S:start -> M:catch{on=message,message=} -> E:end",
        "S:start -> M:catch{on=message,message=Paid} -> E:end",
    ),
    (
        "message-flow-pools",
        "\n@pool=Us \n @pool=Supplier \n S:start -> A:send{message=Order} -> E:end \n @message=A>E",
        "\n@pool=Us \n @pool=Supplier \n S:start -> A:send{message=Order} -> E:end \n @message=A>Supplier",
    ),
    (
        "flow-crosses-pools",
        "\n@pool=Us \n @pool=Them \n @lane=Partner:1:Them \n S:start -> A:task{lane=Partner} -> E:end",
        "\n@pool=Us \n @pool=Them \n @lane=Partner:1:Them \n S:start -> A:task -> E:end",
    ),
    (
        "flow-crosses-sub-process",
        "S:start -> P:sub -> E:end \n PS:start{in=P} -> PA:task{in=P} -> E",
        "S:start -> P:sub -> E:end \n PS:start{in=P} -> PA:task{in=P} -> PE:end{in=P}",
    ),
    (
        "sub-process-start-trigger",
        "S:start -> P:sub -> E:end \n PS:start{in=P,on=message,message=Go} -> PE:end{in=P}",
        "S:start -> P:sub -> E:end \n PS:start{in=P} -> PE:end{in=P}",
    ),
    (
        "event-sub-process-start",
        "S:start -> E:end \n V:sub{sub=event} \n VS:start{in=V} -> VE:end{in=V}",
        "S:start -> E:end \n V:sub{sub=event} \n VS:start{in=V,on=message,message=Cancel} -> VE:end{in=V}",
    ),
    (
        "event-sub-process-flows",
        "S:start -> V:sub{sub=event} -> E:end \n VS:start{in=V,on=message,message=Cancel} -> VE:end{in=V}",
        "S:start -> E:end \n V:sub{sub=event} \n VS:start{in=V,on=message,message=Cancel} -> VE:end{in=V}",
    ),
    (
        "sub-process-incomplete",
        "S:start -> P:sub -> E:end \n PS:start{in=P} -> PA:task{in=P}",
        "S:start -> P:sub -> E:end \n PS:start{in=P} -> PA:task{in=P} -> PE:end{in=P}",
    ),
    (
        "throw-uncaught",
        "S:start -> P:sub -> E:end \n PS:start{in=P} -> PE:end{in=P,on=error,code=VOID}",
        "S:start -> P:sub -> E:end \n PS:start{in=P} -> PE:end{in=P,on=error,code=VOID} \n B:boundary{host=P,on=error,code=VOID} -> E",
    ),
];
