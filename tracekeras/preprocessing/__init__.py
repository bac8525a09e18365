"""tracekeras.preprocessing: what ``keras.preprocessing`` still offers.

``sequence`` (``pad_sequences``) and ``text_dataset_from_directory`` (also in
``keras.utils``, where it lives).
"""
from tracekeras.utils.text_dataset import text_dataset_from_directory

from . import sequence

__all__ = ["sequence", "text_dataset_from_directory"]
