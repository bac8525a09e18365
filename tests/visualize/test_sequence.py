"""visualize.sequence: Mermaid sequence diagram text."""
from visualize import sequence


def test_participants_and_messages_of_the_seed_fit(seed_path):
    text = sequence.sequence_diagram(seed_path, depth=9)
    lines = text.splitlines()
    assert lines[:3] == ["sequenceDiagram", "    autonumber", "    participant script as script"]
    participants = [line.split(" as ")[1] for line in lines
                    if line.strip().startswith("participant")]
    for who in ("Model", "DataHandler", "adapter", "CallbackList", "Layer", "LossesContainer",
                "MetricsContainer", "Optimizer"):
        assert who in participants
    assert "    script->>Model: Model.fit" in lines
    assert "    Strategy->>DataHandler: data_adapter.get_data_handler" in lines
    assert "    DataHandler->>adapter: TensorLikeDataAdapter.__init__" in lines
    assert "    Note right of DataHandler: chosen: TensorLikeDataAdapter" in lines
    assert "    Note right of CallbackList: added: History, ProgbarLogger" in lines
    assert '            Note right of MetricsContainer: "accuracy" → sparse_categorical_accuracy' \
        in lines


def test_epochs_and_steps_are_loops(seed_path):
    lines = sequence.sequence_diagram(seed_path, depth=9).splitlines()
    loops = [line.strip() for line in lines if line.strip().startswith("loop")]
    assert loops == ["loop × 5 epochs", "loop × 150 train steps, 143 folded",
                     "loop × 10 test steps, 7 folded"]
    assert sum(1 for line in lines if line.strip() == "end") == len(loops)


def test_participant_mapping():
    assert sequence.participant("keras.engine.data_adapter.select_data_adapter") == "DataHandler"
    assert sequence.participant("keras.engine.data_adapter.TensorLikeDataAdapter.__init__") == \
        "adapter"
    assert sequence.participant("keras.optimizers.rmsprop.RMSprop.build") == "Optimizer"
    assert sequence.participant("keras.layers.core.dense.Dense.build") == "Layer"
    assert sequence.participant("keras.engine.functional._build_map") == "Functional graph"
    assert sequence.participant("keras.callbacks.History.__init__") == "Callback"


def test_mermaid_special_characters_are_escaped():
    assert sequence.clean("a; b #1") == "a#59; b #35;1"


def test_errors_become_notes(error_path):
    text = sequence.sequence_diagram(error_path)
    assert ("Note right of MetricsContainer: raised ValueError: Shapes (128, 1) and (128, 10)"
            in text)


def test_utils_functions_have_their_participant():
    assert sequence.participant("keras.utils.tf_utils.can_jit_compile") == "utils"
    assert sequence.participant("some.unknown.function") == "other"
