"""tracekeras.utils: helpers Keras keeps in ``keras.utils``."""
