"""PEP 517 build backend for the itav bindings: setuptools, usable offline.

setuptools before 70.1 needs the separate `wheel` package to build wheels (bdist_wheel). When
that is available this module is exactly setuptools.build_meta. When it is not (an offline
machine with an old setuptools and no wheel), building a wheel falls back to setuptools'
own egg_info and build_py commands and packs their output as a pure-Python wheel
(py3-none-any) here; sdists are always setuptools'.
"""

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from setuptools import build_meta as _setuptools


def _setuptools_can_build_wheels():
    try:
        import setuptools.command.bdist_wheel  # noqa: F401  (setuptools >= 70.1)
        return True
    except ImportError:
        pass
    try:
        import wheel.bdist_wheel  # noqa: F401
        return True
    except ImportError:
        return False


# sdists: always setuptools
get_requires_for_build_sdist = _setuptools.get_requires_for_build_sdist
build_sdist = _setuptools.build_sdist

if _setuptools_can_build_wheels():
    get_requires_for_build_wheel = _setuptools.get_requires_for_build_wheel
    prepare_metadata_for_build_wheel = _setuptools.prepare_metadata_for_build_wheel
    build_wheel = _setuptools.build_wheel
    if hasattr(_setuptools, "build_editable"):
        get_requires_for_build_editable = _setuptools.get_requires_for_build_editable
        prepare_metadata_for_build_editable = _setuptools.prepare_metadata_for_build_editable
        build_editable = _setuptools.build_editable
else:
    def get_requires_for_build_wheel(config_settings=None):
        return []

    def _run_setuptools(*commands):
        """Runs setuptools commands on the project in the current directory (PEP 517 hooks
        run in the source tree); their output goes to stderr."""
        code = "import setuptools; setuptools.setup()"
        subprocess.run([sys.executable, "-c", code] + list(commands), check=True,
                       stdout=sys.stderr)

    def _egg_info(tmp, *more):
        """Runs egg_info (and more commands after it) with every output under tmp, so that
        nothing is written into the source tree."""
        egg_base = os.path.join(tmp, "egg")
        os.makedirs(egg_base)
        _run_setuptools("egg_info", "--egg-base", egg_base, *more)
        (name,) = [n for n in os.listdir(egg_base) if n.endswith(".egg-info")]
        return os.path.join(egg_base, name)

    def _metadata(egg_info):
        fields = {}
        with open(os.path.join(egg_info, "PKG-INFO"), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    break
                if ":" in line and not line[0].isspace():
                    k, v = line.split(":", 1)
                    fields.setdefault(k.strip(), v.strip())
        return fields["Name"], fields["Version"]

    def _safe(s):
        return "".join(c if c.isalnum() or c == "." else "_" for c in s)

    def _write_dist_info(egg_info, directory):
        name, version = _metadata(egg_info)
        dist_info = os.path.join(directory, "%s-%s.dist-info" % (_safe(name), _safe(version)))
        os.makedirs(dist_info, exist_ok=True)
        shutil.copyfile(os.path.join(egg_info, "PKG-INFO"), os.path.join(dist_info, "METADATA"))
        for extra in ("top_level.txt", "entry_points.txt"):
            src = os.path.join(egg_info, extra)
            if os.path.exists(src):
                shutil.copyfile(src, os.path.join(dist_info, extra))
        with open(os.path.join(dist_info, "WHEEL"), "w", encoding="utf-8") as f:
            f.write("Wheel-Version: 1.0\nGenerator: itav_build_backend\n"
                    "Root-Is-Purelib: true\nTag: py3-none-any\n")
        return dist_info, name, version

    def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
        tmp = tempfile.mkdtemp(prefix="itav-meta-")
        try:
            dist_info, _, _ = _write_dist_info(_egg_info(tmp), metadata_directory)
            return os.path.basename(dist_info)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _record_line(arcname, data):
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        return "%s,sha256=%s,%d" % (arcname, digest.decode("ascii"), len(data))

    def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
        tmp = tempfile.mkdtemp(prefix="itav-wheel-")
        try:
            lib_dir = os.path.join(tmp, "lib")
            egg_info = _egg_info(tmp, "build_py", "--build-lib", lib_dir, "--force")
            dist_info, name, version = _write_dist_info(egg_info, lib_dir)
            wheel_name = "%s-%s-py3-none-any.whl" % (_safe(name), _safe(version))
            files = []
            for root, dirs, names in os.walk(lib_dir):
                dirs.sort()
                for n in sorted(names):
                    if n.endswith((".pyc", ".pyo")):
                        continue
                    path = os.path.join(root, n)
                    files.append(os.path.relpath(path, lib_dir).replace(os.sep, "/"))
            record = os.path.basename(dist_info) + "/RECORD"
            os.makedirs(wheel_directory, exist_ok=True)
            target = os.path.join(wheel_directory, wheel_name)
            lines = []
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
                # the package first, the .dist-info last, as wheels are usually laid out
                files.sort(key=lambda p: (p.startswith(os.path.basename(dist_info)), p))
                for arcname in files:
                    with open(os.path.join(lib_dir, arcname), "rb") as f:
                        data = f.read()
                    zf.writestr(arcname, data)
                    lines.append(_record_line(arcname, data))
                lines.append("%s,," % record)
                zf.writestr(record, "\n".join(lines) + "\n")
            return wheel_name
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
