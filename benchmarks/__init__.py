"""Performance figures: ``uv run python -m benchmarks [GROUP ...] [--only NAME ...]``.

Each ``bench_<group>.py`` module is a group (``python -m benchmarks browser peers``
runs two; ``--list`` names them all). Every figure is one JSON line with ``name``,
``value``, ``unit``, ``target`` and ``within_target`` (a ``ratio`` target is a lower
bound, any other an upper one). Peers are measured in the same run (``peers``, the
exactextract and rasterstats ratios in ``zonal``), and the dashboard where the user
feels it: in Debian's Chromium against ``gunicorn app:server`` (``browser``).
"""
