"""tracekeras.utils: what ``keras.utils`` offers, each loaded from its own module on first use."""
import importlib

LOCATIONS = {
    "get_file": ("tracekeras.utils.data_utils", "get_file"),
    "pad_sequences": ("tracekeras.preprocessing.sequence", "pad_sequences"),
    "text_dataset_from_directory": ("tracekeras.utils.text_dataset",
                                    "text_dataset_from_directory"),
    "timeseries_dataset_from_array": ("tracekeras.utils.timeseries_dataset",
                                      "timeseries_dataset_from_array"),
    "audio_dataset_from_directory": ("tracekeras.utils.audio_dataset",
                                     "audio_dataset_from_directory"),
    "image_dataset_from_directory": ("tracekeras.utils.image_dataset",
                                     "image_dataset_from_directory"),
    "load_img": ("tracekeras.utils.image_utils", "load_img"),
    "img_to_array": ("tracekeras.utils.image_utils", "img_to_array"),
    "array_to_img": ("tracekeras.utils.image_utils", "array_to_img"),
    "save_img": ("tracekeras.utils.image_utils", "save_img"),
    "plot_model": ("tracekeras.utils.vis_utils", "plot_model"),
    "model_to_dot": ("tracekeras.utils.vis_utils", "model_to_dot"),
    "set_random_seed": ("tracekeras.backend.random", "set_seed"),
    "custom_object_scope": ("tracekeras.utils.serialization", "custom_object_scope"),
    "CustomObjectScope": ("tracekeras.utils.serialization", "custom_object_scope"),
    "serialize_keras_object": ("tracekeras.saving.serialization_lib", "serialize_keras_object"),
    "register_keras_serializable": ("tracekeras.saving.object_registration",
                                    "register_keras_serializable"),
    "get_registered_name": ("tracekeras.saving.object_registration", "get_registered_name"),
    "get_registered_object": ("tracekeras.saving.object_registration", "get_registered_object"),
    "get_custom_objects": ("tracekeras.saving.object_registration", "get_custom_objects"),
    "deserialize_keras_object": ("tracekeras.saving.serialization_lib",
                                 "deserialize_keras_object"),
    "Sequence": ("tracekeras.utils.data_utils", "Sequence"),
    "DatasetCreator": ("tracekeras.data.dataset_creator", "DatasetCreator"),
    "Progbar": ("tracekeras.utils.progbar", "Progbar"),
    "to_categorical": ("tracekeras.utils.np_utils", "to_categorical"),
    "to_ordinal": ("tracekeras.utils.np_utils", "to_ordinal"),
    "split_dataset": ("tracekeras.utils.dataset_utils", "split_dataset"),
    "normalize": ("tracekeras.utils.np_utils", "normalize"),
    "pack_x_y_sample_weight": ("tracekeras.engine.data_adapters.structure",
                               "pack_x_y_sample_weight"),
    "unpack_x_y_sample_weight": ("tracekeras.engine.data_adapters.structure",
                                 "unpack_x_y_sample_weight"),
    "FeatureSpace": ("tracekeras.utils.feature_space", "FeatureSpace"),
}


def __getattr__(name):
    # on first use, not at import: tracekeras.data.dataset imports tracekeras.utils (nest),
    # and loading DatasetCreator here would import tracekeras.data.dataset back (a cycle)
    if name in LOCATIONS:
        module, attr = LOCATIONS[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'tracekeras.utils' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(LOCATIONS))
