"""Preprocessing layers (``keras.layers.preprocessing``): ``Rescaling``
(image_preprocessing) and ``Normalization`` (normalization, adapted to data)."""
