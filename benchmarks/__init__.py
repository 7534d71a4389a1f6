"""pytest-benchmark suites (not part of the gating test run); run them with ``theorylab bench``."""
