#!/usr/bin/env python3
"""Turns data/catalog.json into a C source that defines itav__catalog_text.

Checks that the input is valid JSON first, so a broken catalogue fails the build, not a
user's itav_catalog_load()."""
import json
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, "rb") as f:
    raw = f.read()
json.loads(raw.decode("utf-8"))
with open(dst, "w", encoding="ascii") as out:
    out.write("/* Generated from data/catalog.json by data/embed.py. Do not edit. */\n")
    out.write("const char itav__catalog_text[] = {\n")
    for i in range(0, len(raw), 16):
        out.write("".join("%d," % (b - 256 if b > 127 else b) for b in raw[i:i + 16]) + "\n")
    out.write("0};\n")
