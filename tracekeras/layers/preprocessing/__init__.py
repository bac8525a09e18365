"""Preprocessing layers (``keras.layers.preprocessing``): ``Rescaling`` (image_preprocessing)."""
