#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/.

Run it again only to change the seeds (the files are committed):
    python3 tests/fuzz/make_corpus.py BUILD/examples/itav
The itav CLI builds the scenario seeds (participants, matches, reviews) through the library, so
they are real exports, and the record seeds are records of real stores: a copy of
tests/data/store-format1.db upgraded by the CLI and the scenario's own store. Everything else
comes from data/catalog.json, the CSV test files, the element wordings of lib/model/element.c
and docs/format.md.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def dataset(**members):
    doc = {"format": "itav/1"}
    doc.update(members)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def json_seeds(cli):
    cat = json.load(open(os.path.join(ROOT, "data", "catalog.json"), encoding="utf-8"))
    ivs = {iv["id"]: iv for iv in cat["interventions"]}

    def piece(iv_id):
        """One intervention with its offers and their indicators, plus any programme
        offer (and its intervention) they name, so the piece imports on its own."""
        offers = [o for o in cat["offers"] if o["intervention"] == iv_id]
        progs = {o["programme"] for o in offers if "programme" in o} - {o["id"] for o in offers}
        extra = [o for o in cat["offers"] if o["id"] in progs]
        wanted = [iv_id] + sorted({o["intervention"] for o in extra} - {iv_id})
        offers = offers + extra
        ids = {o["id"] for o in offers}
        inds = [i for i in cat["indicators"] if i["offer"] in ids]
        return dataset(interventions=[ivs[i] for i in wanted], offers=offers,
                       indicators=inds)

    for iv_id in ["utrecht-dappere-dinos", "itav-hw-digitaal-platform-ouders", "pinkies",
                  "jong-perspectief", "home-start", "moeders-informeren-moeders",
                  "vws-dordrecht-voorzorg", "giz", "het-begint-bij-mij"]:
        write("json", "catalog-" + iv_id + ".json", piece(iv_id))

    fmt = open(os.path.join(ROOT, "docs", "format.md"), encoding="utf-8").read()
    example = fmt[fmt.index("## Example"):]
    example = example[example.index("```json") + 7:]
    write("json", "format-example.json", example[:example.index("```")].lstrip())
    write("json", "empty.json", '{"format": "itav/1"}\n')
    write("json", "bad-format.json", '{"format": "itav/2", "interventions": []}\n')
    write("json", "bad-syntax.json", '{"format": "itav/1", "offers": [{"id": "a",]}\n')

    # Scenarios through the CLI: participants, matches in several states, reviews, an
    # erased participant, an indicator with a measurement.
    base = {
        "interventions": [{"id": "buurtgezinnen", "name": "Buurtgezinnen", "kind": "programme",
                           "setting": "informal",
                           "plan": ivs["buurtgezinnen"].get("plan", {})}],
        "offers": [{"id": "buurtgezinnen-zuid-kennemerland", "intervention": "buurtgezinnen",
                    "municipalities": ["Haarlem", "Zandvoort", "Bloemendaal", "Heemstede"]}],
        "indicators": [{"id": "bg-zk-matches-haarlem-2021",
                        "offer": "buurtgezinnen-zuid-kennemerland", "type": "count",
                        "unit": "matches", "derived": "matches_started",
                        "municipality": "Haarlem",
                        "targets": [{"comparator": "at_least", "value": 12,
                                     "deadline": "2021-12-31", "source": "002:L133"}],
                        "source": "002:L133"},
                       {"id": "bg-zk-satisfaction", "offer": "buurtgezinnen-zuid-kennemerland",
                        "type": "rating", "scale": {"low": 0, "high": 5},
                        "baseline": {"date": "2020-12-31",
                                     "quantity": {"qualifier": "about", "value": 3}},
                        "targets": [{"comparator": "between", "value": 3.5, "high": 5,
                                     "deadline": "2022-12-31"},
                                    {"comparator": "at_least", "value": 10, "relative": True,
                                     "deadline": "2022-06-30"}],
                        "measurements": [{"date": "2021-06-30", "period": "2021-H1",
                                          "quantity": {"qualifier": "range", "min": 3,
                                                       "max": 4, "text": "3 tot 4"}}]}],
    }
    tmp = tempfile.mkdtemp(prefix="itav-corpus-")
    try:
        store = "sqlite:" + os.path.join(tmp, "s.db")

        def itav(*args):
            subprocess.run([cli, "--store", store] + list(args), check=True,
                           stdout=subprocess.DEVNULL)

        with open(os.path.join(tmp, "base.json"), "w", encoding="utf-8") as f:
            f.write(dataset(**base))
        itav("import", os.path.join(tmp, "base.json"))
        itav("participants", "import", os.path.join(ROOT, "tests", "c", "data",
                                                      "participants.csv"))
        itav("match", "propose", "zk-vraag-01", "zk-steun-01", "--date", "2021-03-05")
        for state, date in [("introduced", "2021-03-10"), ("trial", "2021-03-15")]:
            itav("match", "advance", "m-00000001", state, "--date", date, "--note", "ok")
        itav("review", "add", "m-00000001", "--kind", "trial", "--date", "2021-05-15",
             "--respondent", "asking", "--satisfaction", "8")
        itav("match", "advance", "m-00000001", "active", "--date", "2021-05-17")
        itav("review", "add", "m-00000001", "--kind", "periodic", "--date", "2021-11-15",
             "--respondent", "coordinator", "--safety-concern", "--safety-note", "let op")
        itav("review", "add", "m-00000001", "--kind", "final", "--date", "2022-03-01",
             "--respondent", "supporting", "--effect", "rest=2", "--effect",
             "carefree_childhood=1", "--formal-help", "prevented", "--note", "goed")
        itav("export", os.path.join(tmp, "active.json"))
        with open(os.path.join(tmp, "active.json"), encoding="utf-8") as f:
            write("json", "scenario-active.json", f.read())
        itav("match", "advance", "m-00000001", "ended_early", "--date", "2022-03-02",
             "--reason", "moved")
        itav("participants", "erase", "zk-vraag-01")
        itav("export", os.path.join(tmp, "erased.json"))
        with open(os.path.join(tmp, "erased.json"), encoding="utf-8") as f:
            write("json", "scenario-erased.json", f.read())
        # Records the older store lacks: an erased participant, a match ended early with
        # notes in its trail, reviews with a safety note and with effects, indicators with a
        # baseline, a relative target and a measured range.
        scenario_records(os.path.join(tmp, "s.db"))
        # A ledger of releases: a report published for 2021, then the store exported.
        itav("report", "programme", "buurtgezinnen-zuid-kennemerland", "--publish", "--from",
             "2021-01-01", "--to", "2021-12-31")
        release_records(os.path.join(tmp, "s.db"))
        itav("export", os.path.join(tmp, "ledger.json"))
        with open(os.path.join(tmp, "ledger.json"), encoding="utf-8") as f:
            write("json", "scenario-ledger.json", f.read())
        # The CLI's own test data: participants for an offer of the base.
        more = json.load(open(os.path.join(ROOT, "tests", "cli", "data", "zk-more.json"),
                              encoding="utf-8"))
        write("json", "zk-more-with-offer.json",
              dataset(interventions=base["interventions"], offers=base["offers"],
                      participants=more["participants"]))
    finally:
        shutil.rmtree(tmp)


