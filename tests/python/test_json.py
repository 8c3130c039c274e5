"""itav/1 JSON: export, import, round trips, and imports that must change nothing."""

import json
import os
import pathlib
import tempfile
import unittest

from itavtest import catalog, full_intervention

import itav

SMALL = {
    "format": "itav/1",
    "interventions": [
        {"id": "voorbeeld", "name": "Voorbeeld", "kind": "programme", "setting": "informal",
         "elements": {"table": {"informal_support": {"status": "present",
                                                     "source": "001:L2377"}}}},
    ],
    "offers": [{"id": "voorbeeld-leiden", "intervention": "voorbeeld",
                "municipalities": ["Leiden"]}],
}


class TestExportImport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.store = itav.open()
        self.store.load_catalog()

    def tearDown(self):
        self.store.close()
        self.tmp.cleanup()

    def test_export_import_export_is_byte_identical(self):
        first = self.store.export_json()
        self.assertTrue(first.endswith("\n"))
        self.assertEqual(json.loads(first)["format"], "itav/1")
        for uri in ("memory:", "sqlite:" + os.path.join(self.tmp.name, "rt.db")):
            with itav.open(uri) as other:
                other.import_json(first)
                self.assertEqual(other.export_json(), first, uri)

    def test_export_is_the_catalogue(self):
        exported = json.loads(self.store.export_json())
        self.assertEqual(exported, catalog())

    def test_export_layout(self):
        text = self.store.export_json()
        data = json.loads(text)
        ids = [iv["id"] for iv in data["interventions"]]
        self.assertEqual(ids, sorted(ids))
        self.assertEqual(list(data), ["format", "interventions", "offers", "indicators"])
        self.assertTrue(text.startswith('{\n  "format": "itav/1",'))

    def test_file_round_trip(self):
        path = os.path.join(self.tmp.name, "out.json")
        text = self.store.export_json(path)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), text)
        self.assertEqual(text, self.store.export_json())
        for source in (path, pathlib.Path(path)):
            with itav.open() as other:
                other.import_json(source)
                self.assertEqual(other.export_json(), text)
        with itav.open() as other:
            other.import_json_file(path)
            other.delete_offer("buurtgezinnen-leiden")
            self.assertNotEqual(other.export_json(), text)

    def test_single_records_match_the_dataset(self):
        data = json.loads(self.store.export_json())
        for d in data["interventions"]:
            iv = self.store.get_intervention(d["id"])
            self.assertEqual(json.loads(iv.to_json()), d)
        for d in data["offers"]:
            self.assertEqual(json.loads(self.store.get_offer(d["id"]).to_json()), d)

    def test_added_record_exports(self):
        self.store.create(full_intervention())
        data = json.loads(self.store.export_json())
        (mine,) = [d for d in data["interventions"] if d["id"] == "test-programme"]
        self.assertEqual(mine, json.loads(full_intervention().to_json()))


class TestImportProblems(unittest.TestCase):
    """A bad import raises FormatError naming the place, and changes nothing."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.store = itav.open()
        self.store.import_json(json.dumps(SMALL))
        self.before = self.store.export_json()

    def tearDown(self):
        self.assertEqual(self.store.export_json(), self.before, "the import changed the store")
        self.store.close()
        self.tmp.cleanup()

    def bad(self, document, name=None):
        text = document if isinstance(document, str) else json.dumps(document, indent=2)
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_json_text(text, name)
        self.assertEqual(cm.exception.code, -6)
        self.assertIn("nothing was imported", str(cm.exception))
        self.assertEqual(self.store.errcode, -6)
        self.assertEqual(self.store.errmsg, str(cm.exception))
        return str(cm.exception)

    def new_dataset(self, **iv_fields):
        iv = {"id": "nieuw", "name": "Nieuw"}
        iv.update(iv_fields)
        return {"format": "itav/1", "interventions": [iv]}

    def test_malformed_json_names_line_and_column(self):
        msg = self.bad('{\n  "format": "itav/1",\n  "interventions": [\n    {"id": }\n  ]\n}\n',
                       "broken.json")
        self.assertRegex(msg, r"^broken\.json:4:\d+: ")
        msg = self.bad('{"format": "itav/1", "interventions": [')
        self.assertRegex(msg, r"^<string>:1:\d+: ")

    def test_malformed_json_file(self):
        path = os.path.join(self.tmp.name, "broken.json")
        with open(path, "w") as f:
            f.write('{\n  "format": "itav/1",\n  "offers": [,]\n}\n')
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_json(path)
        self.assertRegex(str(cm.exception), "^" + path.replace(".", r"\.") + r":3:\d+: ")

    def test_unknown_element_code_names_the_json_path(self):
        doc = self.new_dataset(elements={"table": {"informal_support": {"status": "present"},
                                                   "gezelligheid": {"status": "present"}}})
        msg = self.bad(doc)
        self.assertIn("$.interventions[0].elements.table", msg)
        self.assertIn("gezelligheid", msg)
        self.assertIn("unknown element", msg)

    def test_unknown_status_and_enum_codes(self):
        msg = self.bad(self.new_dataset(elements={"sections": {"equality": {"status": "yes"}}}))
        self.assertIn("$.interventions[0].elements.sections.equality", msg)
        self.assertIn('"yes"', msg)
        msg = self.bad(self.new_dataset(setting="informeel"))
        self.assertIn("$.interventions[0].setting", msg)
        self.assertIn("informeel", msg)

    def test_other_problems(self):
        self.assertIn("$.format", self.bad({"format": "itav/2"}))
        self.assertIn("$.interventions[0].id", self.bad(self.new_dataset(id="Niet Goed")))
        msg = self.bad({"format": "itav/1", "interventions": [{"id": "geen-naam"}]})
        self.assertIn("$.interventions[0]", msg)
        self.assertIn("name", msg)
        msg = self.bad(self.new_dataset(colour="blue"))
        self.assertIn("colour", msg)
        # an id already in the store, and an offer of an unknown intervention
        msg = self.bad({"format": "itav/1", "interventions": [{"id": "voorbeeld", "name": "V"}]})
        self.assertIn("already in the store", msg)
        msg = self.bad({"format": "itav/1", "offers": [{"id": "o", "intervention": "nergens"}]})
        self.assertIn("$.offers[0].intervention", msg)
        self.assertIn("nergens", msg)

    def test_every_problem_is_reported(self):
        doc = {"format": "itav/1", "interventions": [
            {"id": "een", "name": "Een", "setting": "nope"},
            {"id": "twee", "name": "Twee"},
            {"id": "drie", "name": "Drie", "scope": "nope"}]}
        msg = self.bad(doc)
        self.assertIn("2 problems", msg)
        self.assertIn("$.interventions[0].setting", msg)
        self.assertIn("$.interventions[2].scope", msg)
        # the good record in the middle was not imported either
        with self.assertRaises(itav.NotFound):
            self.store.get_intervention("twee")

    def test_missing_file(self):
        with self.assertRaises(itav.StorageError) as cm:
            self.store.import_json(os.path.join(self.tmp.name, "absent.json"))
        self.assertIn("absent.json", str(cm.exception))

    def test_export_to_unwritable_path(self):
        with self.assertRaises(itav.StorageError) as cm:
            self.store.export_json(os.path.join(self.tmp.name, "no-dir", "x.json"))
        self.assertIn("no-dir", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
