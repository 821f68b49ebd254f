"""pm4py as the oracle for Flowlane's conformance checking (pm4py is AGPL: used here as an
external reference only, never shipped).

For each sample version written by `cargo test --test conformance_oracle` into
target/conformance/ (sample-N.bpmn, .csv: the log shipped with the sample, .json: Flowlane's
report), pm4py reads Flowlane's BPMN export, converts it to a Petri net and computes alignment
fitness on the log's complete events (Flowlane checks those; start events time the work). For
every log in ../shared/event-logs (receipt.xes, and receipt.csv read by pandas and pm4py's
format_dataframe), pm4py discovers a model with the inductive miner (noise 0.2), writes it as
BPMN, and Flowlane imports that file and checks the log, read by its own XES or CSV reader,
against it (`flowlane conformance --format json`).

Compared within 1e-6: average trace fitness and the share of perfectly fitting traces of the
optimal alignments. pm4py's alignment log_fitness adds a cost per silent move, and its token
replay depends on how its converter builds the net (silent transitions for gateways), so those
are printed beside Flowlane's, not compared.

Discovery: on each sample log and each shared log, at noise 0 and 0.2, Flowlane's inductive
miner (`flowlane discover --format json`) must find pm4py's tree
(`discover_process_tree_inductive`) up to the order of the children of choices and parallel
blocks.

With --bench, also times reading the receipt log, its alignments and its token replay in pm4py
and in Flowlane (`cargo bench --bench conformance`, release) and prints the ratios against the
targets (alignments <= 1/100 of pm4py, token replay and reading <= 1/10), and discovery (IMf,
noise 0.2), reported without a target.

Usage: oracle.py TARGET_DIR FLOWLANE_BINARY EVENT_LOGS_DIR [--bench]
"""

import json
import os
import subprocess
import sys
import tempfile
import time

os.environ["PM4PY_SHOW_PROGRESS_BAR"] = "False"

import pandas as pd  # noqa: E402
import pm4py  # noqa: E402

TOLERANCE = 1e-6
NOISE_LEVELS = [0.0, 0.2]
OPERATORS = {"->": "sequence", "X": "xor", "+": "parallel", "*": "loop"}


def pm4py_alignments(log, bpmn_path):
    net, im, fm = pm4py.convert_to_petri_net(pm4py.read_bpmn(bpmn_path))
    started = time.perf_counter()
    fitness = pm4py.fitness_alignments(log, net, im, fm)
    return fitness, time.perf_counter() - started, (net, im, fm)


def pm4py_replay(log, model):
    net, im, fm = model
    started = time.perf_counter()
    fitness = pm4py.fitness_token_based_replay(log, net, im, fm)
    return fitness, time.perf_counter() - started


def compare(name, ours, theirs, failures):
    pairs = [
        ("average trace fitness", ours["alignments"]["average_trace_fitness"],
         theirs["average_trace_fitness"]),
        ("% fitting traces", ours["alignments"]["fitting_percent"],
         theirs["percentage_of_fitting_traces"]),
    ]
    for what, a, b in pairs:
        ok = abs(a - b) <= TOLERANCE
        print(f"  {name}: {what}: Flowlane {a:.6f}, pm4py {b:.6f} {'ok' if ok else 'DIFFERENT'}")
        if not ok:
            failures.append(f"{name}: {what} {a} != {b}")


def pm4py_tree(tree):
    """pm4py's tree in the shape of Flowlane's JSON tree."""
    if tree.operator is None:
        if tree.label is None:
            return {"type": "tau"}
        return {"type": "activity", "name": tree.label}
    return {"type": "operator", "operator": OPERATORS[str(tree.operator)],
            "children": [pm4py_tree(c) for c in tree.children]}


def canonical(tree):
    """A tree as text with the children of choices and parallel blocks in sorted order."""
    if tree["type"] == "tau":
        return "tau"
    if tree["type"] == "activity":
        return repr(tree["name"])
    children = [canonical(c) for c in tree["children"]]
    if tree["operator"] in ("xor", "parallel"):
        children.sort()
    return f"{tree['operator']}({', '.join(children)})"


def discovery(flowlane, name, log, path, failures):
    """Flowlane's and pm4py's inductive miner on the same log: the same tree up to child order."""
    with tempfile.TemporaryDirectory() as scratch:
        library = os.path.join(scratch, "discover.flowlane")
        for noise in NOISE_LEVELS:
            out = subprocess.run(
                [flowlane, "--library", library, "discover", path, "--noise", str(noise),
                 "--output", os.path.join(scratch, "discovered.json"), "--format", "json"],
                check=True, capture_output=True, text=True,
            ).stdout
            ours = json.loads(out)
            theirs = pm4py.discover_process_tree_inductive(log, noise_threshold=noise)
            same = canonical(ours["tree"]) == canonical(pm4py_tree(theirs))
            print(f"  {name}: inductive miner, noise {noise}: {'same tree' if same else 'DIFFERENT'}")
            print(f"    Flowlane: {ours['notation']}")
            print(f"    pm4py:    {theirs}")
            if not same:
                failures.append(f"{name}: noise {noise}: the discovered trees differ")