# The record target's first input byte: the kind, in the order of fuzz_record.c's table.
RECORD_KINDS = ["intervention", "offer", "participant", "match", "review", "indicator",
                "release"]


def record_seed(db, kind, key, name=None):
    """The stored record (kind, key) of the SQLite store db, after its kind byte."""
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT data FROM records WHERE kind = ? AND key = ?",
                          (kind, key)).fetchone()
    finally:
        con.close()
    if row is None:
        sys.exit("make_corpus.py: no %s %r in %s" % (kind, key, db))
    write("record", "%s-%s.cbor" % (kind, name or key),
          bytes([RECORD_KINDS.index(kind)]) + bytes(row[0]))


def scenario_records(db):
    """Record seeds from the store json_seeds() builds through the CLI."""
    con = sqlite3.connect(db)
    try:
        erased = con.execute("SELECT key FROM records WHERE kind = 'participant'"
                             " AND key LIKE '~erased-%' ORDER BY key").fetchone()[0]
    finally:
        con.close()
    record_seed(db, "participant", erased, "scenario-erased")
    record_seed(db, "participant", "zk-steun-01", "scenario-zk-steun-01")
    record_seed(db, "match", "m-00000001", "scenario-ended-early")
    for key in ["r-00000001", "r-00000002", "r-00000003"]:
        record_seed(db, "review", key, "scenario-" + key)
    for key in ["bg-zk-matches-haarlem-2021", "bg-zk-satisfaction"]:
        record_seed(db, "indicator", key, "scenario-" + key)


def release_records(db):
    """Record seeds of the releases in the store json_seeds() builds (the ledger)."""
    con = sqlite3.connect(db)
    try:
        keys = [k for (k,) in con.execute("SELECT key FROM records WHERE kind = 'release'"
                                          " ORDER BY key")]
    finally:
        con.close()
    if not keys:
        sys.exit("make_corpus.py: no release in %s" % db)
    for key in keys:
        record_seed(db, "release", key, "scenario-" + key)


