"""The language of a store's messages (Store.lang, itav_set_lang): errors and the problems
of an import in Dutch, codes and columns as they are; English as before."""

import pathlib
import unittest

import itavtest  # noqa: F401  (finds the bindings when run by hand)

import itav

DATA = pathlib.Path(__file__).resolve().parents[1] / "c" / "data"
DATASET = ('{"format": "itav/1", "interventions": [{"id": "bg", "name": "Buurtgezinnen"}],'
           ' "offers": [{"id": "bg-zk", "intervention": "bg"}]}')


def problems(store):
    with unittest.TestCase().assertRaises(itav.FormatError) as cm:
        store.import_participants_csv(DATA / "excel-nl-problems.csv", strict=False)
    return cm.exception


class TestLang(unittest.TestCase):
    def test_default_and_setting(self):
        with itav.open() as store:
            self.assertIs(store.lang, itav.Lang.EN)
            store.lang = "nl"
            self.assertIs(store.lang, itav.Lang.NL)
            store.lang = itav.Lang.EN
            self.assertIs(store.lang, itav.Lang.EN)
            with self.assertRaises(itav.InvalidArgument):
                store.lang = "fr"
            with self.assertRaises(ValueError):
                store.lang = 7
            self.assertIs(store.lang, itav.Lang.EN)
        with itav.open("memory:", lang="nl") as store:
            self.assertIs(store.lang, itav.Lang.NL)
        with itav.Store(lang=itav.Lang.NL) as store:
            self.assertIs(store.lang, itav.Lang.NL)

    def test_format_error_problems_in_dutch(self):
        with itav.open() as en, itav.open(lang="nl") as nl:
            for store in (en, nl):
                store.import_json_text(DATASET)
            err_en, err_nl = problems(en), problems(nl)
            # the same places and codes; the words in the store's language
            self.assertEqual([(p.row, p.column, p.code, p.severity) for p in err_en.problems],
                             [(p.row, p.column, p.code, p.severity) for p in err_nl.problems])
            first = [p for p in err_nl.problems if p.severity == itav.Severity.ERROR][0]
            self.assertEqual((first.row, first.column, first.code, first.message),
                             (2, "Aanbod", "empty",
                              "offer is leeg en er is geen standaardaanbod opgegeven"))
            first = [p for p in err_en.problems if p.severity == itav.Severity.ERROR][0]
            self.assertEqual(first.message, "offer is empty and no default offer was given")
            self.assertIn("57 problemen; er is niets ingelezen:", str(err_nl))
            self.assertIn("57 problems; nothing was imported:", str(err_en))
            self.assertIn("excel-nl-problems.csv:rijen 2-56, kolom Aanbod: fout: offer is leeg "
                          "en er is geen standaardaanbod opgegeven (55 rijen)\n",
                          nl.import_problems_text())


    def test_errors_of_the_model_in_dutch(self):
        with itav.open(lang="nl") as store:
            with self.assertRaises(itav.NotFound) as cm:
                store.get_participant("zk-niemand")
            self.assertIn('geen deelnemer "zk-niemand"', str(cm.exception))
            self.assertEqual(store.errmsg, 'geen deelnemer "zk-niemand"')
            store.lang = "en"
            with self.assertRaises(itav.NotFound) as cm:
                store.get_participant("zk-niemand")
            self.assertEqual(store.errmsg, 'no participant "zk-niemand"')

    def test_json_problems_and_recommendations_in_dutch(self):
        doc = '{"format": "itav/1", "offers": [{"id": "bg-2", "intervention": "bg", "kleur": 1}]}'
        with itav.open(lang="nl") as store:
            store.import_json_text(DATASET)
            with self.assertRaises(itav.FormatError) as cm:
                store.import_json_text(doc, name="d.json")
            self.assertEqual(store.errmsg, 'd.json: $.offers[0].kleur: onbekend veld "kleur"; '
                                           'er is niets ingelezen')
            self.assertIn("onbekend veld", str(cm.exception))
            store.load_catalog()
            first = store.recommend(asker="parent", age_months=24, municipality="Leiden")[0]
            self.assertTrue(first.placement.startswith("trede 2 van 5: informal, individual; "
                                                       "binnen de trede: "), first.placement)
            self.assertIn("gemeente: loopt in Leiden als aanbod buurtgezinnen-leiden", first.why)
            store.lang = "en"
            first = store.recommend(asker="parent", age_months=24, municipality="Leiden")[0]
            self.assertTrue(first.placement.startswith("tier 2 of 5: informal, individual; "),
                            first.placement)

    def test_open_in_dutch(self):
        # Store(uri, lang=) opens with the language set first (itav_open_lang()): the open's
        # own refusal is Dutch
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Store("ftp://example.org/x", lang="nl")
        self.assertIn('URI van de opslag "ftp://example.org/x": onbekend schema',
                      str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Store("ftp://example.org/x")
        self.assertIn("unknown scheme", str(cm.exception))
        with itav.Store("memory:", lang="nl") as store:
            self.assertIs(store.lang, itav.Lang.NL)
        with self.assertRaises(itav.InvalidArgument):
            itav.Store("memory:", lang="fr")

    def test_open_backend_in_dutch(self):
        # open_backend(backend, lang=) opens with the language set first
        # (itav_open_backend_lang()): the library's words around a failing backend are Dutch
        class Incomplete(itav.Backend):
            pass

        with self.assertRaises(itav.StorageError) as cm:
            itav.open_backend(Incomplete(), lang="nl")
        self.assertIn("kan de opslag niet lezen", str(cm.exception))
        with self.assertRaises(itav.StorageError) as cm:
            itav.open_backend(Incomplete())
        self.assertIn("cannot read the store", str(cm.exception))
        with itav.open_backend(itav.MemoryBackend(), lang=itav.Lang.NL) as store:
            self.assertIs(store.lang, itav.Lang.NL)
        with self.assertRaises(ValueError):
            itav.open_backend(itav.MemoryBackend(), lang="fr")


if __name__ == "__main__":
    unittest.main()
