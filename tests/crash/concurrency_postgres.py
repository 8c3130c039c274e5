"""Several processes, CLI and Python mixed, on one PostgreSQL store (issue 13, Concurrency).

    python3 concurrency_postgres.py CLI     (CLI: the built itav program)

The shape of test_concurrency.c (the SQLite test) on a server:

- writers: WRITERS processes, half running the CLI (`itav --store postgresql://...`, one
  program run per call) and half the Python binding (`itav.open("postgresql://...")`),
  started at the same moment by a pipe that closes, each add participants of their own and
  propose matches between randomly drawn pairs of one small pool, where supporters' capacity
  and asking participants' single open match are scarce, and decline every other match they
  made (which frees both sides, so proposals keep competing to the end). Afterwards: every
  participant a writer added and every match it was told was proposed is there, declined if
  it was declined (nothing lost), no call saw
  a busy store or a storage error (only the matching rules refused), no supporter has more
  open matches than its capacity, no asking participant more than one open match, and no
  match is there that no writer was told of.
- two coordinators: the CLI's `match assign OFFER` and Python's `assign(offer, write=True)`
  on the same offer at the same moment, for ROUNDS offers: the matches written are exactly
  the pairs of one assignment (the dry run's before the race), written by one of the two;
  the other wrote none or was refused by the rules.

Needs a server: ITAV_TEST_POSTGRES (bash .ci/postgres sets it); without one exits 77 (skip)
saying how to run it. Also needs ITAV_LIBRARY and PYTHONPATH (bindings/python and
tests/python), as meson sets them.
"""

import json
import os
import random
import subprocess
import sys
import time

import pgserver

WRITERS = 8
CALLS = 20          # per writer: CALLS participants added and CALLS proposals
ASKING = 10
SUPPORTERS = 4      # capacities 1, 1, 2, 2: 6 places for 10 asking participants
ROUNDS = 3
PAIRS = 8           # per assignment offer
DATE = "2024-01-15"
OPEN = {"proposed", "introduced", "trial", "active"}


def capacity_of(i):
    return 1 if i < SUPPORTERS // 2 else 2


def person(ref, offer, asking, capacity=1):
    p = {"ref": ref, "offer": offer, "kind": "family" if asking else "volunteer",
         "status": "waiting" if asking else "available"}
    if not asking:
        p["capacity"] = capacity
        p["languages"] = ["nl"]
    else:
        p["languages"] = ["nl"]
    return p


def setup_doc():
    people = [person("a%02d" % i, "pool", True) for i in range(ASKING)]
    people += [person("s%02d" % i, "pool", False, capacity_of(i)) for i in range(SUPPORTERS)]
    for r in range(ROUNDS):
        people += [person("b%d-%02d" % (r, i), "duo%d" % r, True) for i in range(PAIRS)]
        people += [person("t%d-%02d" % (r, i), "duo%d" % r, False) for i in range(PAIRS)]
    offers = [{"id": "pool", "intervention": "iv"}, {"id": "bulk", "intervention": "iv"}]
    offers += [{"id": "duo%d" % r, "intervention": "iv"} for r in range(ROUNDS)]
    return {"format": "itav/1", "interventions": [{"id": "iv", "name": "IV"}],
            "offers": offers, "participants": people}


def refused_by_rules(message):
    """A refusal by the matching rules, as opposed to a busy store or a storage error
    (the PostgreSQL backend's messages start "postgresql:")."""
    return "cannot be matched" in message and "postgresql:" not in message


# ---- the workers (run as child processes of this script) ----

def wait_for(gate):
    while os.read(gate, 1):
        pass