def record_seeds(cli):
    """Records of every kind from tests/data/store-format1.db, which the CLI brings to the
    current record format when it opens a copy: interventions with and without a plan,
    roles and reach figures, offers, participants on both sides (children, a required
    language, a distance), matches completed, active, ended early and declined, reviews with
    and without effects, indicators with targets and measurements."""
    picks = {
        "intervention": ["buurtgezinnen", "home-start", "utrecht-dappere-dinos",
                         "itav-hw-kansarmoede-kinderen"],
        "offer": ["buurtgezinnen-zuid-kennemerland", "itav-hoeksche-waard-2020",
                  "at-ease-leiden", "utrecht-bukojou-utrecht"],
        "participant": ["zk-steun-01", "zk-steun-08", "zk-vraag-06", "zk-vraag-09",
                        "zk-vraag-10"],
        "match": ["m-00000001", "m-00000004", "m-00000005", "m-00000007"],
        "review": ["r-00000001", "r-00000006", "r-00000019"],
        "indicator": ["buurtgezinnen-zk-matches-haarlem-2021", "itav-hw-findability",
                      "itav-hw-platform-new-visitors"],
    }
    tmp = tempfile.mkdtemp(prefix="itav-corpus-")
    try:
        db = os.path.join(tmp, "format1.db")
        shutil.copyfile(os.path.join(ROOT, "tests", "data", "store-format1.db"), db)
        subprocess.run([cli, "--store", "sqlite:" + db, "export", os.path.join(tmp, "e.json")],
                       check=True, stdout=subprocess.DEVNULL)
        for kind, keys in picks.items():
            for key in keys:
                record_seed(db, kind, key)
    finally:
        shutil.rmtree(tmp)
    damaged_record_seeds()


