"""A store on a backend written in Python (itav_open_backend and struct itav_backend)."""

import ctypes
import gc
import unittest

from itavtest import full_intervention

import itav


class TestPythonBackend(unittest.TestCase):
    def test_catalogue_on_a_python_backend_equals_memory(self):
        backend = itav.MemoryBackend()
        with itav.open_backend(backend) as store, itav.open("memory:") as mem:
            store.load_catalog()
            mem.load_catalog()
            self.assertEqual(store.export_json(), mem.export_json())
            for criteria in ({"setting": "informal"}, {"all_of": ["equality"]},
                             {"municipality": "haarlem"}, {"age_months": 12}):
                self.assertEqual([iv.id for iv in store.interventions(**criteria)],
                                 [iv.id for iv in mem.interventions(**criteria)], criteria)
            self.assertEqual([o.id for o in store.offers("buurtgezinnen")],
                             [o.id for o in mem.offers("buurtgezinnen")])
            # the records really live in the Python object
            self.assertIn(("intervention", "buurtgezinnen"), backend.records)
            index = backend.records[("offer", "buurtgezinnen-leiden")][0]
            self.assertEqual(index[0], "buurtgezinnen")  # the offer's intervention slot
            self.assertFalse(backend.closed)
        self.assertTrue(backend.closed)  # itav_close called the backend's free

    def test_round_trip_and_rules(self):
        with itav.open_backend(itav.MemoryBackend()) as store:
            iv = full_intervention()
            store.create(iv)
            self.assertEqual(store.get_intervention(iv.id), iv)
            store.create(itav.Offer("o", iv.id))
            with self.assertRaises(itav.InUse):
                store.delete_intervention(iv.id)
            with self.assertRaises(itav.Exists):
                store.create(iv)
            store.delete_offer("o")
            store.delete_intervention(iv.id)
            self.assertEqual(store.interventions(), [])

    def test_backend_errors_reach_the_caller(self):
        class Failing(itav.MemoryBackend):
            fail_with = None

            def put(self, kind, key, index, data):
                if self.fail_with:
                    raise self.fail_with
                super().put(kind, key, index, data)

        backend = Failing()
        with itav.open_backend(backend) as store:
            store.create(itav.Intervention("eerst", name="Eerst"))
            backend.fail_with = itav.Busy("locked by the test", -9)
            with self.assertRaises(itav.Busy) as cm:
                store.create(itav.Intervention("tweede", name="Tweede"))
            self.assertIn("locked by the test", str(cm.exception))
            backend.fail_with = RuntimeError("disk on fire")
            with self.assertRaises(itav.StorageError) as cm:
                store.import_json(itav.catalog_json())
            self.assertIn("disk on fire", str(cm.exception))
            backend.fail_with = None
            # the failed writes were rolled back
            self.assertEqual([iv.id for iv in store.interventions()], ["eerst"])

    def test_read_transactions(self):
        class Reading(itav.MemoryBackend):
            def __init__(self):
                super().__init__()
                self.log = []

            def begin_read(self):
                self.log.append("begin_read")

            def end_read(self):
                self.log.append("end_read")

            def scan(self, kind, slot, value):
                self.log.append("scan")
                return super().scan(kind, slot, value)

        backend = Reading()
        with itav.open_backend(backend) as store:
            store.load_catalog()
            backend.log.clear()
            store.export_json()
            # every scan of the export inside one read transaction
            self.assertEqual(backend.log[0], "begin_read")
            self.assertEqual(backend.log[-1], "end_read")
            self.assertEqual(backend.log.count("begin_read"), 1)
            self.assertGreater(backend.log.count("scan"), 1)
            # a write never runs inside one
            backend.log.clear()
            store.create(itav.Intervention("nieuw", name="Nieuw"))
            self.assertNotIn("begin_read", backend.log)
        # a backend without them (the default) works as before
        with itav.open_backend(itav.MemoryBackend()) as store:
            store.load_catalog()
            self.assertIn('"format": "itav/1"', store.export_json())

    def test_unimplemented_methods_fail_cleanly(self):
        class Incomplete(itav.Backend):
            pass

        # a Backend without methods still fills every function pointer; its calls fail, the
        # first of them when the open reads the store's record format
        with self.assertRaises(itav.StorageError) as cm:
            itav.open_backend(Incomplete())
        self.assertIn("NotImplementedError", str(cm.exception))

    def test_struct_checks(self):
        from itav import _lib
        backend = itav.MemoryBackend()
        bridge = itav._store._BackendBridge(backend)

        def open_raw():
            db = _lib.db_p()
            rc = _lib.lib.itav_open_backend(ctypes.byref(db), ctypes.byref(bridge.struct))
            msg = _lib.lib.itav_errmsg(db).decode()
            _lib.lib.itav_close(db)  # a failed open leaves the backend with the caller
            return rc, msg

        for version in (0, _lib.ITAV_BACKEND_VERSION + 1):
            bridge.struct.version = version
            rc, msg = open_raw()
            self.assertEqual(rc, -10)
            self.assertIn("version %d" % version, msg)
        bridge.struct.version = _lib.ITAV_BACKEND_VERSION
        bridge.struct.scan = _lib.backend_scan_fn()  # a NULL function pointer
        rc, msg = open_raw()
        self.assertEqual(rc, -3)
        self.assertIn("lacks a required function", msg)
        self.assertFalse(backend.closed)

    def test_backend_kept_alive_by_the_store(self):
        store = itav.open_backend(itav.MemoryBackend())
        gc.collect()
        store.load_catalog()  # the callbacks are still there
        self.assertTrue(store.interventions())
        store.close()


if __name__ == "__main__":
    unittest.main()
