"""Text classification with Switch Transformer.

Source: https://keras.io/examples/nlp/text_classification_with_switch_transformer/ (Khalid
Salama, 2021, Apache-2.0), the tf.keras version. Changed: ``keras.datasets.imdb.load_data``
is replaced by ``corpus_data.imdb`` (100 training and 50 validation reviews of word ids);
reviews are cut to 40 tokens (was 200) and batches hold 25 (was 50), so a batch routes 1000
tokens (was 10000) and the dispatch tensor holds 1000 x 10 x 100 numbers (was 10000 x 10 x
1000); 2 epochs (was 3). Its ``Switch`` layer reshapes its input to a fixed
``num_tokens_per_batch`` rows, which fixes the model's batch size when it is built.
"""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

vocab_size = 20000  # Only consider the top 20k words
num_tokens_per_example = 40  # Only consider the first 40 words of each movie review
(x_train, y_train), (x_val, y_val) = corpus_data.imdb(num_words=vocab_size, n_train=100,
                                                      n_test=50)
print(len(x_train), "Training sequences")
print(len(x_val), "Validation sequences")
x_train = keras.preprocessing.sequence.pad_sequences(
    x_train, maxlen=num_tokens_per_example
)
x_val = keras.preprocessing.sequence.pad_sequences(x_val, maxlen=num_tokens_per_example)

embed_dim = 32
num_heads = 2
ff_dim = 32
num_experts = 10
batch_size = 25
learning_rate = 0.001
dropout_rate = 0.25
num_epochs = 2
num_tokens_per_batch = batch_size * num_tokens_per_example
print(f"Number of tokens per batch: {num_tokens_per_batch}")


class TokenAndPositionEmbedding(layers.Layer):
    def __init__(self, maxlen, vocab_size, embed_dim):
        super().__init__()
        self.token_emb = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.pos_emb = layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

    def call(self, x):
        maxlen = tf.shape(x)[-1]
        positions = tf.range(start=0, limit=maxlen, delta=1)
        positions = self.pos_emb(positions)
        x = self.token_emb(x)
        return x + positions


def create_feedforward_network(ff_dim, name=None):
    return keras.Sequential([layers.Dense(ff_dim, activation="relu"), layers.Dense(ff_dim)],
                            name=name)


def load_balanced_loss(router_probs, expert_mask):
    num_experts = tf.shape(expert_mask)[-1]
    density = tf.reduce_mean(expert_mask, axis=0)
    density_proxy = tf.reduce_mean(router_probs, axis=0)
    loss = tf.reduce_mean(density_proxy * density) * tf.cast((num_experts**2), tf.dtypes.float32)
    return loss


class Router(layers.Layer):
    def __init__(self, num_experts, expert_capacity):
        self.num_experts = num_experts
        self.route = layers.Dense(units=num_experts)
        self.expert_capacity = expert_capacity
        super().__init__()

    def call(self, inputs, training=False):
        router_logits = self.route(inputs)
        if training:
            router_logits += tf.random.uniform(shape=router_logits.shape, minval=0.9, maxval=1.1)
        router_probs = keras.activations.softmax(router_logits, axis=-1)
        expert_gate, expert_index = tf.math.top_k(router_probs, k=1)
        expert_mask = tf.one_hot(expert_index, depth=self.num_experts)
        aux_loss = load_balanced_loss(router_probs, expert_mask)
        self.add_loss(aux_loss)
        position_in_expert = tf.cast(tf.math.cumsum(expert_mask, axis=0) * expert_mask, tf.dtypes.int32)
        expert_mask *= tf.cast(tf.math.less(tf.cast(position_in_expert, tf.dtypes.int32),
                                            self.expert_capacity), tf.dtypes.float32)
        expert_mask_flat = tf.reduce_sum(expert_mask, axis=-1)
        expert_gate *= expert_mask_flat
        combined_tensor = tf.expand_dims(
            expert_gate * expert_mask_flat * tf.squeeze(tf.one_hot(expert_index, depth=self.num_experts), 1),
            -1) * tf.squeeze(tf.one_hot(position_in_expert, depth=self.expert_capacity), 1)
        dispatch_tensor = tf.cast(combined_tensor, tf.dtypes.float32)
        return dispatch_tensor, combined_tensor


class Switch(layers.Layer):
    def __init__(self, num_experts, embed_dim, num_tokens_per_batch, capacity_factor=1):
        self.num_experts = num_experts
        self.embed_dim = embed_dim
        self.experts = [create_feedforward_network(embed_dim) for _ in range(num_experts)]
        self.expert_capacity = num_tokens_per_batch // self.num_experts
        self.router = Router(self.num_experts, self.expert_capacity)
        super().__init__()

    def call(self, inputs):
        batch_size = tf.shape(inputs)[0]
        num_tokens_per_example = tf.shape(inputs)[1]
        inputs = tf.reshape(inputs, [num_tokens_per_batch, self.embed_dim])
        dispatch_tensor, combine_tensor = self.router(inputs)
        expert_inputs = tf.einsum("ab,acd->cdb", inputs, dispatch_tensor)
        expert_inputs = tf.reshape(expert_inputs, [self.num_experts, self.expert_capacity, self.embed_dim])
        expert_input_list = tf.unstack(expert_inputs, axis=0)
        expert_output_list = [self.experts[idx](expert_input)
                              for idx, expert_input in enumerate(expert_input_list)]
        expert_outputs = tf.stack(expert_output_list, axis=1)
        expert_outputs_combined = tf.einsum("abc,xba->xc", expert_outputs, combine_tensor)
        outputs = tf.reshape(expert_outputs_combined, [batch_size, num_tokens_per_example, self.embed_dim])
        return outputs


class TransformerBlock(layers.Layer):
    def __init__(self, embed_dim, num_heads, ffn, dropout_rate=0.1):
        super().__init__()
        self.att = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
        self.ffn = ffn
        self.layernorm1 = layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = layers.LayerNormalization(epsilon=1e-6)
        self.dropout1 = layers.Dropout(dropout_rate)
        self.dropout2 = layers.Dropout(dropout_rate)

    def call(self, inputs, training):
        attn_output = self.att(inputs, inputs)
        attn_output = self.dropout1(attn_output, training=training)
        out1 = self.layernorm1(inputs + attn_output)
        ffn_output = self.ffn(out1)
        ffn_output = self.dropout2(ffn_output, training=training)
        return self.layernorm2(out1 + ffn_output)


def create_classifier():
    switch = Switch(num_experts, embed_dim, num_tokens_per_batch)
    transformer_block = TransformerBlock(ff_dim, num_heads, switch)
    inputs = layers.Input(shape=(num_tokens_per_example,))
    embedding_layer = TokenAndPositionEmbedding(num_tokens_per_example, vocab_size, embed_dim)
    x = embedding_layer(inputs)
    x = transformer_block(x)
    x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dropout(dropout_rate)(x)
    x = layers.Dense(ff_dim, activation="relu")(x)
    x = layers.Dropout(dropout_rate)(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def run_experiment(classifier):
    classifier.compile(optimizer=keras.optimizers.Adam(learning_rate),
                       loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = classifier.fit(x_train, y_train, batch_size=batch_size, epochs=num_epochs,
                             validation_data=(x_val, y_val))
    return history


classifier = create_classifier()
history = run_experiment(classifier)
