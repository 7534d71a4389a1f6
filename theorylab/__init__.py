"""theorylab: validate RL and online-learning theory with numbers.

The public API is small on purpose:

* :mod:`theorylab.problems` -- problem data (``TabularMDP``, ``LinearMDP``) and named instances;
* :mod:`theorylab.planning` -- exact ground truth (backward induction, policy evaluation,
  occupancy measures, best fixed policy in hindsight);
* :mod:`theorylab.regret` -- ``RegretTrace``, ``Bound``, ``check_bound``, ``check_rate``;
* :mod:`theorylab.stats` -- bootstrap CIs, Clopper-Pearson, log-log slopes;
* :mod:`theorylab.sweep` -- experiments as data, the results store and executors;
* :mod:`theorylab.algorithms` -- one module per paper plus ``baselines``.
"""
__version__ = "0.1.0"
__all__ = ["__version__"]
