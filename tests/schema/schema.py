#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# The JSON Schema of the deployment file (share/schema/xmppgw.schema.json)
# checked with a real validator (python3-jsonschema) against the loader:
# the same keys; the example, the warning fixtures and a file holding every
# key valid for both; each broken fixture refused by both, or listed below
# with the reason a schema cannot say it. TAP on stdout.
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

# What the loader refuses that a JSON Schema cannot express: rules across
# fields or sections, the 18-row negotiation table, and YAML-level rules
# (anchors, tags, duplicate keys) that disappear once the YAML is parsed.
BEYOND_SCHEMA = {
    "additional-is-primary.yaml": "an additional domain equal to the primary (across fields)",
    "duplicate-partner-additional-first.yaml": "a domain used by two partners (across items)",
    "duplicate-partner-additional.yaml": "a domain used by two partners (across items)",
    "duplicate-partner-case.yaml": "a domain used by two partners, case-insensitively",
    "duplicate-partner-primary.yaml": "a domain used by two partners (across items)",
    "invalid-negotiation.yaml": "a row of the negotiation table that cannot work",
    "invalid-negotiation-sasl-no-tls.yaml": "a row of the negotiation table that cannot work",
    "partner-own-sip-domain.yaml": "a partner's domain among our own (across sections)",
    "partner-own-xmpp-domain.yaml": "a partner's domain among our own (across sections)",
    "sip-domain-sans-not-in-topology.yaml": "a SAN that must be one of topology.sip_domains",
    "alias.yaml": "a YAML anchor: gone once parsed",
    "duplicate-key.yaml": "a duplicate YAML key: gone once parsed",
    "duplicate-section.yaml": "a duplicate YAML key: gone once parsed",
    "tag.yaml": "a YAML tag: gone once parsed",
}


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core booleans, as the loader reads them: yes/no/on/off are
    strings, so the schema sees what the program sees."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))

count = 0
failed = 0


def ok(cond, name, why=""):
    global count, failed
    count += 1
    if not cond:
        failed += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (count, name))
    if not cond and why:
        for line in str(why).splitlines():
            print("# " + line)


