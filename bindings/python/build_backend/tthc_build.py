"""A minimal PEP 517 build backend (standard library only) for the tthc package.

It builds a pure-Python wheel of the ``tthc`` package. The version is read from the project's
CMakeLists.txt (``project(tthc VERSION x.y.z)``), the single source of truth.
"""
import base64
import hashlib
import io
import os
import pathlib
import re
import tarfile
import zipfile

HERE = pathlib.Path(__file__).resolve().parent.parent   # bindings/python
PKG = HERE / "tthc"


def _version():
    for cm in (HERE.parent.parent / "CMakeLists.txt", HERE / "CMakeLists.txt"):
        if cm.exists():
            m = re.search(r"project\(\s*tthc\s+VERSION\s+([0-9.]+)", cm.read_text())
            if m:
                return m.group(1)
    v = HERE / "VERSION"  # written into sdists
    if v.exists():
        return v.read_text().strip()
    raise RuntimeError("cannot find the libtthc version (CMakeLists.txt or VERSION)")


def _metadata():
    return (f"Metadata-Version: 2.1\nName: tthc\nVersion: {_version()}\n"
            "Summary: Python bindings (ctypes) for libtthc: Vietnamese administrative procedures\n"
            "Requires-Python: >=3.8\n")


def _files():
    for p in sorted(PKG.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".pyi", ".typed"):
            yield p


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = pathlib.Path(metadata_directory) / f"tthc-{_version()}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_metadata())
    return info.name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    name = f"tthc-{version}-py3-none-any.whl"
    info = f"tthc-{version}.dist-info"
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as zf:
        def add(arcname, data):
            zf.writestr(arcname, data)
            records.append(_record_line(arcname, data))
        for p in _files():
            add(p.relative_to(HERE).as_posix(), p.read_bytes())
        add(f"{info}/METADATA", _metadata().encode())
        add(f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: tthc_build\n"
                             b"Root-Is-Purelib: true\nTag: py3-none-any\n")
        records.append(f"{info}/RECORD,,")
        zf.writestr(f"{info}/RECORD", "\n".join(records) + "\n")
    return name


build_editable = build_wheel


def build_sdist(sdist_directory, config_settings=None):
    version = _version()
    base = f"tthc-{version}"
    name = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tf:
        for p in [HERE / "pyproject.toml", HERE / "build_backend" / "tthc_build.py", *_files()]:
            tf.add(p, arcname=f"{base}/{p.relative_to(HERE).as_posix()}")
        data = (version + "\n").encode()
        ti = tarfile.TarInfo(f"{base}/VERSION")
        ti.size = len(data)
        tf.addfile(ti, io.BytesIO(data))
        meta = _metadata().encode()
        ti = tarfile.TarInfo(f"{base}/PKG-INFO")
        ti.size = len(meta)
        tf.addfile(ti, io.BytesIO(meta))
    return name
