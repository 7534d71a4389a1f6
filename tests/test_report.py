"""The claims report's HTML page: content, self-containment, and rendering in a real browser.

The browser test runs Debian's ``chromium`` headless on a ``report.html`` written by
``theorylab reproduce --quick`` (synthetic registry), with a probe script that records every
image's ``naturalWidth`` once the page has loaded, and takes a screenshot.  A control page
with a corrupt image shows that the probe can fail.  Install the browser with
``apt-get install -y chromium``; without it the test is skipped with that message.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from theorylab import report
from theorylab.cli import main
from theorylab.regret import Check

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class _Tags(HTMLParser):
    """Collects every start tag's attributes and the text."""

    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(text: str) -> _Tags:
    p = _Tags()
    p.feed(text)
    return p


def _check(**kw) -> Check:
    base = dict(experiment="p/e", setting="S=3", algorithm="algo", bound="sqrt(K) <rate>",
                citation="Paper & co. (2020), Thm 1", kind="rate", passed=True, slope=0.51,
                slope_ci=(0.45, 0.58), bound_slope=0.55, max_ratio=0.8)
    return Check(**{**base, **kw})


def _png(path: Path) -> Path:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([1, 2, 3], [1, 4, 9])
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=50)
    plt.close(fig)
    return path


def _report(tmp_path) -> report.ClaimsReport:
    _png(tmp_path / "figures" / "fig_a.png")
    exps = (report.ExperimentClaims("p/e", "Paper A", "first <experiment>",
                                    (_check(), _check(algorithm="recon", reconstruction=True, passed=False),
                                     _check(algorithm="baseline", passed=False, proven=False),
                                     _check(algorithm="hp", kind="bound", violations=1, n_seeds=8)),
                                    ("figures/fig_a.png",)),
            report.ExperimentClaims("q/e", "Paper B", "", (_check(experiment="q/e"),),
                                    ("figures/missing.png", "figures/fig_a.png"), ("cell q/e[0] algo seed=1: boom",)))
    return report.ClaimsReport("quick", {"theorylab": "0.1", "git": {"commit": "abc"}}, exps)


def test_html_has_one_section_per_paper_and_every_claim_row(tmp_path):
    page = report.render_html(_report(tmp_path), base_dir=tmp_path)
    parsed = _parse(page)
    sections = [a["id"] for t, a in parsed.tags if t == "section"]
    assert sections == ["paper-0", "paper-1", "lemmas"]
    text = "".join(parsed.text)
    assert "Paper A" in text and "Paper B" in text and "2 of 5 checks pass" not in text
    assert "3 of 5 checks pass" in text and "Overall: FAIL" in text
    assert text.count("paper: Paper & co. (2020), Thm 1") == 4
    assert text.count("reconstruction (ours): Paper & co. (2020), Thm 1") == 1
    assert "slope 0.51 [0.45, 0.58]" in text and "slope ≤ 0.55" in text
    assert text.count("seeds above the bound") == 1 and "1 of 8 seeds above the bound" in text
    assert "(gating)" in text and "(reported, not gating)" in text
    assert text.count("PASS") >= 2 and "FAIL" in text and "fail (not proven)" in text
    assert "sqrt(K) <rate>" in text and "<rate>" not in page  # escaped, not markup
    assert "first <experiment>" in text and "cell q/e[0] algo seed=1: boom" in text


def test_html_embeds_figures_and_references_nothing_outside(tmp_path):
    page = report.render_html(_report(tmp_path), base_dir=tmp_path)
    imgs = [a["src"] for t, a in _parse(page).tags if t == "img"]
    assert len(imgs) == 1 and imgs[0].startswith("data:image/png;base64,")
    assert base64.b64decode(imgs[0].split(",", 1)[1]) == (tmp_path / "figures" / "fig_a.png").read_bytes()
    assert "figures/missing.png is missing or not a PNG file" in page  # no broken <img>
    shared = [a for t, a in _parse(page).tags if t == "a" and a.get("href") == "#fig-figures-fig-a-png"]
    assert len(shared) == 1 and 'id="fig-figures-fig-a-png"' in page  # embedded once, linked once
    links = [v for _, a in _parse(page).tags for k, v in a.items() if k in ("src", "href")]
    assert all(v.startswith(("data:", "#")) for v in links), links
    assert "<script" not in page


