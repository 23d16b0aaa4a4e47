#!/usr/bin/env python3
"""Trunk post_build hook: make the built page work under a strict CSP and offline.

1. Trunk writes its wasm loader as an inline <script type="module">. A strict
   Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') forbids inline
   scripts, so the loader is moved to loader-<hash>.js and referenced by URL.
2. The loader registers a service worker (sw.js) that caches every file of this
   build, so the page opens and works offline after the first visit. The cache
   is named after a hash of the build: a new version replaces the old cleanly.
"""
import hashlib
import os
import re
import sys
from pathlib import Path

staging = Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")

m = re.search(r'<script type="module">(.*?)</script>', html, re.S)
if not m:
    sys.exit("postbuild: no inline module loader found in index.html")
loader = m.group(1).strip() + """

if ('serviceWorker' in navigator) {
  // Check for a new version at every start, not only when the browser gets to it.
  navigator.serviceWorker.register('./sw.js').then((r) => r.update()).catch(() => {});
}
"""
digest = hashlib.sha256(loader.encode()).hexdigest()[:16]
loader_name = f"loader-{digest}.js"
(staging / loader_name).write_text(loader, encoding="utf-8")
html = html[: m.start()] + f'<script type="module" src="./{loader_name}"></script>' + html[m.end():]
index.write_text(html, encoding="utf-8")

files = sorted(p.name for p in staging.iterdir() if p.is_file() and p.name != "sw.js")
version = hashlib.sha256("\n".join(
    f + ":" + hashlib.sha256((staging / f).read_bytes()).hexdigest() for f in files
).encode()).hexdigest()[:16]
template = (Path(__file__).parent / "sw.js").read_text(encoding="utf-8")
precache = ",\n  ".join(f"'./{f}'" for f in files if f != "index.html")
sw = template.replace("__VERSION__", version).replace("__PRECACHE__", precache)
(staging / "sw.js").write_text(sw, encoding="utf-8")
print(f"postbuild: {loader_name}, sw.js cache chamdiem-{version} ({len(files)} files)")
