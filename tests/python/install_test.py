"""pip installs the bindings offline, and the installed copy works.

Kept out of the test_*.py pattern: meson runs it as its own test (python-install).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from itavtest import BINDINGS

import itav


def have_pip():
    r = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True)
    return r.returncode == 0


@unittest.skipUnless(have_pip(), "pip is not installed for %s" % sys.executable)
class TestPipInstall(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itav-pip-")
        # install from a copy, so that no build output lands in the source tree
        cls.src = os.path.join(cls.tmp, "src")
        shutil.copytree(BINDINGS, cls.src, ignore=shutil.ignore_patterns(
            "__pycache__", "build", "*.egg-info"))
        cls.target = os.path.join(cls.tmp, "target")
        env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
        cls.pip = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
             "--no-index", "--target", cls.target, cls.src],
            capture_output=True, text=True, env=env, cwd=cls.tmp, timeout=300)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_installed(self, code):
        env = dict(os.environ, PYTHONPATH=self.target, ITAV_LIBRARY=itav._lib.LIBRARY_PATH)
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, cwd=self.tmp)

    def test_pip_succeeded(self):
        self.assertEqual(self.pip.returncode, 0, self.pip.stdout + self.pip.stderr)
        dist = [n for n in os.listdir(self.target) if n.endswith(".dist-info")]
        self.assertEqual(dist, ["itav-%s.dist-info" % itav.__version__])
        with open(os.path.join(self.target, dist[0], "RECORD")) as f:
            record = f.read()
        for module in ("__init__", "_lib", "_enums", "_errors", "_objects", "_store", "_dates"):
            self.assertIn("itav/%s.py" % module, record)
        # PEP 561: type checkers use the package's annotations
        self.assertIn("itav/py.typed", record)
        self.assertTrue(os.path.isfile(os.path.join(self.target, "itav", "py.typed")))
        # pure Python: nothing compiled is installed
        for root, _, names in os.walk(os.path.join(self.target, "itav")):
            for n in names:
                self.assertFalse(n.endswith((".so", ".pyd", ".c")), n)

    def test_installed_copy_imports_and_works(self):
        self.assertEqual(self.pip.returncode, 0, self.pip.stderr)
        r = self.run_installed(
            "import itav, json\n"
            "print(itav.__file__)\n"
            "with itav.open() as s:\n"
            "    s.load_catalog()\n"
            "    print(len(s.interventions()))\n"
            "    print(itav.Element.parse('Brede blik').code)\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        path, count, code = r.stdout.splitlines()
        self.assertTrue(path.startswith(self.target + os.sep), path)
        self.assertEqual(int(count), len(json.loads(itav.catalog_json())["interventions"]))
        self.assertEqual(code, "broad_context")


if __name__ == "__main__":
    unittest.main()