def worker(kind, k, uri, gate, cli):
    """Writer k: CALLS times, add participant w<k>-<i> to offer bulk and propose a drawn
    pair of the pool, declining every other match it made. Prints one JSON line: what was
    added, proposed and declined, what was refused by the rules, and every other failure."""
    rng = random.Random(1000 + k)
    out = {"added": [], "proposed": [], "declined": [], "refused": 0, "errors": []}
    if kind == "python":
        import itav
        db = itav.open(uri)
    wait_for(gate)
    for i in range(CALLS):
        ref = "w%d-%02d" % (k, i)
        doc = json.dumps({"format": "itav/1", "participants": [person(ref, "bulk", i % 2 == 0)]})
        pair = ("a%02d" % rng.randrange(ASKING), "s%02d" % rng.randrange(SUPPORTERS))
        if kind == "python":
            try:
                db.import_json_text(doc, "writer %d" % k)
                out["added"].append(ref)
            except itav.Error as e:
                out["errors"].append("import %s: %s" % (ref, e))
            try:
                m = db.propose(pair[0], pair[1], DATE)
                out["proposed"].append([m.id, pair[0], pair[1]])
                if len(out["proposed"]) % 2:
                    db.advance(m.id, "declined", DATE, reason="no_click")
                    out["declined"].append(m.id)
            except itav.Error as e:
                if refused_by_rules(str(e)):
                    out["refused"] += 1
                else:
                    out["errors"].append("propose %s %s: %s" % (pair[0], pair[1], e))
        else:
            path = "%s/w%d-%02d.json" % (os.environ["ITAV_CONC_DIR"], k, i)
            with open(path, "w") as f:
                f.write(doc)
            r = subprocess.run([cli, "--store", uri, "--lang", "en", "import", path],
                               capture_output=True, text=True)
            if r.returncode == 0:
                out["added"].append(ref)
            else:
                out["errors"].append("import %s: exit %d: %s" % (ref, r.returncode,
                                                                 r.stderr.strip()))
            r = subprocess.run([cli, "--store", uri, "--lang", "en", "match", "propose",
                                pair[0], pair[1], "--date", DATE],
                               capture_output=True, text=True)
            if r.returncode == 0:
                # "Proposed m-00000001: a01 with s02 on 2024-01-15 (score 0.500)."
                mid = r.stdout.split()[1].rstrip(":")
                out["proposed"].append([mid, pair[0], pair[1]])
                if len(out["proposed"]) % 2:
                    r = subprocess.run([cli, "--store", uri, "--lang", "en", "match",
                                        "advance", mid, "declined", "--reason", "no_click",
                                        "--date", DATE], capture_output=True, text=True)
                    if r.returncode == 0:
                        out["declined"].append(mid)
                    else:
                        out["errors"].append("decline %s: exit %d: %s" % (
                            mid, r.returncode, r.stderr.strip()))
            elif r.returncode == 2 and refused_by_rules(r.stderr):
                out["refused"] += 1
            else:
                out["errors"].append("propose %s %s: exit %d: %s" % (
                    pair[0], pair[1], r.returncode, r.stderr.strip()))
    if kind == "python":
        db.close()
    print(json.dumps(out))


# How long the Python coordinator waits after the gate in each round, so that the CLI (a
# program to start) comes first in some rounds and they run close together in others.
PYTHON_DELAY_S = (0.0, 0.06, 0.02)


