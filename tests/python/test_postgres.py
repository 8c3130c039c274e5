"""The bindings on a PostgreSQL store (issue 13): itav.open("postgresql://..."), create,
list, suggest and assign do what they do on a memory store, and the export is byte for byte
the memory store's. Runs against the server ITAV_TEST_POSTGRES names (bash .ci/postgres
starts one); skips without it (pgserver.HOW says how to run it)."""

import datetime
import unittest

from test_participants import (BLOEMENDAAL, HAARLEM, HEEMSTEDE, OFFER, ZANDVOORT, asking,
                               small_store, supporter)

import itav
import pgserver

D = datetime.date


def fill(store):
    """The same participants, matches and review in any store."""
    store.create(asking("a1", location=HAARLEM, municipality="Haarlem",
                        support={"daytime_care"}, languages=["nl"], children=[60]))
    store.create(asking("a2", location=HEEMSTEDE, municipality="Heemstede",
                        languages=["ar", "nl"]))
    store.create(asking("a3", location=ZANDVOORT, municipality="Zandvoort"))
    store.create(supporter("s1", location=HEEMSTEDE, support={"daytime_care"}))
    store.create(supporter("s2", location=BLOEMENDAAL, languages=["ar", "nl"]))
    store.create(supporter("s3", location=HAARLEM, capacity=2))
    m = store.propose("a3", "s3", D(2021, 3, 1), note="by hand")
    store.advance(m, "introduced", D(2021, 3, 8))


@unittest.skipUnless(pgserver.uri(), "no PostgreSQL server: " + pgserver.HOW)
class TestPostgresStore(unittest.TestCase):

    def setUp(self):
        self.uri, self.schema = pgserver.new_schema()
        self.addCleanup(pgserver.drop_schema, self.schema)

    def open_both(self):
        mem = small_store("memory:")
        self.addCleanup(mem.close)
        pg = small_store(self.uri)
        self.addCleanup(pg.close)
        return mem, pg

    def test_create_list_suggest_export_as_in_memory(self):
        mem, pg = self.open_both()
        fill(mem)
        fill(pg)
        # the records are in the server's table, not only in this process
        self.assertEqual(pgserver.value("SELECT count(*) FROM %s.itav_records WHERE kind = "
                                        "'participant'" % self.schema), "6")
        self.assertEqual([p.ref for p in pg.participants()],
                         [p.ref for p in mem.participants()])
        self.assertEqual([p.ref for p in pg.participants(side="supporting")],
                         ["s1", "s2", "s3"])
        self.assertEqual([m.asking for m in pg.matches(open_only=True)], ["a3"])
        options = itav.MatchOptions(as_of=D(2021, 4, 1))
        for ref in ("a1", "a2"):
            want = [(s.supporting, round(s.score, 12)) for s in mem.suggest(ref, 5, options)]
            got = [(s.supporting, round(s.score, 12)) for s in pg.suggest(ref, 5, options)]
            self.assertEqual(got, want, ref)
            self.assertTrue(got, "no suggestions for %s" % ref)
        # the suggestions on the server went through the place index: a supporter beyond
        # the offer's 10 km is not among them
        for store in (mem, pg):
            store.create(supporter("far", location=(52.3728, 4.8936)))
        self.assertNotIn("far", [s.supporting for s in pg.suggest("a1", 10, options)])
        a_mem = mem.assign(OFFER, D(2021, 4, 1), write=True)
        a_pg = pg.assign(OFFER, D(2021, 4, 1), write=True)
        self.assertEqual(a_pg.matched, a_mem.matched)
        self.assertEqual(a_pg.match_ids, a_mem.match_ids)

    def test_export_is_the_memory_stores_byte_for_byte(self):
        mem, pg = self.open_both()
        fill(mem)
        fill(pg)
        text = pg.export_json()
        self.assertEqual(text, mem.export_json())
        # and read back from another connection, after import into a fresh schema
        uri2, schema2 = pgserver.new_schema()
        self.addCleanup(pgserver.drop_schema, schema2)
        with itav.open(uri2) as other:
            other.import_json_text(text, "from postgresql")
            self.assertEqual(other.export_json(), text)
        pg.close()
        with itav.open(self.uri) as again:
            self.assertEqual(again.export_json(), text)

    def test_refusals_are_the_same_errors(self):
        mem, pg = self.open_both()
        fill(mem)
        fill(pg)
        for store in (mem, pg):
            with self.assertRaises(itav.NotFound):
                store.get_participant("nobody")
            with self.assertRaises(itav.Exists):
                store.create(asking("a1"))
            with self.assertRaises(itav.StateError) as cm:
                store.propose("a3", "s1", D(2021, 3, 2))
            self.assertIn("cannot be matched", str(cm.exception))
        self.assertEqual(pg.export_json(), mem.export_json())


if __name__ == "__main__":
    unittest.main()
