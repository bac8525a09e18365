"""tracekeras.preprocessing: what ``keras.preprocessing`` still offers (``sequence``)."""
from . import sequence

__all__ = ["sequence"]