def coordinator(kind, offer, uri, gate, cli):
    """Assigns offer (write, minimum score 0); prints the pairs written, or the refusal."""
    out = {"pairs": [], "error": None, "refused": False}
    if kind == "python":
        import itav
        db = itav.open(uri)
        wait_for(gate)
        time.sleep(PYTHON_DELAY_S[int(offer[len("duo"):]) % len(PYTHON_DELAY_S)])
        try:
            a = db.assign(offer, DATE, itav.MatchOptions(min_score=0.0), write=True)
            out["pairs"] = sorted([p.asking, p.supporting] for p in a.pairs)
        except itav.Error as e:
            out["refused"] = not isinstance(e, (itav.Busy, itav.StorageError))
            out["error"] = str(e)
        db.close()
    else:
        wait_for(gate)
        r = subprocess.run([cli, "--store", uri, "--lang", "en", "match", "assign", offer,
                            "--date", DATE, "--min-score", "0", "--json"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            out["pairs"] = sorted([p["asking"], p["supporting"]]
                                  for p in json.loads(r.stdout)["pairs"])
        else:
            out["error"] = "exit %d: %s" % (r.returncode, r.stderr.strip())
            out["refused"] = r.returncode == 2 and "postgresql:" not in r.stderr
    print(json.dumps(out))


# ---- the test ----

def run_together(jobs):
    """Starts one child per (role, kind, name) job, all waiting at one pipe, closes it,
    and returns their JSON reports."""
    gate_r, gate_w = os.pipe()
    procs = []
    for job in jobs:
        procs.append(subprocess.Popen(
            [sys.executable, __file__] + [str(a) for a in job] + [str(gate_r)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, pass_fds=[gate_r]))
    os.close(gate_r)
    time.sleep(1.0)  # the Python children have opened the store and wait
    started = time.monotonic()
    os.close(gate_w)
    reports = []
    for job, p in zip(jobs, procs):
        stdout, stderr = p.communicate(timeout=240)
        if p.returncode != 0 or not stdout.strip():
            fail("%s %s died (exit %d): %s" % (job[0], job[1], p.returncode, stderr.strip()))
        reports.append(json.loads(stdout.strip().splitlines()[-1]))
    return reports, time.monotonic() - started


FAILURES = []


def fail(msg):
    print("FAIL: " + msg)
    FAILURES.append(msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def export(uri):
    import itav
    db = itav.open(uri)
    try:
        return json.loads(db.export_json())
    finally:
        db.close()


def test_writers(uri, cli):
    jobs = [("worker", "cli" if k % 2 == 0 else "python", k, uri, cli) for k in range(WRITERS)]
    reports, took = run_together(jobs)
    added = [ref for r in reports for ref in r["added"]]
    proposed = [tuple(p) for r in reports for p in r["proposed"]]
    refused = sum(r["refused"] for r in reports)
    errors = [e for r in reports for e in r["errors"]]
    for k, r in enumerate(reports):
        print("writer %d (%s): %d added, %d proposed, %d declined, %d refused by the rules, "
              "%d failed" % (k, jobs[k][1], len(r["added"]), len(r["proposed"]),
                             len(r["declined"]), r["refused"], len(r["errors"])))
    print("%d writers, %d calls in %.2f s" % (WRITERS, 2 * WRITERS * CALLS +
                                              sum(len(r["declined"]) for r in reports), took))
    check(not errors, "%d calls failed other than by the rules; first: %s"
          % (len(errors), errors[0] if errors else ""))
    check(len(added) == WRITERS * CALLS, "%d of %d participants added" % (len(added),
                                                                       WRITERS * CALLS))
    check(proposed and refused, "no contention: %d proposed, %d refused"
          % (len(proposed), refused))

    store = export(uri)
    people = {p["ref"]: p for p in store.get("participants", [])}
    matches = {m["id"]: m for m in store.get("matches", [])}
    lost = [ref for ref in added if ref not in people]
    check(not lost, "participants lost: %s" % lost)
    declined = {mid for r in reports for mid in r["declined"]}
    check(len(set(p[0] for p in proposed)) == len(proposed), "one match id given twice")
    for mid, asking, supporting in proposed:
        m = matches.get(mid)
        state = "declined" if mid in declined else "proposed"
        check(m is not None and m["asking"] == asking and m["supporting"] == supporting and
              m["state"] == state, "match %s (%s with %s, %s) is not in the store so: %s"
              % (mid, asking, supporting, state, m))
    told = {p[0] for p in proposed}
    extra = [mid for mid, m in matches.items() if m["offer"] == "pool" and mid not in told]
    check(not extra, "matches no writer was told of: %s" % extra)
    open_of = {}
    for m in matches.values():
        if m["state"] in OPEN:
            open_of.setdefault(m["asking"], []).append(m["id"])
            open_of.setdefault(m["supporting"], []).append(m["id"])
    for i in range(ASKING):
        ref = "a%02d" % i
        check(len(open_of.get(ref, [])) <= 1, "asking %s has %d open matches: %s"
              % (ref, len(open_of.get(ref, [])), open_of.get(ref)))
    for i in range(SUPPORTERS):
        ref = "s%02d" % i
        check(len(open_of.get(ref, [])) <= capacity_of(i),
              "supporter %s (capacity %d) has %d open matches: %s"
              % (ref, capacity_of(i), len(open_of.get(ref, [])), open_of.get(ref)))
    print("all %d added participants and %d proposed matches (%d declined) are there; %d "
          "proposals refused by the rules; no capacity exceeded, no asking participant with "
          "two open matches" % (len(added), len(proposed), len(declined), refused))


def test_coordinators(uri, cli):
    import itav
    for r in range(ROUNDS):
        offer = "duo%d" % r
        db = itav.open(uri)
        dry = db.assign(offer, DATE, itav.MatchOptions(min_score=0.0), write=False)
        want = sorted([p.asking, p.supporting] for p in dry.pairs)
        db.close()
        check(len(want) == PAIRS, "%s: the dry run pairs %d of %d" % (offer, len(want), PAIRS))
        order = [("coordinator", "cli", offer, uri, cli),
                 ("coordinator", "python", offer, uri, cli)]
        if r % 2:
            order.reverse()
        reports, took = run_together(order)
        for job, rep in zip(order, reports):
            print("%s: %s coordinator wrote %d pairs%s" % (
                offer, job[1], len(rep["pairs"]),
                "; refused: " + rep["error"] if rep["error"] else ""))
            check(rep["error"] is None or rep["refused"],
                  "%s: %s coordinator failed: %s" % (offer, job[1], rep["error"]))
        wrote = [rep for rep in reports if rep["pairs"]]
        check(len(wrote) == 1, "%s: %d coordinators wrote pairs (one expected)"
              % (offer, len(wrote)))
        if wrote:
            check(wrote[0]["pairs"] == want, "%s: the pairs written %s differ from the "
                  "assignment %s" % (offer, wrote[0]["pairs"], want))
        stored = sorted([m["asking"], m["supporting"]] for m in export(uri).get("matches", [])
                        if m["offer"] == offer)
        check(stored == want, "%s: the store holds %s, the assignment is %s"
              % (offer, stored, want))
    print("%d rounds of two coordinators assigning one offer at once: each time one "
          "assignment was written, once" % ROUNDS)


def main(argv):
    if len(argv) >= 2 and argv[1] in ("worker", "coordinator"):
        role, kind, what, uri, cli, gate = argv[1:7]
        if role == "worker":
            worker(kind, int(what), uri, int(gate), cli)
        else:
            coordinator(kind, what, uri, int(gate), cli)
        return 0
    if len(argv) != 2:
        print("usage: concurrency_postgres.py CLI")
        return 2
    if not pgserver.uri():
        print("SKIP: CLI and Python processes on one PostgreSQL store (%s)" % pgserver.HOW)
        return 77
    cli = os.path.abspath(argv[1])
    import itav
    import tempfile
    uri, schema = pgserver.new_schema()
    with tempfile.TemporaryDirectory(prefix="itav-conc-pg-") as tmp:
        os.environ["ITAV_CONC_DIR"] = tmp
        db = itav.open(uri)
        db.import_json_text(json.dumps(setup_doc()), "setup")
        db.close()
        test_writers(uri, cli)
        test_coordinators(uri, cli)
    if not FAILURES:
        pgserver.drop_schema(schema)
    else:
        print("the store is kept in schema %s" % schema)
    print("%d failures" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
