"""Adversarial example using FGSM: a frozen MobileNetV2 classifier, a picture read with
tf.io.read_file and tf.image.decode_image, resized with tf.image.resize and scaled by
mobilenet_v2.preprocess_input, a GradientTape watching the input picture to take the
gradient of a CategoricalCrossentropy loss with respect to it, tf.sign of that gradient as
the perturbation, tf.one_hot labels, tf.clip_by_value of the perturbed pictures, predict
on each.

Source: https://www.tensorflow.org/tutorials/generative/adversarial_fgsm (notebook
site/en/tutorials/generative/adversarial_fgsm.ipynb of github.com/tensorflow/docs,
Apache-2.0). Changed: ``tf.keras.applications.MobileNetV2(include_top=True,
weights='imagenet')`` (a download of ImageNet weights) is built with ``weights=None``, its
kernels then drawn again at a scale that keeps the activations' size
(``corpus_data.imagenet_stand_in_weights``), so that its 1000 scores are not all alike;
``decode_predictions`` (which reads ImageNet's class index, a download Keras checks by its
MD5 hash) is ``corpus_data.decode_predictions``, which names each class by its index; the
picture ``get_file`` downloads is a small JPEG file written by
``corpus_data.example_picture`` into ``datasets/`` of the working folder, and ``get_file``
is given ``cache_dir=os.path.abspath(".")`` to find it there; matplotlib is not installed
beside tf_keras here, so the pictures are not shown and their titles are printed
(``mpl.rcParams`` and the ``plt`` calls are left out). ``keras.utils.set_random_seed(1)``
after the imports, so that the random weights standing in for trained ones, and with them
the printed classes and confidences, are the same on each run.
"""
import os

import tensorflow as tf

import corpus_data

tf.keras.utils.set_random_seed(1)

pretrained_model = tf.keras.applications.MobileNetV2(include_top=True,
                                                     weights=None)
corpus_data.imagenet_stand_in_weights(pretrained_model)
pretrained_model.trainable = False

# ImageNet labels
decode_predictions = corpus_data.decode_predictions

# Helper function to preprocess the image so that it can be inputted in MobileNetV2
def preprocess(image):
  image = tf.cast(image, tf.float32)
  image = tf.image.resize(image, (224, 224))
  image = tf.keras.applications.mobilenet_v2.preprocess_input(image)
  image = image[None, ...]
  return image

# Helper function to extract labels from probability vector
def get_imagenet_label(probs):
  return decode_predictions(probs, top=1)[0][0]

corpus_data.example_picture(os.path.abspath("."), "YellowLabradorLooking_new.jpg")
image_path = tf.keras.utils.get_file('YellowLabradorLooking_new.jpg', 'https://storage.googleapis.com/download.tensorflow.org/example_images/YellowLabradorLooking_new.jpg',
                                     cache_dir=os.path.abspath("."))
image_raw = tf.io.read_file(image_path)
image = tf.image.decode_image(image_raw)

image = preprocess(image)
image_probs = pretrained_model.predict(image)

_, image_class, class_confidence = get_imagenet_label(image_probs)
print('{} : {:.2f}% Confidence'.format(image_class, class_confidence*100))

loss_object = tf.keras.losses.CategoricalCrossentropy()

def create_adversarial_pattern(input_image, input_label):
  with tf.GradientTape() as tape:
    tape.watch(input_image)
    prediction = pretrained_model(input_image)
    loss = loss_object(input_label, prediction)

  # Get the gradients of the loss w.r.t to the input image.
  gradient = tape.gradient(loss, input_image)
  # Get the sign of the gradients to create the perturbation
  signed_grad = tf.sign(gradient)
  return signed_grad

# Get the input label of the image.
labrador_retriever_index = 208
label = tf.one_hot(labrador_retriever_index, image_probs.shape[-1])
label = tf.reshape(label, (1, image_probs.shape[-1]))

perturbations = create_adversarial_pattern(image, label)

def display_images(image, description):
  _, label, confidence = get_imagenet_label(pretrained_model.predict(image))
  print('{} \n {} : {:.2f}% Confidence'.format(description,
                                               label, confidence*100))

epsilons = [0, 0.01, 0.1, 0.15]
descriptions = [('Epsilon = {:0.3f}'.format(eps) if eps else 'Input')
                for eps in epsilons]

for i, eps in enumerate(epsilons):
  adv_x = image + eps*perturbations
  adv_x = tf.clip_by_value(adv_x, -1, 1)
  display_images(adv_x, descriptions[i])
