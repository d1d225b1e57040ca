"""Checkers for the exercises of chapter 2, the Functional API."""

from collections.abc import Mapping, Sequence

import keras
import numpy as np

from helpers.exercises.arguments import require_instance, to_numpy
from helpers.exercises.feedback import Feedback

__all__ = ["check_ch2_ex1", "check_ch2_ex2", "check_ch2_ex3", "check_ch2_ex4", "check_ch2_ex5"]


def _wrong_inputs(model: keras.Model, expected: dict[str, tuple], hint: str) -> Feedback | None:
    """Feedback if the named input shapes aren't ``expected``, else None (chapter 2 checkers)."""
    got = {tensor.name: tuple(tensor.shape) for tensor in model.inputs}
    if got == expected:
        return None
    return Feedback.fail(f"The inputs should be {expected}, got {got}. {hint}")


def check_ch2_ex1(model: object) -> Feedback:
    """Check chapter 2, exercise 1: in: title (10 ids), price (3); out: rating (1), genre (5)."""
    model = require_instance(model, keras.Model, "model")
    hint = "Give each keras.Input a name= and a shape= without the batch size."
    wrong = _wrong_inputs(model, {"title": (None, 10), "price": (None, 3)}, hint)
    if wrong is not None:  # a failing Feedback is falsy, so test for None
        return wrong
    names = list(model.output_names)
    if sorted(names) != ["genre", "rating"]:
        return Feedback.fail(
            f"The outputs should be named 'rating' and 'genre', got {names}. An output takes the "
            "name of the layer that produces it: pass name= to the last Dense layers."
        )
    rng = np.random.default_rng(0)
    x = {
        "title": rng.integers(0, 50, size=(8, 10)),
        "price": rng.normal(size=(8, 3)).astype("float32"),
    }
    outputs = model(x)
    if not isinstance(outputs, (Mapping, Sequence)) or len(outputs) != 2:
        return Feedback.fail(
            "The model should return two tensors: pass outputs=[rating, genre] to keras.Model."
        )
    by_name = dict(outputs) if isinstance(outputs, Mapping) else dict(zip(names, outputs))
    rating, genre = to_numpy(by_name["rating"]), to_numpy(by_name["genre"])
    if rating.shape != (8, 1) or genre.shape != (8, 5):
        return Feedback.fail(
            f"For a batch of 8, rating should have shape (8, 1) and genre (8, 5); "
            f"got {rating.shape} and {genre.shape}. Look at the units of the two heads."
        )
    if rating.min() < 0 or rating.max() > 1:
        return Feedback.fail(
            "rating should be a probability in [0, 1]: give its Dense layer activation='sigmoid'."
        )
    if genre.min() < 0 or not np.allclose(genre.sum(axis=-1), 1.0, atol=1e-5):
        return Feedback.fail(
            "Each row of genre should sum to 1: give its Dense layer activation='softmax'."
        )
    return Feedback.ok(
        "Two named inputs feed two named heads: a sigmoid rating and a 5-way softmax genre."
    )


def check_ch2_ex2(extractor: object, model: object, x: object) -> Feedback:
    """Check chapter 2, exercise 2: a model returning `model`'s trained `numeric_dense` output."""
    extractor = require_instance(extractor, keras.Model, "extractor")
    model = require_instance(model, keras.Model, "model")
    try:
        layer = model.get_layer("numeric_dense")
    except ValueError:
        raise ValueError(
            "model must have a layer named 'numeric_dense' (the chapter's two_heads model)"
        ) from None
    if len(extractor.inputs) != len(model.inputs):
        return Feedback.fail(
            f"The extractor should take the same {len(model.inputs)} inputs as the model, "
            f"got {len(extractor.inputs)}. Pass model.inputs as its inputs."
        )
    outputs = extractor(x)
    if isinstance(outputs, (Mapping, Sequence)):
        return Feedback.fail(
            f"The extractor returns a list or dict of {len(outputs)} tensors; it should return one "
            "tensor. Pass the layer's output itself, not a list, as outputs=."
        )
    got = to_numpy(outputs)
    expected = to_numpy(keras.Model(model.inputs, layer.output)(x))
    if got.shape != expected.shape:
        return Feedback.fail(
            f"The output should have shape {expected.shape} like numeric_dense's, got {got.shape}. "
            "Did you pick another layer? Use model.get_layer('numeric_dense').output."
        )
    if not np.allclose(got, expected, rtol=1e-5, atol=1e-6):
        return Feedback.fail(
            "The shapes match but the values differ from the trained layer's: build the extractor "
            "from model.inputs and the existing layer's output instead of new layers."
        )
    return Feedback.ok(
        "The extractor reuses the trained layers and returns numeric_dense's output."
    )


