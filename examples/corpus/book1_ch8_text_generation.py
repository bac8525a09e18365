"""Text generation with LSTM: a character-level LSTM on one-hot windows, sampled with a
temperature one predict call a character.

Source: Deep Learning with Python, 1st edition, chapter 8, notebook
8.1-text-generation-with-lstm (github.com/fchollet/deep-learning-with-python-notebooks,
MIT). Changed: the notebook's standalone ``keras`` 2 imports are written ``from tensorflow
import keras`` and ``from tensorflow.keras import ...`` (the same Keras 2 API; ``import
keras`` is Keras 3 beside TensorFlow 2.21); the ``keras.__version__`` cell is left out; the
``nietzsche.txt`` download (``keras.utils.get_file``) is replaced by a text file of the same
kind that ``corpus_data.nietzsche_file`` writes in the working folder (about 1700
characters, was 600893); 2 epochs (the loop ran 59), and 20 characters generated for each
temperature (were 400). Unchanged and still running today: ``dtype=np.bool`` (NumPy 2
has the name again; NumPy 1.24 to 1.26 did not) and ``RMSprop(lr=0.01)``, whose ``lr``
tf_keras 2.21 ignores with a warning (the rate stays 0.001).
"""
from tensorflow import keras
import numpy as np

import corpus_data

path = corpus_data.nietzsche_file('nietzsche.txt')
text = open(path).read().lower()
print('Corpus length:', len(text))

# Length of extracted character sequences
maxlen = 60

# We sample a new sequence every `step` characters
step = 3

# This holds our extracted sequences
sentences = []

# This holds the targets (the follow-up characters)
next_chars = []

for i in range(0, len(text) - maxlen, step):
    sentences.append(text[i: i + maxlen])
    next_chars.append(text[i + maxlen])
print('Number of sequences:', len(sentences))

# List of unique characters in the corpus
chars = sorted(list(set(text)))
print('Unique characters:', len(chars))
# Dictionary mapping unique characters to their index in `chars`
char_indices = dict((char, chars.index(char)) for char in chars)

# Next, one-hot encode the characters into binary arrays.
print('Vectorization...')
x = np.zeros((len(sentences), maxlen, len(chars)), dtype=np.bool)
y = np.zeros((len(sentences), len(chars)), dtype=np.bool)
for i, sentence in enumerate(sentences):
    for t, char in enumerate(sentence):
        x[i, t, char_indices[char]] = 1
    y[i, char_indices[next_chars[i]]] = 1

from tensorflow.keras import layers

model = keras.models.Sequential()
model.add(layers.LSTM(128, input_shape=(maxlen, len(chars))))
model.add(layers.Dense(len(chars), activation='softmax'))

optimizer = keras.optimizers.RMSprop(lr=0.01)
model.compile(loss='categorical_crossentropy', optimizer=optimizer)

def sample(preds, temperature=1.0):
    preds = np.asarray(preds).astype('float64')
    preds = np.log(preds) / temperature
    exp_preds = np.exp(preds)
    preds = exp_preds / np.sum(exp_preds)
    probas = np.random.multinomial(1, preds, 1)
    return np.argmax(probas)

import random
import sys

for epoch in range(1, 3):
    print('epoch', epoch)
    # Fit the model for 1 epoch on the available training data
    model.fit(x, y,
              batch_size=128,
              epochs=1)

    # Select a text seed at random
    start_index = random.randint(0, len(text) - maxlen - 1)
    generated_text = text[start_index: start_index + maxlen]
    print('--- Generating with seed: "' + generated_text + '"')

    for temperature in [0.2, 0.5, 1.0, 1.2]:
        print('------ temperature:', temperature)
        sys.stdout.write(generated_text)

        # We generate 20 characters
        for i in range(20):
            sampled = np.zeros((1, maxlen, len(chars)))
            for t, char in enumerate(generated_text):
                sampled[0, t, char_indices[char]] = 1.

            preds = model.predict(sampled, verbose=0)[0]
            next_index = sample(preds, temperature)
            next_char = chars[next_index]

            generated_text += next_char
            generated_text = generated_text[1:]

            sys.stdout.write(next_char)
            sys.stdout.flush()
        print()
