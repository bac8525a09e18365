"""Preprocessing layers (``keras.layers.preprocessing``): ``Rescaling``, ``Resizing`` and
``CenterCrop`` (image_preprocessing), the random image augmentations ``RandomFlip``,
``RandomRotation``, ``RandomZoom``, ``RandomTranslation``, ``RandomContrast`` and ``RandomCrop``
(image_augmentation, moving pixels with image_transform), ``Normalization`` (normalization),
``TextVectorization`` (text_vectorization, which holds a ``StringLookup``), and the
categorical layers: ``StringLookup`` and ``IntegerLookup`` (string_lookup, integer_lookup,
both ``IndexLookup`` of index_lookup), ``CategoryEncoding`` (category_encoding), ``Hashing``
(hashing, with the hashes of backend.fingerprint), ``HashedCrossing`` (hashed_crossing) and
``Discretization`` (discretization), encoding through preprocessing_utils. Normalization,
TextVectorization, the lookups and Discretization are adapted to data."""