def check_ch2_ex3(model: object) -> Feedback:
    """Check chapter 2, exercise 3: one Dense(4) shared by left and right, outputs concatenated."""
    model = require_instance(model, keras.Model, "model")
    hint = "Name them with keras.Input(name=...)."
    wrong = _wrong_inputs(model, {"left": (None, 8), "right": (None, 8)}, hint)
    if wrong is not None:
        return wrong
    if len(model.outputs) != 1 or tuple(model.outputs[0].shape) != (None, 8):
        shapes = [tuple(t.shape) for t in model.outputs]
        return Feedback.fail(f"The model should have one output of shape (None, 8), got {shapes}.")
    dense_layers = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    if len(dense_layers) != 1:
        return Feedback.fail(
            f"The model holds {len(dense_layers)} Dense layers; it should hold one. "
            "Create the Dense(4) once and call that same object on both inputs."
        )
    if model.count_params() != 36:
        return Feedback.fail(
            f"One Dense(4) on 8 features has 36 parameters; the model has {model.count_params()}."
        )
    order = [tensor.name for tensor in model.inputs]
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(4, 8)).astype("float32"), rng.normal(size=(4, 8)).astype("float32")
    forward = to_numpy(model({order[0]: a, order[1]: b}))
    swapped = to_numpy(model({order[0]: b, order[1]: a}))
    if not np.allclose(forward[:, :4], swapped[:, 4:], atol=1e-6):
        return Feedback.fail(
            "Swapping the two inputs should swap the two halves of the output. Concatenate the "
            "two encodings (axis=-1) and return the result with no layer after it."
        )
    return Feedback.ok("One Dense layer, one set of 36 weights, applied to both inputs.")


def check_ch2_ex4(model: object, encoder: object, encoder_before: object) -> Feedback:
    """Check chapter 2, exercise 4: `encoder` frozen, `model` recompiled, fit, encoder unchanged."""
    model = require_instance(model, keras.Model, "model")
    encoder = require_instance(encoder, keras.layers.Layer, "encoder")
    if not isinstance(encoder_before, Sequence) or isinstance(encoder_before, str):
        raise ValueError(
            "encoder_before must be a list of arrays (encoder.get_weights()), got "
            f"{type(encoder_before).__name__}"
        )
    if not any(layer is encoder for layer in model._flatten_layers(include_self=False)):
        raise ValueError(
            f"encoder must be a layer of model, got {encoder.name!r}, which model does not hold"
        )
    before, after = [np.asarray(w) for w in encoder_before], encoder.get_weights()
    if [w.shape for w in before] != [w.shape for w in after]:
        raise ValueError(
            "encoder_before must hold the encoder's weights, got shapes "
            f"{[w.shape for w in before]} for weights of shapes {[w.shape for w in after]}"
        )
    if encoder.trainable:
        return Feedback.fail(
            "The encoder is still trainable: set encoder.trainable = False before you recompile "
            "and fit."
        )
    if any(np.any(b != a) for b, a in zip(before, after)):
        return Feedback.fail(
            "The encoder's weights changed during fit although it is frozen: fit kept the train "
            "step it had built before you froze it. Call compile() again after changing trainable, "
            "then fit."
        )
    compiled_state = getattr(model, "_compiled_trainable_state", {})
    if not model.compiled or compiled_state.get(encoder, False):
        return Feedback.fail(
            "The model was compiled while the encoder was trainable: call compile() again after "
            "setting encoder.trainable = False, so that fit trains the head alone."
        )
    if int(model.optimizer.iterations.numpy()) == 0:
        return Feedback.fail(
            "The model was recompiled but not trained since: call fit after compile."
        )
    head = len(model.trainable_weights)
    return Feedback.ok(
        f"The encoder is frozen and kept its weights; fit trained the {head} weight tensors of the "
        "head alone."
    )