def samples(flowlane, target, failures):
    folder = os.path.join(target, "conformance")
    names = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json"))
    if not names:
        failures.append(f"no sample logs in {folder}: run cargo test --test conformance_oracle")
    for name in names:
        path = os.path.join(folder, name)
        frame = pd.read_csv(path + ".csv")
        frame = frame[frame["lifecycle:transition"] == "complete"]
        log = pm4py.format_dataframe(
            frame,
            case_id="case:concept:name",
            activity_key="concept:name",
            timestamp_key="time:timestamp",
        )
        with open(path + ".json") as f:
            ours = json.load(f)
        theirs, _, model = pm4py_alignments(log, path + ".bpmn")
        replay, _ = pm4py_replay(log, model)
        compare(f"{name} ({ours['process']} v{ours['version']})", ours, theirs, failures)
        discovery(flowlane, name, log, path + ".csv", failures)
        print(f"  {name}: token replay fitness: Flowlane {ours['token_replay']['log_fitness']:.4f},"
              f" pm4py {replay['log_fitness']:.4f} (nets differ; not compared)")


def read_log(path):
    """A log of ../shared/event-logs as pm4py reads it: XES by its reader, CSV by pandas."""
    if path.endswith(".csv"):
        frame = pd.read_csv(path)
        frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], utc=True, format="ISO8601")
        return pm4py.format_dataframe(
            frame,
            case_id="case:concept:name",
            activity_key="concept:name",
            timestamp_key="time:timestamp",
        )
    return pm4py.read_xes(path)


def shared_log(flowlane, path, bench, failures):
    name = os.path.basename(path)
    started = time.perf_counter()
    log = read_log(path)
    read_seconds = time.perf_counter() - started
    if not bench:
        discovery(flowlane, name, log, path, failures)
    # The best of three runs, as Flowlane's bench takes the best of its runs.
    discover_seconds = float("inf")
    for _ in range(3 if bench else 1):
        started = time.perf_counter()
        tree = pm4py.discover_process_tree_inductive(log, noise_threshold=0.2)
        discover_seconds = min(discover_seconds, time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as scratch:
        bpmn = os.path.join(scratch, "discovered.bpmn")
        # Without the layout step (it needs Graphviz): Flowlane lays out an undrawn import.
        pm4py.write_bpmn(pm4py.convert_to_bpmn(tree), bpmn, auto_layout=False)
        library = os.path.join(scratch, "oracle.flowlane")
        run = lambda *args: subprocess.run(  # noqa: E731
            [flowlane, "--library", library, *args], check=True, capture_output=True, text=True
        ).stdout
        run("init")
        run("import", bpmn, "--new", "-m", "discovered by pm4py")
        process = json.loads(run("list", "--format", "json"))[0]["id"]
        ours = json.loads(run("conformance", process, path, "--format", "json"))
        theirs, align_seconds, model = pm4py_alignments(log, bpmn)
        replay, replay_seconds = pm4py_replay(log, model)
        print(f"  {name}: {ours['log']['cases']} cases, {ours['log']['events']} events read by Flowlane")
        compare(name, ours, theirs, failures)
        print(f"  {name}: alignment log fitness: Flowlane {ours['alignments']['log_fitness']:.6f},"
              f" pm4py {theirs['log_fitness']:.6f} (pm4py adds a cost per silent move)")
        print(f"  {name}: token replay fitness: Flowlane {ours['token_replay']['log_fitness']:.4f},"
              f" pm4py {replay['log_fitness']:.4f} (nets differ; not compared)")
        if bench and name == "receipt.xes":
            benchmark(bpmn, path, read_seconds, align_seconds, replay_seconds, discover_seconds)


def benchmark(bpmn, xes, read_seconds, align_seconds, replay_seconds, discover_seconds):
    env = dict(os.environ, FLOWLANE_BENCH_MODEL=bpmn, FLOWLANE_BENCH_LOG=xes)
    out = subprocess.run(
        ["cargo", "bench", "-p", "flowlane", "--bench", "conformance"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout
    print(out, end="")
    ours = json.loads(next(l for l in out.splitlines() if l.startswith("{")))
    for what, flowlane, pm4py_time, target in [
        ("alignments", ours["alignments"], align_seconds, 1 / 100),
        ("token replay", ours["replay"], replay_seconds, 1 / 10),
        ("reading receipt.xes", ours["read"], read_seconds, 1 / 10),
    ]:
        ratio = flowlane / pm4py_time
        verdict = "" if ratio <= target else "  OVER TARGET"
        print(f"flowlane-bench: {what} of the receipt log: Flowlane {flowlane * 1000:.1f} ms, "
              f"pm4py {pm4py_time * 1000:.0f} ms: 1/{1 / ratio:.0f} (target <= 1/{1 / target:.0f}){verdict}")
    one_core = ours["alignments_one_core"]
    print(f"flowlane-bench: alignments of the receipt log on one core: Flowlane {one_core * 1000:.1f} ms, "
          f"pm4py (one core) {align_seconds * 1000:.0f} ms: 1/{align_seconds / one_core:.0f}")
    print(f"flowlane-bench: discovery (IMf, noise 0.2) of the receipt log: Flowlane "
          f"{ours['discover'] * 1000:.1f} ms (tree {ours['mine'] * 1000:.1f} ms, then drawn and laid out), "
          f"pm4py {discover_seconds * 1000:.0f} ms (tree): 1/{discover_seconds / ours['discover']:.0f}")


def main():
    target, flowlane, logs = sys.argv[1:4]
    bench = "--bench" in sys.argv[4:]
    failures = []
    if not bench:
        samples(flowlane, target, failures)
    shared = sorted(
        f for f in os.listdir(logs) if f.endswith((".xes", ".xes.gz", ".csv"))
    )
    if not shared:
        failures.append(f"no event logs in {logs}")
    for name in shared:
        if bench and name != "receipt.xes":
            continue
        shared_log(flowlane, os.path.join(logs, name), bench, failures)
    if failures:
        print("pm4py and Flowlane differ:\n  " + "\n  ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
