#!/usr/bin/python3
"""Checks podterm.timeline/v2 documents against schemas/podterm.timeline.v2.schema.json.

Usage: /usr/bin/python3 schemas/validate.py [--kinds] FILE.json...

Beyond the JSON Schema (draft 2020-12), it checks what a schema cannot say: every event's
keys come in the schema's order, and events[i].index is i. Prints one line per problem,
`FILE: PATH: what is wrong`; with --kinds, also `kinds: K1 K2 …`, the event kinds seen.
Exit status: 0 every document is valid, 1 one is not, 2 the validator could not run (no
jsonschema module: apt-get install python3-jsonschema).
"""
import json
import os
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    print("validate.py: the Python module jsonschema is missing (apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)


def main(argv):
    show_kinds = "--kinds" in argv
    files = [a for a in argv if a != "--kinds"]
    if not files:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "podterm.timeline.v2.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    key_order = schema["$defs"]["event"]["required"]
    problems = 0
    kinds = set()

    def problem(path, what):
        nonlocal problems
        problems += 1
        print("%s: %s: %s" % (name, path or "/", what))

    for name in files:
        try:
            with open(name, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            problem("", "not a JSON document: %s" % e)
            continue
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            problem("/".join(map(str, error.absolute_path)), error.message)
        events = doc.get("events") if isinstance(doc, dict) else None
        for i, event in enumerate(events if isinstance(events, list) else []):
            if not isinstance(event, dict):
                continue
            kinds.add(event.get("kind"))
            if list(event.keys()) != key_order:
                problem("events/%d" % i, "keys are not in the schema's order")
            if event.get("index") != i:
                problem("events/%d/index" % i, "is %r, not %d" % (event.get("index"), i))
    if show_kinds:
        print("kinds: " + " ".join(sorted(k for k in kinds if isinstance(k, str))))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
