"""The claims report: ``CLAIMS.md`` and a self-contained ``report.html``.

A report is data first: :class:`ClaimsReport` holds, per experiment, the bound checks its
analysis returned (:class:`theorylab.regret.Check`), the figure files that plot it, and any
problem met on the way (failed cells, an analysis that raised), plus the lemma checks.
Renderers turn that data into a document; :data:`RENDERERS` maps a format to its renderer
and file name: ``"md"`` writes ``CLAIMS.md`` (figures linked), ``"html"`` writes a
self-contained ``report.html`` (figures embedded as base64 PNG, inline CSS, no script and no
external resource, so the file can be mailed or archived alone).

Every row states the bound, its citation, whether the bound (or its constants) is our
reconstruction, the measured log-log slope with its bootstrap CI, the bound curve's own
slope on the same grid, the largest ratio of mean regret to the bound, and pass/fail.
The plain-text tables of the command line (checks, lemmas, benchmarks) are in
:mod:`theorylab.report_tables`, which the renderers share.
"""
from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .report_tables import CHECK_HEADERS, LEMMA_HEADERS, _num, _result, check_rows, lemma_rows

__all__ = ["ExperimentClaims", "ClaimsReport", "render_markdown", "render_html", "write_report", "RENDERERS"]


@dataclass(frozen=True)
class ExperimentClaims:
    """The checks of one experiment and where its figures are.

    Attributes
    ----------
    experiment : str, id
    paper : str, groups the report (``Experiment.paper``)
    description : str
    checks : tuple of theorylab.regret.Check
    figures : tuple of str, figure files relative to the report's folder
    problems : tuple of str, one line each (failed cells, analysis errors)

    References
    ----------
    Issue 2, item 7 (``reproduce`` writes CLAIMS.md).
    """

    experiment: str
    paper: str
    description: str = ""
    checks: tuple = ()
    figures: tuple = ()
    problems: tuple = ()


@dataclass(frozen=True)
class ClaimsReport:
    """Everything ``theorylab reproduce`` found, ready to render.

    Attributes
    ----------
    size : {"quick", "full"}
    provenance : dict, from :func:`theorylab.sweep.store.provenance`
    experiments : tuple of ExperimentClaims
    lemmas : tuple of proofs_check.LemmaReport
    problems : tuple of str, problems not tied to one experiment (a figure that raised)

    References
    ----------
    Issue 2, item 7; design rule 5.
    """

    size: str
    provenance: dict
    experiments: tuple = ()
    lemmas: tuple = ()
    problems: tuple = field(default=())

    @property
    def passed(self) -> bool:
        """No proven check failed, every lemma passed and nothing went wrong.

        References
        ----------
        Design rule 5.
        """
        checks_ok = all(c.passed or not c.proven for e in self.experiments for c in e.checks)
        return (checks_ok and all(l.passed for l in self.lemmas) and not self.problems
                and not any(e.problems for e in self.experiments))


def _md_table(headers: Sequence[str], rows: Sequence[Sequence]) -> list[str]:
    def cell(v):
        return str(v).replace("|", "\\|").replace("\n", " ")
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return out


def _md_experiments(report: ClaimsReport) -> list[str]:
    lines = []
    papers = sorted({e.paper or "(no paper)" for e in report.experiments})
    for paper in papers:
        lines += ["", f"## {paper}", ""]
        rows = []
        for e in (x for x in report.experiments if (x.paper or "(no paper)") == paper):
            figs = ", ".join(f"[{Path(f).name}]({f})" for f in e.figures) or "–"
            rows += [(*r[:4], r[4], "yes" if c.reconstruction else "no", *r[5:], figs)
                     for r, c in zip(check_rows(e.checks, mark_reconstruction=False), e.checks)]
            if not e.checks:
                rows.append((e.experiment, "–", "–", "–", "–", "–", "–", "–", "–", "–", "no checks", figs))
        lines += _md_table(CHECK_HEADERS[:5] + ("reconstruction",) + CHECK_HEADERS[5:] + ("figure",), rows)
        for e in (x for x in report.experiments if (x.paper or "(no paper)") == paper and x.problems):
            lines += ["", f"Problems in `{e.experiment}`:", ""] + [f"- {p}" for p in e.problems]
    return lines


