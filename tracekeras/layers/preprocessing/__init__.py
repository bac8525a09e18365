"""Preprocessing layers (``keras.layers.preprocessing``): ``Rescaling``, ``Resizing`` and
``CenterCrop`` (image_preprocessing), the random image augmentations ``RandomFlip``,
``RandomRotation``, ``RandomZoom``, ``RandomTranslation``, ``RandomContrast`` and ``RandomCrop``
(image_augmentation, moving pixels with image_transform), ``Normalization`` (normalization),
``TextVectorization`` (text_vectorization, which holds a ``StringLookup``), and the
vocabulary layers ``StringLookup`` and ``IntegerLookup`` (string_lookup, integer_lookup, both
``IndexLookup`` of index_lookup, encoding through preprocessing_utils), the ones adapted to
data."""
