"""tracekeras.preprocessing: what ``keras.preprocessing`` still offers.

``sequence`` (``pad_sequences``), ``text`` (the legacy ``Tokenizer``, ``one_hot``,
``hashing_trick``), ``image`` (``ImageDataGenerator`` and its iterators, ``load_img``,
``img_to_array`` ...) and the dataset makers ``text_dataset_from_directory``,
``image_dataset_from_directory`` and ``timeseries_dataset_from_array`` (also in
``keras.utils``, where they live)."""
from tracekeras.utils.image_dataset import image_dataset_from_directory
from tracekeras.utils.text_dataset import text_dataset_from_directory
from tracekeras.utils.timeseries_dataset import timeseries_dataset_from_array

from . import image, sequence, text

__all__ = ["image", "image_dataset_from_directory", "sequence", "text",
           "text_dataset_from_directory", "timeseries_dataset_from_array"]
