"""Preprocessing layers (``keras.layers.preprocessing``): ``Rescaling``, ``Resizing`` and
``CenterCrop`` (image_preprocessing), the random image augmentations ``RandomFlip``,
``RandomRotation``, ``RandomZoom``, ``RandomTranslation``, ``RandomContrast`` and ``RandomCrop``
(image_augmentation, moving pixels with image_transform), ``Normalization`` (normalization)
and ``TextVectorization`` (text_vectorization, with its vocabulary in index_lookup), the last
two adapted to data."""
