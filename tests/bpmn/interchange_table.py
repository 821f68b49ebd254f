"""The BPMN interchange table: per corpus file whether it imports, its warnings, whether the round
trip is exact and the export byte-stable (from target/bpmn-interchange/rows.tsv, written by
`cargo test --test bpmn_interchange`), and whether the source and the export are valid against
the OMG BPMN 2.0 schema. Writes target/bpmn-interchange.md (totals, a summary per folder, the
table per file) and exits 1 when a schema-valid source exports invalid.

Usage: python interchange_table.py CORPUS_DIR TARGET_DIR
"""

import collections
import pathlib
import sys

from lxml import etree

from validate_schema import SCHEMA


def valid(schema, parser, path):
    """(valid?, first error) of one file."""
    try:
        document = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        return False, str(error)
    if schema.validate(document):
        return True, ""
    error = schema.error_log[0]
    return False, f"line {error.line}: {error.message}"


def folder(name):
    parts = name.split("/")
    return parts[0] if parts[0] == "reference" else "/".join(parts[:2])


def main(corpus, target):
    corpus, target = pathlib.Path(corpus), pathlib.Path(target)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    lines = (target / "bpmn-interchange" / "rows.tsv").read_text(encoding="utf-8").splitlines()
    rows, broken = [], []
    for line in lines[1:]:
        name, imported, warnings, exact, stable, kept, _why = line.split("\t")
        source_ok, _ = valid(schema, parser, corpus / name)
        export = target / "bpmn-interchange" / "exports" / name.replace("/", "__")
        export_ok, why = (False, "not exported")
        if imported == "yes" and export.exists():
            export_ok, why = valid(schema, parser, export)
        if source_ok and imported == "yes" and not export_ok:
            broken.append(f"{name}: {why}")
        rows.append((name, imported, warnings, exact, stable, kept, source_ok, export_ok))

    yes = lambda b: "yes" if b else "no"
    per_folder = collections.OrderedDict()
    for name, imported, warnings, exact, stable, kept, source_ok, export_ok in rows:
        f = per_folder.setdefault(folder(name), collections.Counter())
        f["files"] += 1
        f["imported"] += imported == "yes"
        f["warnings"] += int(warnings or 0)
        f["exact"] += exact == "yes"
        f["stable"] += stable == "yes"
        f["kept"] += kept == "yes"
        f["source valid"] += source_ok
        f["export valid"] += imported == "yes" and export_ok
    total = sum(per_folder.values(), collections.Counter())
    columns = ["files", "imported", "warnings", "exact", "stable", "kept", "source valid", "export valid"]
    header = "| folder | files | imported | warnings | round trip exact | byte-stable | changes nothing | schema-valid source | schema-valid export |\n|---|---|---|---|---|---|---|---|---|\n"
    summary = header
    for name, counts in per_folder.items():
        summary += f"| {name} | " + " | ".join(str(counts[c]) for c in columns) + " |\n"
    summary += "| **total** | " + " | ".join(f"**{total[c]}**" for c in columns) + " |\n"
    out = "# BPMN interchange over the corpus\n\n"
    out += (
        f"{total['files']} files: {total['imported']} import ({total['warnings']} warnings), "
        f"{total['exact']} round trip exactly, {total['stable']} export byte-stably, "
        f"{total['kept']} exports change nothing Flowlane does not own, "
        f"{total['export valid']} exports are schema-valid ({total['source valid']} sources are); "
        f"{len(broken)} schema-valid sources export invalid.\n\n"
    )
    out += summary
    out += "\n| file | imported | warnings | round trip exact | schema-valid source | schema-valid export | byte-stable | changes nothing |\n|---|---|---|---|---|---|---|---|\n"
    for name, imported, warnings, exact, stable, kept, source_ok, export_ok in rows:
        shown = "yes" if imported == "yes" else "refused"
        export_cell = yes(export_ok) if imported == "yes" else ""
        if imported != "yes":
            exact = stable = kept = ""
        out += f"| {name} | {shown} | {warnings} | {exact} | {yes(source_ok)} | {export_cell} | {stable} | {kept} |\n"
    (target / "bpmn-interchange.md").write_text(out, encoding="utf-8")
    print(summary)
    for line in broken:
        print(f"VALID SOURCE, INVALID EXPORT  {line}")
    print(f"{len(broken)} schema-valid sources export invalid")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
