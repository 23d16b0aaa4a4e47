#!/usr/bin/env python3
"""Trunk post_build hook: make the built page work under a strict CSP and offline.

1. Trunk writes its wasm loader as an inline <script type="module">. A strict
   Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') forbids inline
   scripts, so the loader is moved to loader-<hash>.js and referenced by URL.
2. The loader registers a service worker (sw.js) that caches every file of this
   build, so the page opens and works offline after the first visit. The cache
   is named after a hash of the build: a new version replaces the old cleanly.
3. The file worker's files get a content hash in their names (below).
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

# 3. Trunk names the file worker's files without a hash. They get one here
# (of their content), and the page learns the loader's name from a <meta>:
# a page never starts the worker of another build, whatever a cache holds.
worker = {n: staging / n for n in ("chamdiem-worker_loader.js", "chamdiem-worker.js", "chamdiem-worker_bg.wasm")}
if all(p.exists() for p in worker.values()):
    h = hashlib.sha256(b"".join(p.read_bytes() for p in worker.values())).hexdigest()[:16]
    renamed = {n: n.replace("chamdiem-worker", f"chamdiem-worker-{h}", 1) for n in worker}
    for n, p in worker.items():
        if p.suffix == ".js":
            text = p.read_text(encoding="utf-8")
            for old, new in renamed.items():
                text = text.replace(old, new)
            p.write_text(text, encoding="utf-8")
        p.rename(staging / renamed[n])
    meta = f'<meta name="chamdiem-worker" content="./{renamed["chamdiem-worker_loader.js"]}" />'
    html = index.read_text(encoding="utf-8").replace("</head>", f"{meta}</head>", 1)
    index.write_text(html, encoding="utf-8")
else:
    sys.exit("postbuild: the file worker's files are not where Trunk puts them")

files = sorted(p.name for p in staging.iterdir() if p.is_file() and p.name != "sw.js")
version = hashlib.sha256("\n".join(
    f + ":" + hashlib.sha256((staging / f).read_bytes()).hexdigest() for f in files
).encode()).hexdigest()[:16]
template = (Path(__file__).parent / "sw.js").read_text(encoding="utf-8")
precache = ",\n  ".join(f"'./{f}'" for f in files if f != "index.html")
sw = template.replace("__VERSION__", version).replace("__PRECACHE__", precache)
(staging / "sw.js").write_text(sw, encoding="utf-8")
print(f"postbuild: {loader_name}, sw.js cache chamdiem-{version} ({len(files)} files)")
