"""The eight data adapters of ``keras.engine.data_adapter``, split in two modules.

``structure`` holds the shared data conventions, ``array_adapters`` the adapters
for in-memory arrays, ``stream_adapters`` those for datasets, generators and
Sequences. Import them from ``tracekeras.engine.data_adapter``.
"""
