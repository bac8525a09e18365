"""tracekeras.conformance: how tracekeras is held against real Keras.

What it owns: the table of differences kept on purpose
(``known_differences.json``, read by :mod:`.known_differences`), which
``tracekeras diff`` marks as known and ``docs/differences.md`` lists. It
imports only the standard library and never the engine.
"""
