"""Save and load models: checkpoints during training, weights, whole models.

Source: https://www.tensorflow.org/tutorials/keras/save_and_load (TensorFlow docs,
Apache-2.0). Changed: ``mnist.load_data()`` is replaced by ``corpus_data.mnist()``;
files go to a temporary folder; 3 epochs (was 10, and 50 for the checkpoint run);
the SavedModel and HDF5 sections are left out (the ``.keras`` format is kept); the
weights files end in ``.weights.h5`` and their folder is made first (the tutorial's
TensorFlow-checkpoint paths need no folder).
"""
import os
import tempfile

import tensorflow as tf

import corpus_data

print(tf.version.VERSION)
work = tempfile.mkdtemp()

(train_images, train_labels), (test_images, test_labels) = corpus_data.mnist(
    n_train=1000, n_test=1000)
train_labels = train_labels[:1000]
test_labels = test_labels[:1000]
train_images = train_images[:1000].reshape(-1, 28 * 28) / 255.0
test_images = test_images[:1000].reshape(-1, 28 * 28) / 255.0


def create_model():
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(512, activation="relu", input_shape=(784,)),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10),
    ])
    model.compile(optimizer="adam",
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
    return model


model = create_model()
model.summary()

checkpoint_path = os.path.join(work, "training_1/cp.ckpt.weights.h5")
checkpoint_dir = os.path.dirname(checkpoint_path)
cp_callback = tf.keras.callbacks.ModelCheckpoint(filepath=checkpoint_path,
                                                 save_weights_only=True, verbose=1)
model.fit(train_images, train_labels, epochs=3,
          validation_data=(test_images, test_labels), callbacks=[cp_callback])
print(os.listdir(checkpoint_dir))

model = create_model()
loss, acc = model.evaluate(test_images, test_labels, verbose=2)
print("Untrained model, accuracy: {:5.2f}%".format(100 * acc))
model.load_weights(checkpoint_path)
loss, acc = model.evaluate(test_images, test_labels, verbose=2)
print("Restored model, accuracy: {:5.2f}%".format(100 * acc))

os.makedirs(os.path.join(work, "checkpoints"))
model.save_weights(os.path.join(work, "checkpoints/my_checkpoint.weights.h5"))
model = create_model()
model.load_weights(os.path.join(work, "checkpoints/my_checkpoint.weights.h5"))
loss, acc = model.evaluate(test_images, test_labels, verbose=2)
print("Restored model, accuracy: {:5.2f}%".format(100 * acc))

model = create_model()
model.fit(train_images, train_labels, epochs=3)
model.save(os.path.join(work, "my_model.keras"))
new_model = tf.keras.models.load_model(os.path.join(work, "my_model.keras"))
new_model.summary()
loss, acc = new_model.evaluate(test_images, test_labels, verbose=2)
print("Restored model, accuracy: {:5.2f}%".format(100 * acc))
print(new_model.predict(test_images).shape)
