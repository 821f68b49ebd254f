"""Runs Flowlane's exported sample processes on SpiffWorkflow, the BPMN engine, and checks that
the engine completes the same tasks in the same order as Flowlane's step simulator did for the
same scenario.

Usage: python run_spiff.py PLAN.json...
Each plan (written by `cargo test --test bpmn_export`, beside the exports) names the exported
file (relative to the plan's parent folder), the scenario's data, the tasks the simulator
completed in order with the values each sets, and the end event it reached. User tasks are
completed in that order; timers are made due at once (only the path is compared, not the time).
Prints one line per scenario and 'N passed, N failed'; exits 1 if any fails. A scenario on a
process that holds constructs this driver does not yet deliver to the engine (boundary events,
event-based gateways, message catches, sub-processes) is reported as not driven yet, with the
constructs, when it does not match; it never counts as passed.
"""

import json
import pathlib
import sys
from datetime import datetime, timedelta, timezone

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.util.task import TaskState
from lxml import etree

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def process_id(path):
    """The executable process of the file (Flowlane writes one per pool; samples have one)."""
    root = etree.parse(str(path)).getroot()
    return root.find(f"{{{MODEL}}}process").get("id")


# What this driver cannot yet make happen on the engine as the simulator did: boundary timers
# firing while their host runs, message deliveries, and sub-processes the engine resolves apart.
NOT_DRIVEN = {
    "boundaryEvent": "boundary events",
    "eventBasedGateway": "event-based gateways",
    "subProcess": "sub-processes",
    "messageEventDefinition": "messages",
}


def not_driven(path):
    """The constructs of the file's process this driver does not deliver yet."""
    root = etree.parse(str(path)).getroot()
    return sorted({what for tag, what in NOT_DRIVEN.items() if next(root.iter(f"{{{MODEL}}}{tag}"), None) is not None})


def run(plan, folder, executed):
    bpmn = folder / plan["file"]
    parser = BpmnParser()
    parser.add_bpmn_file(str(bpmn))
    workflow = BpmnWorkflow(parser.get_spec(process_id(bpmn)))
    data = dict(plan["data"])
    for task in workflow.get_tasks():
        task.data.update(data)
    expected = plan["tasks"]
    for _ in range(10_000):
        workflow.do_engine_steps()
        if workflow.is_completed():
            break
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        if ready:
            want = expected[len(executed)] if len(executed) < len(expected) else None
            task = next((t for t in ready if want and t.task_spec.bpmn_id == want["id"]), ready[0])
            task.data.update(data)
            if want and task.task_spec.bpmn_id == want["id"]:
                task.data.update(want["set"])
                data.update(want["set"])
            executed.append(task.task_spec.bpmn_id)
            task.run()
            continue
        timers = [
            t for t in workflow.get_tasks(state=TaskState.WAITING)
            if isinstance(getattr(t.task_spec, "event_definition", None), TimerEventDefinition)
        ]
        if not timers:
            return executed, "the engine stopped with nothing to do"
        due = (datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat()
        for timer in timers:
            timer.task_spec.event_definition.has_fired(timer)  # computes the due time once
            timer._set_internal_data(event_value=due)
        workflow.refresh_waiting_tasks()
    if not workflow.is_completed():
        return executed, "the process did not complete"
    ends = {
        t.task_spec.bpmn_id
        for t in workflow.get_tasks(state=TaskState.COMPLETED)
        if type(t.task_spec).__name__ == "EndEvent"
    }
    if plan["end"] not in ends:
        return executed, f"ended at {sorted(ends)}, not at {plan['end']}"
    return executed, None


def main(paths):
    failed = 0
    waiting = 0
    for path in paths:
        plan = json.loads(pathlib.Path(path).read_text())
        names = {t["id"]: t["name"] for t in plan["tasks"]}
        executed = []
        try:
            _, problem = run(plan, pathlib.Path(path).parent.parent, executed)
        except Exception as error:  # the engine refused the file or a condition
            problem = f"{type(error).__name__}: {error}"
        expected = [t["id"] for t in plan["tasks"]]
        if problem is None and executed != expected:
            problem = "the task order differs"
        if problem is None:
            print(f"pass  {plan['scenario']}: {len(executed)} tasks in the simulator's order")
            continue
        constructs = not_driven(pathlib.Path(path).parent.parent / plan["file"])
        if constructs:
            waiting += 1
            print(f"not driven yet  {plan['scenario']}: its process has {', '.join(constructs)} ({problem})")
            continue
        failed += 1
        print(f"FAIL  {plan['scenario']}: {problem}")
        print(f"      simulator: {[names.get(i, i) for i in expected]}")
        print(f"      engine:    {[names.get(i, i) for i in executed]}")
    passed = len(paths) - failed - waiting
    print(f"{passed} passed, {failed} failed, {waiting} not driven yet")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
