"""SimpleRNN, LSTM, GRU and the RNN(cell) wrapper against tf_keras 2.21 (fixtures from
make_rnn_fixtures.py): outputs and gradients for the same weights (with return_sequences,
return_state, go_backwards, initial_state and masks), weight names, output shapes, configs,
model.summary(), two short fits and Keras's errors."""
import pytest
from rnn_cases import KERAS, check_case

CASES = sorted(name for name, case in KERAS["cases"].items()
               if case["layer"][0] in ("SimpleRNN", "LSTM", "GRU", "RNN"))


@pytest.mark.parametrize("name", CASES)
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name)
