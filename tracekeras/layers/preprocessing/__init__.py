"""Preprocessing layers (``keras.layers.preprocessing``): ``Rescaling``
(image_preprocessing), ``Normalization`` (normalization) and ``TextVectorization``
(text_vectorization, with its vocabulary in index_lookup), the last two adapted to data."""