def test_html_cells_of_hard_checks_and_own_citations():
    nan = float("nan")
    hard = _check(kind="bound", slope=nan, slope_ci=(nan, nan), bound_slope=nan, reconstruction=True,
                  citation="reconstruction; see spec §4.0")
    assert report._measured_cell(hard) == "–" and report._bound_cell(hard) == "measured ≤ bound (gating)"
    assert report._source(hard) == "reconstruction (ours): see spec §4.0"
    assert report._source(_check(reconstruction=True, citation="reconstruction")) == "reconstruction (ours)"
    assert report._bound_cell(_check(expect="faster")).startswith("slope > 0.55")


def test_write_report_html_is_atomic_and_md_unchanged(tmp_path):
    rep = _report(tmp_path)
    path = report.write_report(rep, tmp_path, "html")
    assert path == tmp_path / "report.html" and path.read_text().startswith("<!DOCTYPE html>")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    md = report.write_report(rep, tmp_path, "md").read_text()
    assert "(figures/fig_a.png)" in md and "data:image" not in md
    with pytest.raises(ValueError, match="fmt must be one of"):
        report.write_report(rep, tmp_path, "pdf")


def test_reproduce_writes_report_html_with_every_check_and_figure(tmp_path, synthetic_registry, capsys):
    code = main(["reproduce", "--quick", "--workers", "1", "--quiet", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1 and f"{tmp_path / 'report.html'}" in out  # synth/linear fails its proven check
    page = (tmp_path / "report.html").read_text()
    md_rows = [r for r in (tmp_path / "CLAIMS.md").read_text().splitlines() if r.startswith("| synth/") and "| rate |" in r]
    html_rows = re.findall(r"<tr class=\"[a-z]*\">", page)
    assert len(html_rows) == len(md_rows) > 0
    imgs = [a["src"] for t, a in _parse(page).tags if t == "img"]
    png = (tmp_path / "figures" / "synth_regret.png").read_bytes()
    assert imgs and all(base64.b64decode(s.split(",", 1)[1]) == png for s in imgs)


# ---- headless browser ---------------------------------------------------------------------

_PROBE = """<script>window.addEventListener("load", () => {
  const r = [...document.images].map(i => [i.complete, i.naturalWidth, i.naturalHeight]);
  const p = document.createElement("pre"); p.id = "probe"; p.textContent = JSON.stringify(r);
  document.body.appendChild(p);});</script>"""


def _chromium() -> str:
    exe = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
    if exe is None:
        pytest.skip("chromium not found: install Debian's browser with `apt-get install -y chromium` "
                    "to run the report.html browser test")
    return exe


def _browser(exe: str, page: Path, tmp_path: Path, *extra: str) -> str:
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", *extra, page.as_uri()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


def _image_sizes(exe: str, html_text: str, tmp_path: Path, name: str) -> list:
    page = tmp_path / name
    page.write_text(html_text.replace("</body>", _PROBE + "</body>"))
    dom = _browser(exe, page, tmp_path, "--dump-dom")
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, flags=re.S)
    assert found, "the probe script did not run: " + dom[-500:]
    return json.loads(found.group(1).replace("&quot;", '"'))


def test_report_html_renders_every_figure_in_headless_chromium(tmp_path, synthetic_registry, capsys):
    exe = _chromium()
    assert main(["reproduce", "--quick", "--workers", "1", "--quiet", "--out", str(tmp_path)]) in (0, 1)
    capsys.readouterr()
    page = (tmp_path / "report.html").read_text()
    n_img = page.count("<img ")
    sizes = _image_sizes(exe, page, tmp_path, "probe.html")
    assert len(sizes) == n_img > 0
    assert all(done and w > 0 and h > 0 for done, w, h in sizes), sizes
    shot = tmp_path / "shot.png"
    _browser(exe, tmp_path / "report.html", tmp_path, f"--screenshot={shot}", "--window-size=1280,2400")
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000  # a rendered page, not a blank stub
    control = page.replace("data:image/png;base64,", "data:image/png;base64,AAAA", 1)
    bad = _image_sizes(exe, control, tmp_path, "control.html")
    assert bad[0][1] == 0 and all(w > 0 for _, w, _ in bad[1:])  # the probe sees a broken image
