"""T8: how often DR-RPO's robust estimate is optimistic, Q_hat^k >= Q^{pi^k}, on I1 and I3.

c_b = 1 is the practical value of the prior code; the "theory" value is the LSVI-UCB-style
scale c_b = d H sqrt(log(d H K / delta)) with delta = 0.05 (unverified for DR-RPO; spec §3),
precomputed here: I1 (d=4, H=3, K=500): 4*3*sqrt(log(4*3*500/0.05)) = 40.9;
I3 (d=40, H=5, K=500): 40*5*sqrt(log(40*5*500/0.05)) = 791.5.
"""
from theorylab.algorithms.robust.tasks import run_cell
from theorylab.sweep import Experiment

from .analysis import analyse

_I1 = {"instance": "simulated", "xi_norm": 0.1, "rho": 0.6, "beta": 0.01, "lam": 0.1, "eta": 1.0,
       "n_checkpoints": 10, "optimism": True}
_I3 = {"instance": "I3", "S": 10, "A": 4, "H": 5, "rho": 0.3, "beta": 0.01, "lam": 1.0, "eta": 1.0,
       "n_checkpoints": 10, "optimism": True}
THEORY_CB = {"simulated": 40.9, "I3": 791.5}


def _settings(K):
    return tuple(dict(base, c_b=cb, bonus_regime=regime, K=K) for base in (_I1, _I3)
                 for regime, cb in (("practical", 1.0), ("theory", THEORY_CB[base["instance"]])))


EXPERIMENT = Experiment(
    id="robust/optimism",
    description="Frequency of optimism Q_hat >= Q^pi of DR-RPO at practical and theory-scale bonus (I1, I3)",
    tags=("robust", "optimism", "T8"),
    algorithms=("dr_rpo",),
    settings={"quick": _settings(500), "full": _settings(500)},
    seeds={"quick": 3, "full": 20},
    run_cell=run_cell,
    analyse=analyse,
    figures=(),
    paper="robust",
)