def check_ch2_ex5(model: object) -> Feedback:
    """Check chapter 2, exercise 5: a residual block 8 -> 8, output = input + branch(input)."""
    model = require_instance(model, keras.Model, "model")
    if len(model.inputs) != 1 or tuple(model.inputs[0].shape) != (None, 8):
        return Feedback.fail(
            "The block should take one input of shape (None, 8), got "
            f"{[tuple(t.shape) for t in model.inputs]}."
        )
    if len(model.outputs) != 1 or tuple(model.outputs[0].shape) != (None, 8):
        shapes = [tuple(t.shape) for t in model.outputs]
        return Feedback.fail(
            f"The block should return one output of shape (None, 8), got {shapes}: a shortcut adds "
            "the input to the branch, so the branch must end with 8 units."
        )
    if not model.weights:
        return Feedback.fail("The block has no weights: the branch needs at least one Dense layer.")
    x = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")
    zeroed = keras.models.clone_model(model)
    zeroed.set_weights([np.zeros(w.shape, dtype=w.dtype) for w in model.get_weights()])
    with_zero_branch = to_numpy(zeroed(x))
    if not np.allclose(with_zero_branch, x, atol=1e-6):
        return Feedback.fail(
            "With every weight set to zero the branch computes 0, so a residual block should "
            "return its input; yours returns values up to "
            f"{np.abs(with_zero_branch - x).max():.3g} away from it. The shortcut is missing: add "
            "the block's input itself to the branch's output with layers.Add()([inputs, branch])."
        )
    if np.allclose(to_numpy(model(x)), x, atol=1e-6):
        return Feedback.fail(
            "The block returns its input unchanged: the branch must compute something and be added "
            "to it."
        )
    adds = sum(isinstance(layer, keras.layers.Add) for layer in model.layers)
    return Feedback.ok(
        "The output is input + branch(input): the shortcut carries the input past the branch "
        f"({adds} Add layer)."
    )


# {number: (checker, what the blanks stand for, hints)}, read by helpers.exercises.chapter(2).
EXERCISES = {
    1: (
        check_ch2_ex1,
        "a layer: an Embedding for the title, then the two named output layers",
        [
            "layers.Embedding(input_dim=50, output_dim=8) turns each of the 50 word ids into 8 "
            "numbers; Flatten then makes one row per book.",
            "The heads are Dense layers named after the outputs: layers.Dense(1, "
            'activation="sigmoid", name="rating") and a 5-unit softmax named "genre".',
        ],
    ),
    2: (
        check_ch2_ex2,
        "the output of the trained layer named numeric_dense",
        [
            "keras.Model(inputs, outputs) accepts any tensor of the graph as an output, "
            "including an inner layer's.",
            'two_heads.get_layer("numeric_dense").output is that layer\'s output tensor; the new '
            "model shares the trained layers, so it computes with the trained weights.",
        ],
    ),
    3: (
        check_ch2_ex3,
        "one Dense(4) layer, then that same layer called on each input",
        [
            "Create the layer once and keep it in a variable: shared_dense = layers.Dense(4).",
            "Call that one object twice, shared_dense(left) and shared_dense(right), and "
            "concatenate the two results; two Dense(4) layers would hold two sets of weights.",
        ],
    ),
    4: (
        check_ch2_ex4,
        "the freezing of the encoder, and what makes fit honour it",
        [
            "trainable = False on a layer or a model moves its weights to non_trainable_weights.",
            "fit keeps the training step it built until you compile again: call "
            'fine_tune.compile(optimizer="adam", loss="sparse_categorical_crossentropy") after '
            "freezing.",
        ],
    ),
    5: (
        check_ch2_ex5,
        "the branch's last layer, and the layer that adds the shortcut",
        [
            "The branch must end with the input's width, 8, so that it can be added to the input: "
            "layers.Dense(8).",
            "The first ____ is layers.Dense(8); the second is layers.Add(), which takes a list of "
            "tensors of one shape.",
        ],
    ),
}
