"""WeasyPrint loads without gcc (render/weasyload.py): the libraries it opens are looked up in
the dynamic loader's cache, with the answers ctypes gives, and ctypes is left as it was."""

from __future__ import annotations

import ctypes.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from coursegen.render.weasyload import _loader_cache_lookup

# The names WeasyPrint 70 tries for each library it opens (weasyprint/text/ffi.py).
NAMES = [
    "libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0",
    "libpango-1.0-0", "pango-1.0-0", "pango-1.0",
    "libharfbuzz-0", "harfbuzz", "harfbuzz-0.0",
    "libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0",
    "libfontconfig-1", "fontconfig-1", "fontconfig",
    "libpangoft2-1.0-0", "pangoft2-1.0-0", "pangoft2-1.0",
    "c", "m", "no-such-library-anywhere",
]  # fmt: skip


def test_the_loader_cache_gives_what_ctypes_finds_for_every_name_weasyprint_tries() -> None:
    lookup = _loader_cache_lookup()
    found = {name: lookup(name) for name in NAMES}
    assert found == {name: ctypes.util.find_library(name) for name in NAMES}
    assert found["pango-1.0"] == "libpango-1.0.so.0"  # a real answer, not None everywhere
    assert found["no-such-library-anywhere"] is None


def test_weasyprint_loads_without_running_gcc_and_ctypes_is_restored() -> None:
    script = textwrap.dedent(
        """
        import ctypes.util, json, subprocess, sys
        original = ctypes.util.find_library
        commands = []
        popen = subprocess.Popen.__init__
        def spy(self, args, *rest, **options):
            commands.append(args if isinstance(args, str) else args[0])
            popen(self, args, *rest, **options)
        subprocess.Popen.__init__ = spy
        from coursegen.render.weasyload import load_weasyprint
        load_weasyprint()
        import weasyprint
        print(json.dumps([ctypes.util.find_library is original, commands]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    restored, commands = json.loads(out)
    assert restored is True
    # one read of the loader's cache; no gcc (it ran 16 times before), no ld
    assert [Path(command).name for command in commands] == ["ldconfig"]
