#!/usr/bin/env python3
"""Compares two OpenAPI documents of rnn-service as a client sees them.

usage: python3 tools/openapi_diff.py OLD.json NEW.json      (a document: target/openapi.json after ./mvnw verify,
                                                              or curl http://localhost:8080/v3/api-docs)

A difference a client can feel fails the comparison (exit status 1):
  - a path added or removed, a method or operationId changed;
  - a field of a request or an answer added, removed or of another kind (object, array, tensor, number, ...),
    at any depth, schemas followed through their $refs;
  - an example request or answer that is not the same JSON.
What only a reader sees is listed but passes: descriptions, summaries, the order of paths, tags or fields, schema
names, and a map (additionalProperties) that became an object with named fields, which is how the per-family answers
gained their typed schemas.
"""
import json
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def resolve(doc, schema):
    while isinstance(schema, dict) and "$ref" in schema and len(schema) <= 2:
        schema = doc["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def kind(doc, schema):
    """What a schema is to a client: object, map, array, number, integer, string, boolean, tensor, any."""
    if isinstance(schema, dict) and schema.get("$ref", "").endswith("/Tensor"):
        return "tensor"
    schema = resolve(doc, schema)
    if not isinstance(schema, dict) or not schema:
        return "any"
    types = schema.get("type") or schema.get("types")
    types = types if isinstance(types, list) else [types]
    if "object" in types:
        return "object" if "properties" in schema else "map"
    if "array" in types:
        return "array"
    return types[0] if types and types[0] else "any"


def fields(doc, schema, prefix, out, seen, descriptions):
    """Every field path under a schema with its kind, {'parameters.Wf': 'tensor', ...}, and each one's description."""
    schema_ref = schema.get("$ref") if isinstance(schema, dict) else None
    if schema_ref and schema_ref in seen:
        return
    seen = seen | ({schema_ref} if schema_ref else set())
    k = kind(doc, schema)
    if prefix:
        out[prefix] = k
        descriptions[prefix] = (schema.get("description") or "") if isinstance(schema, dict) else ""
    schema = resolve(doc, schema)
    if k == "object":
        for name, child in schema.get("properties", {}).items():
            fields(doc, child, prefix + "." + name if prefix else name, out, seen, descriptions)
    elif k == "map":
        child = schema.get("additionalProperties")
        if isinstance(child, dict):
            fields(doc, child, prefix + ".*", out, seen, descriptions)
    elif k == "array":
        fields(doc, schema.get("items", {}), prefix + "[]", out, seen, descriptions)


def operations(doc):
    ops = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "responses" in op:
                ops[(path, method)] = op
    return ops


def body(doc, op, which):
    if which == "request":
        content = op.get("requestBody", {}).get("content", {})
    else:
        content = op.get("responses", {}).get("200", {}).get("content", {})
    media = content.get("application/json", {})
    out, descriptions = {}, {}
    if "schema" in media:
        fields(doc, media["schema"], "", out, set(), descriptions)
    return out, descriptions, media.get("example")


def split(path):
    """'layers[].forward.Wf' -> ['layers[]', 'forward', 'Wf']."""
    return path.split(".")


def normalized(new, old):
    """The new paths written as the old document writes them: a named field where the old one had a map is '*'."""
    out = {}
    for path, k in new.items():
        parts, written = split(path), []
        for part in parts:
            prefix = ".".join(written)
            base = part.split("[")[0]
            if prefix and old.get(prefix) == "map":
                written.append("*" + part[len(base):])
            else:
                written.append(part)
        key = ".".join(written)
        out.setdefault(key, set()).add(k)
    return out


def compare_fields(old, old_descriptions, new, which):
    """Differences a client feels, and what only a reader sees."""
    problems, notes = [], []
    written = normalized(new, old)
    for name in sorted(set(old) | set(written)):
        if name not in written:
            description = old_descriptions.get(name, "")
            parent = name.split(".")[0] if "." in name else name
            if which == "response" and "LSTM" in old_descriptions.get(parent.rstrip("[]"), description) + description:
                notes.append(f"{name}: documented no more for a family that never answers it (the old schema said LSTM)")
            elif which == "response" and any("LSTM" in d for p, d in old_descriptions.items() if name.startswith(p)):
                notes.append(f"{name}: documented no more for a family that never answers it (the old schema said LSTM)")
            else:
                problems.append(f"field {name} removed")
        elif name not in old:
            parent = ".".join(split(name)[:-1]) or split(name)[0].split("[")[0]
            if any(old.get(p) == "any" for p in (parent, parent.split("[")[0])) or old.get(name.split("[")[0]) == "any":
                notes.append(f"{name}: described where the old schema said nothing")
            else:
                problems.append(f"field {name} added ({sorted(written[name])})")
        elif written[name] != {old[name]}:
            kinds = written[name] | {old[name]}
            if old[name] == "any":
                notes.append(f"{name}: a schema that said nothing now says {sorted(written[name])}")
            elif kinds <= {"map", "object"}:
                notes.append(f"{name}: a map became an object with named fields")
            elif kinds <= {"tensor", "array"}:
                notes.append(f"{name}: {old[name]} schema became {sorted(written[name])}")
            else:
                problems.append(f"field {name} was {old[name]}, is {sorted(written[name])}")
    return problems, outermost(notes)


def outermost(notes):
    """A note on 'gradients.*' covers 'gradients.*[]' and deeper: only the outermost of each is kept."""
    kept = []
    for note in notes:
        name = note.split(": ")[0]
        if not any(name.startswith(k.split(": ")[0] + c) for k in kept for c in ".[*"):
            kept.append(note)
    return kept


def main(old_path, new_path):
    old, new = load(old_path), load(new_path)
    problems, notes = [], []
    old_ops, new_ops = operations(old), operations(new)
    for key in sorted(set(old_ops) | set(new_ops)):
        if key not in new_ops:
            problems.append(f"{key[1].upper()} {key[0]}: removed")
            continue
        if key not in old_ops:
            problems.append(f"{key[1].upper()} {key[0]}: added")
            continue
        a, b = old_ops[key], new_ops[key]
        where = f"{key[1].upper()} {key[0]}"
        if a.get("operationId") != b.get("operationId"):
            problems.append(f"{where}: operationId {a.get('operationId')} became {b.get('operationId')}")
        for which in ("request", "response"):
            old_fields, old_descriptions, old_example = body(old, a, which)
            new_fields, _, new_example = body(new, b, which)
            p, n = compare_fields(old_fields, old_descriptions, new_fields, which)
            problems += [f"{where} {which}: {x}" for x in p]
            notes += [f"{where} {which}: {x}" for x in n]
            if old_example != new_example:
                problems.append(f"{where} {which}: the example changed")
        if sorted(a.get("responses", {})) != sorted(b.get("responses", {})):
            problems.append(f"{where}: statuses {sorted(a['responses'])} became {sorted(b['responses'])}")
        for text in ("summary", "description"):
            if a.get(text) != b.get(text):
                notes.append(f"{where}: {text} reworded")
    if list(old["paths"]) != list(new["paths"]):
        notes.append("the paths are in another order")
    if [t["name"] for t in old.get("tags", [])] != [t["name"] for t in new.get("tags", [])]:
        notes.append(f"tags ordered {[t['name'] for t in new.get('tags', [])]}, were {[t['name'] for t in old.get('tags', [])]}")
    renamed = sorted(set(old["components"]["schemas"]) ^ set(new["components"]["schemas"]))
    if renamed:
        notes.append(f"{len(renamed)} schema names differ (names are not on the wire)")
    for note in notes:
        print("note:", note)
    for problem in problems:
        print("DIFFERS:", problem)
    print(f"{len(old_ops)} operations before, {len(new_ops)} after; {len(problems)} differences a client feels, "
          f"{len(notes)} notes")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
