"""Seeded mutators for the fuzz suite: bytes, zip parts, sheet XML, CSV cells and project-JSON fields.

Every mutator takes a random.Random and good bytes and returns bad bytes; the same seed always
gives the same mutant, so a failure found at night is reproduced by its seed alone.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "sample_data"
REAL_EXPORTS = ROOT.parent / "shared" / "real-exports" / "files"

INTERESTING_TEXT = [
    "", " ", "0", "-1", "-0.5", "1e308", "-1e308", "inf", "-inf", "NaN", "nan", "99999999999999999999",
    "25:00", "24:00:00", "1:99", "2026-02-30", "0000-00-00", "9999-12-31", "31/31/2026", "1.5.2026.7",
    "=1+1", "+SUM(A1)", "-2+3", "@cmd", "=cmd|' /C calc'!A0", "\x00", "\u200b", "\u202e", "\ufeff", "\x07",
    "\"", "\"\"", ",", ";", "\t", "|", "\r", "\n", "TOTAL", "Total", "x" * 5000, "Ünïcödé 名前", "🙂",
    "../../etc/passwd", "<![CDATA[x]]>", "&amp;", "<b>", "1,5", "1h 30m", "PT1H30M", "90 min", "12:20:00 AM",
]
INTERESTING_XML = [
    b'r="XFD1048576"', b'r="A1048577"', b'r="ZZZZ1"', b'r="A0"', b'r="-1"', b't="e"', b't="s"', b't="str"',
    b't="b"', b"<v>1e308</v>", b"<v>-1</v>", b"<v>NaN</v>", b"<v>99999999</v>", b"<v></v>", b"<f>A1+1</f>",
    b'<!DOCTYPE x [<!ENTITY e "e">]>', b"&e;", b"\x00", b"<c/>", b"</row>", b"<row>", b'<dimension ref="A1:XFD1048576"/>',
    b'state="hidden"', b'state="veryHidden"', b'sheetId="0"', b'count="-1"', b"<si><t>x</t></si>" * 3,
]
JSON_VALUES: list[object] = [
    None, True, False, 0, -1, 1.5, -0.1, 1e308, 10**30, "", "x" * 10_000, "../../etc/passwd", "/etc/passwd",
    "C:\\Windows\\win.ini", "=HYPERLINK(\"x\")", "\u202e\u200b", [], {}, [1, [2, [3]]], {"a": {"b": {"c": {}}}},
    "2026-02-30", "NaN", 3, 2, 4, "operations", "other_team", "hand_back",
]


def seeds(kind: str) -> list[tuple[str, bytes]]:
    """The good files mutants start from: samples, real exports (when present), generated files."""
    from tests.hostile_inputs import csv_bytes, xlsx_bytes

    if kind == "xlsx":
        files = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob("*.xlsx"))]
        files += [(p.name, p.read_bytes()) for p in sorted(REAL_EXPORTS.glob("*.xlsx"))] if REAL_EXPORTS.is_dir() else []
        return files + [("generated.xlsx", xlsx_bytes())]
    if kind == "csv":
        files = [(p.name, p.read_bytes()[:60_000]) for p in sorted(SAMPLES.glob("*.csv"))]
        if REAL_EXPORTS.is_dir():
            files += [(p.name, p.read_bytes()[:60_000]) for p in sorted(REAL_EXPORTS.glob("*.csv"))]
        return files + [("generated.csv", csv_bytes())]
    return [("project.json", (SAMPLES / "project.json").read_bytes())]


# --- bytes --------------------------------------------------------------------------------------

def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            out += bytes([rng.randrange(256)])
        i = rng.randrange(len(out))
        op = rng.randrange(7)
        if op == 0:
            out[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[i] = rng.choice([0x00, 0xFF, 0x22, 0x2C, 0x0A, 0x3B, 0x3D, 0x7F, 0x80])
        elif op == 2:
            del out[i:i + rng.randint(1, 64)]
        elif op == 3:
            j = min(len(out), i + rng.randint(1, 256))
            out[i:i] = out[i:j] * rng.randint(1, 4)
        elif op == 4:
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 5:
            return bytes(out[: max(1, i)])  # truncated
        else:
            j = rng.randrange(len(out))
            out[i], out[j] = out[j], out[i]
    return bytes(out)


# --- zip parts and XML --------------------------------------------------------------------------

def mutate_xml(rng: random.Random, xml: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        if op == 0:  # replace an attribute or element with an interesting one
            target = rng.choice([rb'r="[A-Z]+[0-9]+"', rb't="[a-z]+"', rb"<v>[^<]*</v>", rb'ref="[^"]*"',
                                 rb'state="[a-z]+"', rb'count="[0-9]+"'])
            matches = list(re.finditer(target, xml))
            if matches:
                m = rng.choice(matches)
                xml = xml[:m.start()] + rng.choice(INTERESTING_XML) + xml[m.end():]
        elif op == 1:  # insert something anywhere
            i = rng.randrange(len(xml) + 1)
            xml = xml[:i] + rng.choice(INTERESTING_XML) + xml[i:]
        elif op == 2:  # drop an element's closing tag or a whole element
            tags = list(re.finditer(rb"</?[a-zA-Z:]+[^>]*>", xml))
            if tags:
                m = rng.choice(tags)
                xml = xml[:m.start()] + xml[m.end():]
        elif op == 3:  # duplicate a row
            rows = list(re.finditer(rb"<row[^>]*>.*?</row>", xml[:2_000_000], re.S))
            if rows:
                m = rng.choice(rows)
                xml = xml[:m.end()] + m.group(0) * rng.randint(1, 50) + xml[m.end():]
        elif op == 4:  # cell text
            texts = list(re.finditer(rb"<t[^>]*>[^<]*</t>", xml[:2_000_000]))
            if texts:
                m = rng.choice(texts)
                value = rng.choice(INTERESTING_TEXT).encode("utf-8", "replace")
                xml = xml[:m.start()] + b"<t>" + value.replace(b"<", b"&lt;") + b"</t>" + xml[m.end():]
        else:
            xml = mutate_bytes(rng, xml)
    return xml


def mutate_zip(rng: random.Random, data: bytes) -> bytes:
    """Rewrite the zip with one or more parts changed, dropped, duplicated or renamed."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        parts = [(i.filename, src.read(i)) for i in src.infolist()]
    except Exception:
        return mutate_bytes(rng, data)
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(parts))
        name, content = parts[k]
        op = rng.randrange(10)
        if op < 6 and name.endswith((".xml", ".rels")):
            parts[k] = (name, mutate_xml(rng, content))
        elif op == 6:
            parts.pop(k)
            if not parts:
                break
        elif op == 7:
            parts.append((name, content))  # duplicate name
        elif op == 8:
            parts[k] = (name.replace("sheet", "sheeet") if "sheet" in name else name + ".x", content)
        else:
            parts[k] = (name, mutate_bytes(rng, content))
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate part names are one of the mutations
        with zipfile.ZipFile(out, "w", rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])) as dst:
            for name, content in parts:
                dst.writestr(name, content)
    return out.getvalue()