def render_markdown(report: ClaimsReport, base_dir=None) -> str:
    """The report as Markdown: a header, one table per paper, the lemmas, the problems.

    ``base_dir`` is accepted for the common renderer signature and unused: figures are
    linked by their paths relative to the report's folder.

    References
    ----------
    Issue 2, item 7; design rule 5 (never present a reconstruction as the paper's number).
    """
    prov = report.provenance or {}
    git = prov.get("git") or {}
    commit = git.get("commit") or "unknown"
    n_checks = sum(len(e.checks) for e in report.experiments)
    n_pass = sum(c.passed for e in report.experiments for c in e.checks)
    lines = ["# Claims checked by theorylab", "",
             f"Size: `{report.size}`. theorylab {prov.get('theorylab', '?')}, commit `{commit}`"
             + (" (uncommitted changes)" if git.get("dirty") else "") + f", Python {prov.get('python', '?')}, "
             f"CPU {prov.get('cpu', '?')}.", "",
             f"**{n_pass} of {n_checks} checks pass; {sum(l.passed for l in report.lemmas)} of "
             f"{len(report.lemmas)} lemma checks pass.** Overall: {'PASS' if report.passed else 'FAIL'}.", "",
             "Slopes are log-log slopes of mean regret with a bootstrap CI over seeds; the bound slope is "
             "the slope of the bound's own curve on the same checkpoints. `reconstruction = yes` marks a "
             "bound whose statement or constants are ours, not the paper's. A failure of an algorithm the "
             "paper does not prove (`fail (not proven)`) does not fail the report."]
    lines += _md_experiments(report)
    lines += ["", "## Lemma checks", ""]
    lines += _md_table(LEMMA_HEADERS, lemma_rows(report.lemmas)) if report.lemmas else ["No lemma checks."]
    if report.problems:
        lines += ["", "## Problems", ""] + [f"- {p}" for p in report.problems]
    return "\n".join(lines) + "\n"


_CSS = """body{font:14px/1.45 system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 7px;
text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f3f3f3}.PASS{color:#05612b;font-weight:600}
.FAIL{color:#b00020;font-weight:700}.soft{color:#8a5a00}.recon{background:#fff6dd}figure{margin:.8em 0}
img{max-width:100%;border:1px solid #ddd}figcaption{font-size:12px;color:#555}.problem{color:#b00020}
nav a{margin-right:1em}"""
HTML_HEADERS = ("setting", "algorithm", "claim (bound)", "source", "kind", "bound", "measured [95% CI]",
                "max regret/bound", "result")


def _finite(x) -> bool:
    return x is not None and math.isfinite(x)


def _source(c) -> str:
    if c.reconstruction:
        rest = c.citation.strip()
        rest = rest[len("reconstruction"):].lstrip(" ;:,") if rest.lower().startswith("reconstruction") else rest
        return "reconstruction (ours)" + (f": {rest}" if rest else "")
    return f"paper: {c.citation}"


def _bound_cell(c) -> str:
    gate = "gating" if c.proven else "reported, not gating"
    if c.kind == "bound":
        curve = f"; bound curve slope {_num(c.bound_slope)}" if _finite(c.bound_slope) else ""
        return f"measured ≤ bound ({gate}){curve}"
    rel = "≤" if c.expect == "at_most" else ">"
    return f"slope {rel} {_num(c.bound_slope)}, the bound curve's slope on the same grid ({gate})"


def _measured_cell(c) -> str:
    lo, hi = c.slope_ci
    parts = [f"slope {_num(c.slope)} [{_num(lo)}, {_num(hi)}]"] if _finite(c.slope) else []
    if c.kind == "bound" and c.n_seeds:
        parts.append(f"{c.violations} of {c.n_seeds} seeds above the bound")
    return "; ".join(parts) or "–"


def _html_row(c) -> str:
    res = _result(c.passed, c.proven)
    cls = "PASS" if c.passed else ("FAIL" if c.proven else "soft")
    cells = (c.setting, c.algorithm, c.bound, _source(c), c.kind, _bound_cell(c), _measured_cell(c),
             _num(c.max_ratio))
    tds = "".join(f"<td>{html.escape(str(v))}</td>" for v in cells)
    title = html.escape(c.detail, quote=True)
    return (f'<tr class="{"recon" if c.reconstruction else ""}">{tds}'
            f'<td class="{cls}" title="{title}">{html.escape(res)}</td></tr>')


