#!/usr/bin/env python3
"""Turns Debian's iso-codes list of ISO 639-3 (iso_639-3.json) into a C source with the
language table of lib/util/language.c, so the library reads no file at run time.

Every ISO 639-3 code is listed with its ISO 639-1 code when the language has one. The
retired ISO 639-1 code "bh" (Bihari, a collective code with no ISO 639-3 entry) is added so
that data stored before stays readable. A list without Dutch, English or Papiamento, or
with malformed codes, fails the build rather than a user's import."""
import json
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    entries = json.load(f)["639-3"]
pairs = {}
for e in entries:
    three, two = e["alpha_3"], e.get("alpha_2", "")
    if not re.fullmatch(r"[a-z]{3}", three) or not re.fullmatch(r"(|[a-z]{2})", two):
        sys.exit("%s: malformed entry %r" % (src, e))
    pairs[three] = two
for three, two in (("nld", "nl"), ("eng", "en"), ("pap", "")):
    if pairs.get(three) != two:
        sys.exit("%s: %s is missing or has no ISO 639-1 code %r" % (src, three, two))
twos = sorted({two: three for three, two in pairs.items() if two}.items())
twos.append(("bh", ""))  # retired, kept for old data; no ISO 639-3 code
twos.sort()
if len(twos) != len({t for t, _ in twos}):
    sys.exit("%s: an ISO 639-1 code stands for two ISO 639-3 codes" % src)
with open(dst, "w", encoding="ascii") as out:
    out.write("/* Generated from %s by lib/util/languages.py. Do not edit. */\n"
              % src.rsplit("/", 1)[-1])
    out.write('#include "util/util_int.h"\n\n')
    out.write("/* ISO 639-3 codes with their ISO 639-1 code (\"\" if none), sorted. */\n")
    out.write("const itav__language itav__languages3[] = {\n")
    for three in sorted(pairs):
        out.write('    {"%s", "%s"},\n' % (three, pairs[three]))
    out.write("};\nconst size_t itav__languages3_count = %d;\n\n" % len(pairs))
    out.write("/* ISO 639-1 codes with their ISO 639-3 code, sorted by the former. */\n")
    out.write("const itav__language2 itav__languages2[] = {\n")
    for two, three in twos:
        out.write('    {"%s", "%s"},\n' % (two, three))
    out.write("};\nconst size_t itav__languages2_count = %d;\n" % len(twos))