def mutate_xlsx(rng: random.Random, data: bytes) -> bytes:
    return mutate_bytes(rng, data) if rng.random() < 0.2 else mutate_zip(rng, data)


# --- CSV cells ----------------------------------------------------------------------------------

def mutate_csv(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.25:
        return mutate_bytes(rng, data)
    text = data.decode("utf-8-sig", errors="replace")
    sep = max(",;\t|", key=lambda d: text[:2000].count(d))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    if not rows:
        return data
    for _ in range(rng.randint(1, 10)):
        r = rng.randrange(len(rows))
        op = rng.randrange(6)
        if op <= 2 and rows[r]:
            rows[r][rng.randrange(len(rows[r]))] = rng.choice(INTERESTING_TEXT)
        elif op == 3:
            rows.insert(rng.randrange(len(rows) + 1), list(rows[r]))
        elif op == 4 and rows[r]:
            del rows[r][rng.randrange(len(rows[r]))]  # ragged row
        elif op == 5 and len(rows) > 1:
            rows.pop(r)
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator=rng.choice(["\r\n", "\n", "\r"])).writerows(rows)
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
    return out.getvalue().encode(encoding, errors="replace")


# --- project JSON fields ------------------------------------------------------------------------

def _paths(node: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _paths(v, (*prefix, i))
    return found


def _like(rng: random.Random, value: object) -> object:
    """A value of the same type, often just inside or just outside what is allowed."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return rng.choice([0, -1, 0.001, 0.5, 1, 1.0000001, 3, 4, 24, 37.5, 53, 54, 80, 81, 1e6, 1e308, -1e-9])
    if isinstance(value, str):
        return rng.choice(INTERESTING_TEXT[:60]) + (value if rng.random() < 0.5 else "")
    if isinstance(value, list):
        return value * rng.randint(0, 3)
    return value


def mutate_json(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.15:
        return mutate_bytes(rng, data)
    doc = json.loads(data)
    doc.setdefault("mappings", {"toggl_support_team.csv": {"hours": "Duration"}})
    doc.setdefault("edits", {"titles": {"1": "A title"}})
    for _ in range(rng.randint(1, 4)):
        path = rng.choice(_paths(doc)[1:])
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        op = rng.randrange(6)
        if op <= 1:
            parent[path[-1]] = _like(rng, parent[path[-1]])
        elif op == 2:
            parent[path[-1]] = rng.choice(JSON_VALUES)
        elif op == 3 and isinstance(parent, dict):
            parent.pop(path[-1])
        elif isinstance(parent, dict):
            parent[rng.choice(["../../etc/passwd", "template", "output", "__proto__", "4"])] = rng.choice(JSON_VALUES)
    try:
        return json.dumps(doc, allow_nan=True).encode()
    except (TypeError, ValueError):
        return data


MUTATORS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "xlsx": mutate_xlsx, "csv": mutate_csv, "json": mutate_json,
}