def schema_verdict(validator, path):
    """None when valid, else the first reason (YAML or schema)."""
    try:
        with open(path, "rb") as f:
            docs = list(yaml.load_all(f, Loader=Yaml12Loader))
    except yaml.YAMLError as e:
        return "YAML: " + str(e).splitlines()[0]
    if len(docs) != 1:
        return "%d documents" % len(docs)
    errors = sorted(validator.iter_errors(docs[0]), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        return "/".join(str(p) for p in e.path) + ": " + e.message
    return None


def loader_errors(xmppgw, path):
    """(exit status, error lines) of `xmppgw check` on path, in the C
    locale: the lines are matched in English."""
    env = dict(os.environ, LC_ALL="C")
    env.pop("LANGUAGE", None)
    r = subprocess.run([xmppgw, "check", os.path.basename(path)],
                       cwd=os.path.dirname(path), capture_output=True, text=True, env=env)
    return r.returncode, [l for l in r.stderr.splitlines() if ": error: " in l]


def schema_fields(validator, path):
    """The fields the schema's errors are about, spelled as the loader's
    messages spell them ("partners[1].tls"); None when the file is no
    single YAML document."""
    try:
        with open(path, "rb") as f:
            docs = list(yaml.load_all(f, Loader=Yaml12Loader))
    except yaml.YAMLError:
        return None
    if len(docs) != 1:
        return None
    out = set()
    for e in validator.iter_errors(docs[0]):
        field = ""
        for part in e.absolute_path:
            field += "[%d]" % part if isinstance(part, int) else ("." if field else "") + part
        out.add(field)
    return out


def same_field(loader, schema):
    """Whether a loader field and a schema field name the same place, one
    within the other (the schema may stop at the object missing a key)."""
    return (loader == schema or schema == "" or loader.startswith(schema + ".") or
            loader.startswith(schema + "[") or schema.startswith(loader + ".") or
            schema.startswith(loader + "["))


def schema_keys(node, prefix=""):
    """Every property path of the schema, as the key dump spells them."""
    out = []
    props = node.get("properties", {})
    for key, sub in props.items():
        path = prefix + ("." if prefix else "") + key
        out.append(path)
        if sub.get("type") == "object":
            out += schema_keys(sub, path)
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            out += schema_keys(sub["items"], path + "[]")
    return out


def instance_keys(node, prefix=""):
    out = []
    if isinstance(node, dict):
        for key, sub in node.items():
            path = prefix + ("." if prefix else "") + key
            out.append(path)
            if isinstance(sub, dict):
                out += instance_keys(sub, path)
            elif isinstance(sub, list) and sub and isinstance(sub[0], dict):
                for item in sub:
                    out += instance_keys(item, path + "[]")
    return out


def main():
    srcdir, xmppgw, keydump = sys.argv[1:4]
    with open(os.path.join(srcdir, "share/schema/xmppgw.schema.json")) as f:
        schema = json.load(f)
    try:
        jsonschema.Draft7Validator.check_schema(schema)
        ok(True, "the schema is a valid draft-07 JSON Schema")
    except jsonschema.SchemaError as e:
        ok(False, "the schema is a valid draft-07 JSON Schema", e)
    validator = jsonschema.Draft7Validator(schema)

    table = subprocess.run([keydump], capture_output=True, text=True, check=True).stdout.split()
    declared = schema_keys(schema)
    ok(sorted(table) == sorted(declared), "the schema declares exactly the loader's keys",
       "only in the loader: %s\nonly in the schema: %s" % (
           sorted(set(table) - set(declared)), sorted(set(declared) - set(table))))

    full = os.path.join(srcdir, "tests/schema/every-key.yaml")
    with open(full, "rb") as f:
        every = set(instance_keys(yaml.load(f, Loader=Yaml12Loader)))
    ok(every == set(table), "every-key.yaml holds every key",
       "missing: %s" % sorted(set(table) - every))

    example = os.path.join(srcdir, "share/examples/contoso.yaml")
    with open(example) as f:
        first = f.readline()
    ok(re.match(r"^# yaml-language-server: \$schema=\S+xmppgw\.schema\.json$", first),
       "the example names the schema for a YAML language server", first)

    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "contoso.yaml")
        shutil.copy(example, copy)
        r = subprocess.run([xmppgw, "partners", "add", copy, "--domain", "example.net"],
                           capture_output=True, text=True)
        with open(copy) as f:
            saved = f.read()
        ok(r.returncode == 0 and saved.startswith(first) and "example.net" in saved,
           "a save keeps the schema line first", r.stderr + saved[:200])

    valid = [example, full] + sorted(glob.glob(os.path.join(srcdir, "tests/fixtures/warnings/*.yaml")))
    for path in valid:
        name = os.path.relpath(path, srcdir)
        verdict = schema_verdict(validator, path)
        ok(verdict is None, "%s is valid against the schema" % name, verdict)
        status, errors = loader_errors(xmppgw, path)
        if path == full:
            # Its issued chain names a file this folder does not hold: the
            # one error allowed is that file's absence.
            errors = [e for e in errors if "issued.chain_file: cannot read" not in e]
        ok(status in (0, 1) and not errors, "%s has no error for the loader" % name,
           "\n".join(errors) or "exit %d" % status)

    broken = sorted(glob.glob(os.path.join(srcdir, "tests/fixtures/broken/*.yaml")))
    for path in broken:
        name = os.path.basename(path)
        status, errors = loader_errors(xmppgw, path)
        verdict = schema_verdict(validator, path)
        if name in BEYOND_SCHEMA:
            ok(verdict is None and errors,
               "%s: the loader refuses it; the schema cannot say so (%s)" % (name, BEYOND_SCHEMA[name]),
               "schema: %s; loader: %s" % (verdict, errors))
        else:
            ok(verdict is not None and errors,
               "%s is refused by the schema and by the loader" % name,
               "schema: %s; loader: %s" % (verdict, errors))
            # Both refuse it for the same field, not each for its own reason.
            fields = {m.group(1) for m in (re.search(r": error: ([^ :]+): ", e) for e in errors) if m}
            found = schema_fields(validator, path)
            if fields and found is not None:
                ok(any(same_field(a, b) for a in fields for b in found),
                   "%s: the schema and the loader name the same field" % name,
                   "schema: %s; loader: %s" % (sorted(found), sorted(fields)))
    print("1..%d" % count)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
