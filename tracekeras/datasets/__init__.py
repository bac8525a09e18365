"""tracekeras.datasets: Keras's data sets, read from the Keras cache (no network here).

``digits`` ships inside tracekeras (scikit-learn's copy of the UCI handwritten
digits test set, 1,797 8x8 images, CC BY 4.0; see ``DIGITS.md``): the one
data set that needs no download.

``boston_housing``, ``cifar10``, ``cifar100``, ``fashion_mnist``, ``imdb``,
``mnist`` and ``reuters`` read the files Keras keeps in its cache (same names,
same formats, found by ``tracekeras.utils.data_utils.get_file``) and
post-process them as Keras does (the seeded shuffle, the train/test split, the
word-id options). None of them makes up data: a missing file raises
``FileNotFoundError`` naming the file, where to put it and the URL Keras
downloads it from.
"""
from . import boston_housing, cifar10, cifar100, digits, fashion_mnist, imdb, mnist, reuters

__all__ = ["boston_housing", "cifar10", "cifar100", "digits", "fashion_mnist", "imdb", "mnist",
           "reuters"]