def damaged_record_seeds():
    """A few damaged records, edited from the seeds above, so that the replay also checks
    what a damaged record reports (each seed is the kind byte, the record's array head, then
    the record version 1)."""
    def seed(name):
        with open(os.path.join(CORPUS, "record", name + ".cbor"), "rb") as f:
            return f.read()

    def damaged(name, data):
        write("record", "damaged-" + name + ".cbor", data)

    damaged("intervention-empty", bytes([RECORD_KINDS.index("intervention")]))
    steun = seed("participant-zk-steun-01")
    damaged("participant-truncated", steun[:len(steun) // 2])
    # The languages ["nl", "tr"], the second one an integer of the same length.
    langs = b"\x82\x62nl\x62tr"
    assert steun.count(langs) == 1
    damaged("participant-language-not-text", steun.replace(langs, b"\x82\x62nl\x19tr"))
    offer = seed("offer-at-ease-leiden")
    damaged("offer-version-2", offer[:2] + b"\x02" + offer[3:])
    damaged("match-trailing-byte", seed("match-m-00000004") + b"\x00")
    review = seed("review-r-00000001")
    damaged("review-too-many-fields", review[:1] + bytes([review[1] + 1]) + review[2:] + b"\xf6")


def csv_seeds():
    for rel in ["tests/c/data/participants.csv", "tests/cli/data/zk-families.csv",
                "tests/cli/data/zk-bad.csv", "tests/c/data/excel-nl.csv",
                "tests/c/data/excel-nl-1252.csv", "tests/c/data/excel-nl-problems.csv",
                "tests/c/data/excel-nl-update.csv"]:
        with open(os.path.join(ROOT, rel), "rb") as f:
            write("csv", os.path.basename(rel), f.read())
    write("csv", "header-only.csv", "ref,kind\n")
    write("csv", "empty.csv", "")
    write("csv", "bom-crlf-quoted.csv",
          "\ufeffref,kind,municipality,interests,offer\r\n"
          "zk-a1,family,\"Haarlem, \"\"Schalkwijk\"\"\",\"board-games; football\",\r\n"
          "zk-s1,volunteer,\"Heem\nstede\",,buurtgezinnen-hoeksche-waard\r\n")
    write("csv", "trailing-and-blank.csv",
          "kind,ref,,\n\nyouth,zk-y1,,\nbuddy , zk-b1 \n,,,\n")
    write("csv", "problems.csv",
          "ref,kind,status,capacity,lat,lon,languages,Ref\n"
          "zk-p1,parent,available,2,95,4.6,\"nl, xx\",x\n"
          "zk-p1,peer,matched,0,52.3,,nl,y\n")


def cli_seeds():
    """The cli target reads its input as arguments separated by NUL bytes."""
    for name, args in [
            ("seed-catalog", ["catalog", "list", "--element", "equality", "--json"]),
            ("seed-import", ["--store", "sqlite:/tmp/x.db", "participants", "import", "f.csv",
                             "--offer", "bg"]),
            ("seed-odd", ["--", "--store", "-h", "--unknown=1"]),
            ("seed-report", ["--lang=nl", "report", "programme", "o", "--k", "5", "--from",
                             "-"])]:
        write("cli", name, "\0".join(args))


def element_seeds():
    src = open(os.path.join(ROOT, "lib", "model", "element.c"), encoding="utf-8").read()
    table = src[src.index("elements[ITAV_ELEMENT_COUNT]"):src.index("static bool valid")]
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', table)
    n = 0
    for s in strings:
        write("element", "wording-%02d.txt" % n, s)
        n += 1
    write("element", "upper.txt", "TWIJFELS EN KWETSBAARHEID ZIJN NORMAAL")
    write("element", "punctuation.txt", "  Vraag / behoefte van jeugdigen -- ouders: is leidend!")
    write("element", "nbsp.txt", "Aandacht\u00a0voor positieve\u00a0zaken")
    write("element", "unknown.txt", "Geen element")


def date_seeds():
    for i, text in enumerate(["2021-03-01", "1900-01-01", "9999-12-31", "2000-02-29",
                              "1900-02-29", "2021-02-30", "01-03-2021", "2021-3-1",
                              "1970-01-01"]):
        write("date", "text-%d.txt" % i, text)
    # Binary seeds: a day number, and year, month, day as three little-endian int32.
    write("date", "bin-day-0.bin", (0).to_bytes(4, "little", signed=True))
    write("date", "bin-day-first.bin", (-25567).to_bytes(4, "little", signed=True) + b"\x0b")
    write("date", "bin-ymd.bin", b"".join(v.to_bytes(4, "little", signed=True)
                                          for v in (2024, 2, 29)) + b"\x0a")


def uri_seeds():
    for i, uri in enumerate(["memory:", "sqlite:itav.db", "sqlite:", "memory", "MEMORY:",
                             "memory:x", "sqlite:a b.db", "sqlite:..", "sqlite:.",
                             "mysql:x", ""]):
        write("uri", "uri-%02d.txt" % i, uri)


def write_dict(target, tokens, what):
    """A libFuzzer dictionary: one quoted token a line, bytes outside printable ASCII (and
    the quote and backslash) escaped."""
    lines = ["# libFuzzer dictionary of the %s target (%s); written by make_corpus.py"
             % (target, what)]
    for t in tokens:
        out = ""
        for b in t.encode("utf-8"):
            c = chr(b)
            out += "\\" + c if c in '"\\' else c if 0x20 <= b < 0x7F else "\\x%02X" % b
        lines.append('"%s"' % out)
    with open(os.path.join(HERE, target + ".dict"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def json_dict():
    """Every member name and code that docs/format.md writes in backticks, as JSON strings,
    and JSON's own tokens."""
    fmt = open(os.path.join(ROOT, "docs", "format.md"), encoding="utf-8").read()
    words = sorted({w for w in re.findall(r"`([a-z][a-z0-9_]*)`", fmt)})
    tokens = ['"%s"' % w for w in words]
    tokens += ['"itav/1"', '"2021-03-01"', '"001:L373-380"', '"m-00000001"', '"r-00000001"',
               '"~erased-1"', "true", "false", "null", "{", "}", "[", "]", ":", ",",
               "-0.5e+3", "\\u00e9", "\\ud83d\\ude00", "\\u0000", "\u00e9"]
    write_dict("json", tokens, "member names and codes")


def csv_dict():
    """Column names and codes of docs/format.md, "Participants in CSV", and CSV's own
    tokens."""
    fmt = open(os.path.join(ROOT, "docs", "format.md"), encoding="utf-8").read()
    part = fmt[fmt.index("## Participant"):fmt.index("## Match")]
    part += fmt[fmt.index("## Participants in CSV"):]
    words = sorted({w for w in re.findall(r"`([a-z][a-z0-9_]*)`", part)})
    words += ["mon_morning", "sun_evening", "wed_afternoon", "yes", "no", "TRUE", "0", "1",
              "2021-02-29", "52.381", "4.637", "2011", "nl; ar", '"', '""', ",", ";", "\r\n",
              "\r", "\ufeff", "buurtgezinnen-zuid-kennemerland",
              "buurtgezinnen-hoeksche-waard"]
    write_dict("csv", words, "column names and codes")


def uri_dict():
    write_dict("uri", ["memory:", "sqlite:", "file:", ":memory:", "?mode=ro", "?mode=memory",
                       "&cache=shared", "?vfs=unix-dotfile", "?immutable=1", "-wal", "-shm",
                       "-journal", "..", ".", " ", "\x00"], "schemes and SQLite names")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    json_seeds(os.path.abspath(sys.argv[1]))
    record_seeds(os.path.abspath(sys.argv[1]))
    csv_seeds()
    cli_seeds()
    element_seeds()
    date_seeds()
    uri_seeds()
    json_dict()
    csv_dict()
    uri_dict()


if __name__ == "__main__":
    main()
