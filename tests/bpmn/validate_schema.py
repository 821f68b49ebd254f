"""Validates BPMN files against the OMG BPMN 2.0 XML schema (BPMN20.xsd with Semantic.xsd,
BPMNDI.xsd, DC.xsd and DI.xsd, as shipped unmodified in the SpiffWorkflow package).

Usage: python validate_schema.py FILE.bpmn...   Prints the invalid files with their first errors
and a summary line; exits 1 if any fails.
"""

import pathlib
import sys

import SpiffWorkflow
from lxml import etree

SCHEMA = pathlib.Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema" / "BPMN20.xsd"


def main(paths):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    failed = 0
    for path in paths:
        document = etree.parse(path, parser)
        if schema.validate(document):
            continue
        failed += 1
        print(f"INVALID  {path}")
        for error in list(schema.error_log)[:5]:
            print(f"    line {error.line}: {error.message}")
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
