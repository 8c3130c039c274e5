#!/usr/bin/env python3
"""Turns a gettext PO file (lib/po/nl.po) into a C source with its messages as a table sorted
by context (none first) and English text, which lib/util/translation.c searches (bsearch).
An entry with a msgctxt is looked up in that context only (the report labels: "report"). Entries marked fuzzy and untranslated ones are left out (the English is used). A
malformed file, or a message whose translation changes its printf conversions, fails the build
(tests/i18n checks the same with msgfmt --check-format)."""
import re
import sys

src, dst, name = sys.argv[1], sys.argv[2], sys.argv[3]
ESC = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def unquote(s, where):
    if not (len(s) >= 2 and s[0] == '"' and s[-1] == '"'):
        sys.exit("%s:%d: expected a quoted string" % (src, where))
    out, i, s = [], 0, s[1:-1]
    while i < len(s):
        c = s[i]
        if c == "\\":
            if i + 1 >= len(s) or s[i + 1] not in ESC:
                sys.exit("%s:%d: unknown escape" % (src, where))
            out.append(ESC[s[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


entries, cur, field, fuzzy = [], None, None, False


def finish():
    global cur, fuzzy
    if cur is not None and cur.get("msgid") and cur.get("msgstr") and not fuzzy:
        entries.append((cur.get("msgctxt"), cur["msgid"], cur["msgstr"]))
    cur, fuzzy = None, False


with open(src, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if cur is not None and "msgstr" in cur:
                finish()
            fuzzy = fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field is None:
                sys.exit("%s:%d: a string outside an entry" % (src, n))
            cur[field] += unquote(line, n)
        else:
            key, _, rest = line.partition(" ")
            if key not in ("msgid", "msgstr", "msgctxt"):
                sys.exit("%s:%d: %s is not supported here" % (src, n, key))
            if key in ("msgid", "msgctxt") and cur is not None and "msgstr" in cur:
                finish()
            if cur is None:
                cur = {}
            field = key
            cur[key] = unquote(rest.strip(), n)
    finish()

CONV = re.compile(r"%(?:%|[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?"
                  r"[diouxXeEfFgGcspa])")


def conversions(s):
    return [c for c in CONV.findall(s) if c != "%%"]


def c_string(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\%03o" % o)
        elif o < 0x80:
            out.append(ch)
        else:  # octal escapes keep the source ASCII and never run into a following hex digit
            out.extend("\\%03o" % b for b in ch.encode("utf-8"))
    return '"' + "".join(out) + '"'


seen = {}
for ctx, en, tr in entries:
    if (ctx, en) in seen:
        sys.exit("%s: %r%s is translated twice"
                 % (src, en, " (context %r)" % ctx if ctx else ""))
    seen[(ctx, en)] = tr
    if conversions(en) != conversions(tr):
        sys.exit("%s: the translation of %r has other conversions: %s, not %s"
                 % (src, en, conversions(tr), conversions(en)))


def order(k):  # the order of lib/util/translation.c: no context first, then strcmp's
    ctx, en = k
    return (ctx is not None, (ctx or "").encode("utf-8"), en.encode("utf-8"))


keys = sorted(seen, key=order)
with open(dst, "w", encoding="ascii") as out:
    out.write("/* Generated from %s by lib/po/po2c.py. Do not edit. */\n"
              % src.rsplit("/", 1)[-1])
    out.write('#include "util/util_int.h"\n\n')
    out.write("const itav__message %s[] = {\n" % name)
    for ctx, en in keys:
        out.write("    {%s, %s,\n     %s},\n"
                  % (c_string(ctx) if ctx else "NULL", c_string(en), c_string(seen[(ctx, en)])))
    if not keys:
        out.write("    {NULL, \"\", \"\"},\n")
    out.write("};\nconst size_t %s_count = %d;\n" % (name, len(keys)))
