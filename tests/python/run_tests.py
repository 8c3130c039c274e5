"""Runs the Python binding tests (unittest discovery over test_*.py) and then checks that
they called every function the library exports (lib/libitav.map) at least once.

    python3 tests/python/run_tests.py [-q]

Exits 1 when a test fails or a function was never called, naming the functions.
"""

import os
import sys
import unittest

import itavtest


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    suite = unittest.defaultTestLoader.discover(here, pattern="test_*.py", top_level_dir=here)
    verbosity = 1 if "-q" in argv else 2
    result = unittest.TextTestRunner(verbosity=verbosity).run(suite)
    if not itavtest.RECORDING:
        print("coverage of the library functions: not checked (itav was imported before "
              "itavtest could record the calls)")
        return 1
    exported = set(itavtest.map_symbols())
    missing = sorted(exported - itavtest.CALLED)
    if missing:
        print("FAILED: %d of the %d exported functions are never called by the Python tests:"
              % (len(missing), len(exported)))
        for name in missing:
            print("    " + name)
        return 1
    print("every one of the %d exported functions is called by the Python tests"
          % len(exported))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
