import gzip
import struct

import numpy as np
import pytest

from helpers.mnist import MNIST_FILES, load_mnist, parse_idx, read_idx, write_idx


def _idx_bytes(type_code: int, shape: tuple[int, ...], payload: bytes) -> bytes:
    """IDX bytes built by hand with struct, independent of write_idx."""
    return (
        struct.pack(">BBBB", 0, 0, type_code, len(shape))
        + struct.pack(f">{len(shape)}I", *shape)
        + payload
    )


def _write_mnist(directory, n_train=5, n_test=3, gz=True, labels_for_test=None):
    rng = np.random.default_rng(0)
    suffix = ".gz" if gz else ""
    arrays = {}
    for split, n in (("train", n_train), ("test", n_test)):
        images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
        images[0, 0, 0], images[0, 0, 1] = 0, 255
        labels = rng.integers(0, 10, size=n, dtype=np.uint8)
        if split == "test" and labels_for_test is not None:
            labels = labels_for_test
        images_name, labels_name = MNIST_FILES[split]
        write_idx(directory / (images_name + suffix), images)
        write_idx(directory / (labels_name + suffix), labels)
        arrays[split] = (images, labels)
    return arrays


def test_reads_hand_built_ubyte_file(tmp_path):
    values = np.arange(24, dtype=np.uint8)
    path = tmp_path / "images-idx3-ubyte"
    path.write_bytes(_idx_bytes(0x08, (2, 3, 4), values.tobytes()))
    np.testing.assert_array_equal(read_idx(path), values.reshape(2, 3, 4))


def test_reads_big_endian_int32_and_float32(tmp_path):
    ints = [1, -2, 70000]
    (tmp_path / "i.idx").write_bytes(_idx_bytes(0x0C, (3,), struct.pack(">3i", *ints)))
    (tmp_path / "f.idx").write_bytes(_idx_bytes(0x0D, (1, 2), struct.pack(">2f", 0.5, -1.25)))
    np.testing.assert_array_equal(read_idx(tmp_path / "i.idx"), ints)
    assert read_idx(tmp_path / "i.idx").dtype == np.int32
    np.testing.assert_array_equal(read_idx(tmp_path / "f.idx"), [[0.5, -1.25]])


def test_gzip_and_raw_round_trip(tmp_path):
    array = np.arange(12, dtype=np.uint8).reshape(3, 4)
    for name in ("a-idx2-ubyte", "a-idx2-ubyte.gz"):
        write_idx(tmp_path / name, array)
        result = read_idx(tmp_path / name)
        np.testing.assert_array_equal(result, array)
        assert result.dtype == np.uint8
    assert (
        gzip.decompress((tmp_path / "a-idx2-ubyte.gz").read_bytes())
        == (tmp_path / "a-idx2-ubyte").read_bytes()
    )


@pytest.mark.parametrize(
    "magic",
    [b"\x08\x03\x00\x00", b"\x00\x01\x08\x03", b"\x00\x00\x07\x01", b"\x00\x00\x08\x00", b"PK"],
)
def test_wrong_magic_is_rejected(magic):
    with pytest.raises(ValueError, match="expected an IDX magic number"):
        parse_idx(magic + b"\x00" * 8)


def test_truncated_header_data_and_trailing_bytes_are_rejected():
    good = _idx_bytes(0x08, (2, 3), bytes(6))
    with pytest.raises(ValueError, match="truncated header"):
        parse_idx(good[:7])
    with pytest.raises(
        ValueError, match=r"truncated data: a uint8 array of shape \(2, 3\) needs 18 bytes, got 17"
    ):
        parse_idx(good[:-1])
    with pytest.raises(ValueError, match="trailing bytes"):
        parse_idx(good + b"\x00")


def test_missing_file_and_bad_gzip_are_rejected(tmp_path):
    with pytest.raises(ValueError, match="found no such file"):
        read_idx(tmp_path / "nothing.gz")
    (tmp_path / "fake.gz").write_bytes(_idx_bytes(0x08, (1,), b"\x01"))
    with pytest.raises(ValueError, match="expected gzip-compressed IDX data"):
        read_idx(tmp_path / "fake.gz")
    (tmp_path / "cut.gz").write_bytes(gzip.compress(_idx_bytes(0x08, (4,), bytes(4)))[:-6])
    with pytest.raises(ValueError, match="could not decompress"):
        read_idx(tmp_path / "cut.gz")


def test_parse_rejects_non_bytes():
    with pytest.raises(ValueError, match="data must be bytes, got str"):
        parse_idx("0000")


@pytest.mark.parametrize(
    "array", [np.zeros(3, dtype=np.int64), np.zeros(2, dtype=bool), np.float32(1.0)]
)
def test_write_rejects_unsupported_arrays(tmp_path, array):
    with pytest.raises(ValueError, match="array must have 1-255 dimensions and a dtype among"):
        write_idx(tmp_path / "x", array)


@pytest.mark.parametrize("gz", [True, False])
def test_load_mnist_scales_and_flattens(tmp_path, gz):
    arrays = _write_mnist(tmp_path, gz=gz)
    (x_train, y_train), (x_test, y_test) = load_mnist(tmp_path)
    assert x_train.shape == (5, 784) and x_test.shape == (3, 784)
    assert x_train.dtype == np.float32 and y_train.dtype == np.int64
    assert x_train.min() == 0.0 and x_train.max() == 1.0
    np.testing.assert_allclose(x_test * 255, arrays["test"][0].reshape(3, -1), atol=1e-4)
    np.testing.assert_array_equal(y_train, arrays["train"][1])
    np.testing.assert_array_equal(y_test, arrays["test"][1])


def test_load_mnist_rejects_missing_files_and_mismatches(tmp_path):
    with pytest.raises(ValueError, match="expected a directory"):
        load_mnist(tmp_path / "absent")
    _write_mnist(tmp_path, labels_for_test=np.zeros(4, dtype=np.uint8))
    with pytest.raises(
        ValueError, match="holds 3 images but t10k-labels-idx1-ubyte holds 4 labels"
    ):
        load_mnist(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(
        ValueError, match="expected t10k-labels-idx1-ubyte.gz or t10k-labels-idx1-ubyte"
    ):
        load_mnist(tmp_path)


def test_load_mnist_rejects_wrong_ranks(tmp_path):
    _write_mnist(tmp_path)
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", np.zeros((5, 784), dtype=np.uint8))
    with pytest.raises(ValueError, match="expected uint8 images of rank 3"):
        load_mnist(tmp_path)
    _write_mnist(tmp_path)
    write_idx(tmp_path / "train-labels-idx1-ubyte.gz", np.zeros((5, 1), dtype=np.uint8))
    with pytest.raises(ValueError, match="expected uint8 labels of rank 1"):
        load_mnist(tmp_path)
