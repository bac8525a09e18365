"""tracekeras.saving: files of trained state (``keras.saving``).

``weights_format``: the weights file ``Model.save_weights``/``load_weights`` and
``ModelCheckpoint`` use (format documented there). Loaded lazily by its users.
"""