def _html_table(headers, rows: list[str]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _figure(rel: str, base_dir, placed: set) -> str:
    """An <img> with the PNG embedded (once per report; later a link to it), or a problem line."""
    anchor = "fig-" + "".join(ch if ch.isalnum() else "-" for ch in rel)
    if rel in placed:
        return f'<p>Figure: <a href="#{anchor}">{html.escape(Path(rel).stem)}</a> (shown above).</p>'
    placed.add(rel)
    path = Path(base_dir or ".") / rel
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return f'<p class="problem">figure {html.escape(rel)} is missing or not a PNG file</p>'
    b64 = base64.b64encode(data).decode("ascii")
    name = html.escape(Path(rel).stem)
    return (f'<figure id="{anchor}"><img alt="{name}" src="data:image/png;base64,{b64}">'
            f"<figcaption>{name} ({html.escape(rel)})</figcaption></figure>")


def _html_experiment(e: ExperimentClaims, base_dir, placed: set) -> list[str]:
    out = [f'<h3 id="{html.escape(e.experiment, quote=True)}">{html.escape(e.experiment)}</h3>']
    if e.description:
        out.append(f"<p>{html.escape(e.description)}</p>")
    out.append(_html_table(HTML_HEADERS, [_html_row(c) for c in e.checks]) if e.checks else "<p>No checks.</p>")
    out += [f'<p class="problem">{html.escape(p)}</p>' for p in e.problems]
    return out + [_figure(rel, base_dir, placed) for rel in dict.fromkeys(e.figures)]


def render_html(report: ClaimsReport, base_dir=None) -> str:
    """The report as one self-contained HTML page, one section per paper.

    Each experiment lists every claim (bound) with its source (the paper's theorem, or our
    reconstruction), the bound (explicit, or the slope of its rate curve), the measured
    log-log slope with its bootstrap CI, the largest ratio of mean regret to the bound and
    pass/fail; its figures follow, embedded as base64 PNG (read from ``base_dir``, the
    report's folder, against which ``ExperimentClaims.figures`` are relative). A figure of
    several experiments is embedded once, under the first, and linked from the others.

    Parameters
    ----------
    report : ClaimsReport
    base_dir : str or pathlib.Path, optional (default the current folder)

    Returns
    -------
    str, an HTML5 document without scripts or external resources

    References
    ----------
    Issue 9 (the claims report); design rule 5 (never present a reconstruction as the
    paper's number).
    """
    prov = report.provenance or {}
    git, checks = prov.get("git") or {}, [c for e in report.experiments for c in e.checks]
    papers = sorted({e.paper or "(no paper)" for e in report.experiments})
    verdict = "PASS" if report.passed else "FAIL"
    body = ["<h1>Claims checked by theorylab</h1>",
            f"<p>Size {html.escape(report.size)}; theorylab {html.escape(str(prov.get('theorylab', '?')))}, commit "
            f"{html.escape(str(git.get('commit') or 'unknown'))}{' (uncommitted changes)' if git.get('dirty') else ''}"
            f"; CPU {html.escape(str(prov.get('cpu', '?')))}.</p>",
            f"<p><strong>{sum(c.passed for c in checks)} of {len(checks)} checks pass; "
            f"{sum(l.passed for l in report.lemmas)} of {len(report.lemmas)} lemma checks pass. Overall: "
            f'<span class="{verdict}">{verdict}</span>.</strong></p>',
            "<p>Measured: the log-log slope of mean pseudo-regret with a 95% bootstrap CI over seeds, "
            "compared with the slope of the bound's own curve on the same checkpoints (rate claims), or "
            "regret against the bound's value (explicit constants). Rows shaded and marked "
            "<em>reconstruction</em> are bounds whose statement or constants are ours, not the paper's; "
            "a failure of an algorithm the paper does not prove does not fail the report.</p>",
            "<nav>" + "".join(f'<a href="#paper-{i}">{html.escape(p)}</a>' for i, p in enumerate(papers))
            + '<a href="#lemmas">lemma checks</a></nav>']
    placed: set = set()  # a figure of several experiments is embedded under the first one
    for i, paper in enumerate(papers):
        body.append(f'<section id="paper-{i}"><h2>{html.escape(paper)}</h2>')
        for e in (x for x in report.experiments if (x.paper or "(no paper)") == paper):
            body += _html_experiment(e, base_dir, placed)
        body.append("</section>")
    lem = [f"<tr>{''.join(f'<td>{html.escape(str(v))}</td>' for v in r[:-1])}"
           f'<td class="{"PASS" if l.passed else "FAIL"}">{r[-1]}</td></tr>'
           for r, l in zip(lemma_rows(report.lemmas), report.lemmas)]
    body.append('<section id="lemmas"><h2>Lemma checks</h2>'
                + (_html_table(LEMMA_HEADERS, lem) if lem else "<p>No lemma checks.</p>") + "</section>")
    if report.problems:
        body.append("<h2>Problems</h2>" + "".join(f'<p class="problem">{html.escape(p)}</p>' for p in report.problems))
    title = f"theorylab claims ({report.size}, theorylab {prov.get('theorylab', '?')})"
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


RENDERERS: dict[str, tuple[Callable, str]] = {"md": (render_markdown, "CLAIMS.md"),
                                              "html": (render_html, "report.html")}


def write_report(report: ClaimsReport, out_dir, fmt: str = "md") -> Path:
    """Render ``report`` in format ``fmt`` and write it atomically into ``out_dir``.

    Every renderer is called as ``render(report, base_dir=out_dir)`` (the HTML renderer
    reads the figures it embeds from there).

    Returns
    -------
    pathlib.Path, e.g. ``<out_dir>/CLAIMS.md`` or ``<out_dir>/report.html``

    References
    ----------
    Issue 2, item 7; issue 9; design rule 7 (atomic writes).
    """
    from .sweep.store import write_bytes_atomic

    if fmt not in RENDERERS:
        raise ValueError(f"fmt must be one of {sorted(RENDERERS)}, got {fmt!r}")
    render, name = RENDERERS[fmt]
    path = Path(out_dir) / name
    write_bytes_atomic(path, render(report, base_dir=out_dir).encode("utf-8"))
    return path
