"""MNIST from IDX files (raw or gzip'd) with NumPy alone: the offline half of `read_data_sets`."""

import gzip
import os
import zlib
from pathlib import Path

import numpy as np

Arrays = tuple[np.ndarray, np.ndarray]
PathLike = str | os.PathLike

# IDX type codes (the third byte of the magic number) and the big-endian dtypes they name.
_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype("u1"),
    0x09: np.dtype("i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_CODES: dict[str, int] = {dtype.newbyteorder("=").str[1:]: code for code, dtype in _DTYPES.items()}

#: The four files MNIST is published as (each may also carry a ``.gz`` suffix).
MNIST_FILES: dict[str, tuple[str, str]] = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


def parse_idx(data: bytes, name: str = "IDX data") -> np.ndarray:
    """Decode the bytes of one IDX file: magic number, dimensions, big-endian values (chapter 8)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ValueError(f"data must be bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) < 4 or data[:2] != b"\x00\x00" or data[2] not in _DTYPES or data[3] == 0:
        raise ValueError(
            f"{name}: expected an IDX magic number 0x0000TTNN (type TT in "
            f"{sorted(hex(c) for c in _DTYPES)}, NN >= 1 dimensions), got "
            f"0x{data[:4].hex() or 'empty'}"
        )
    dtype, ndim = _DTYPES[data[2]], data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(
            f"{name}: truncated header: expected {header} bytes for {ndim} dimensions, got "
            f"{len(data)}"
        )
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(data) != expected:
        problem = "truncated data" if len(data) < expected else "trailing bytes"
        raise ValueError(
            f"{name}: {problem}: a {dtype.name} array of shape {shape} needs {expected} bytes, got "
            f"{len(data)}"
        )
    return np.frombuffer(data, dtype, offset=header).reshape(shape).astype(dtype.newbyteorder("="))


def read_idx(path: PathLike) -> np.ndarray:
    """Read one IDX file, gzip'd if its name ends in .gz, into a native-endian array (chapter 8)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"expected an IDX file at {path}, found no such file")
    try:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError, zlib.error) as error:
        raise ValueError(
            f"{path.name}: expected gzip-compressed IDX data, could not decompress it ({error})"
        ) from None
    return parse_idx(data, path.name)


def write_idx(path: PathLike, array: np.ndarray) -> None:
    """Write an array as an IDX file, gzip'd if the name ends in .gz (chapter 8 and its tests)."""
    array = np.asarray(array)
    code = _CODES.get(array.dtype.str[1:]) if array.dtype.kind in "iuf" else None
    if code is None or array.ndim == 0 or array.ndim > 255:
        raise ValueError(
            "array must have 1-255 dimensions and a dtype among "
            f"{sorted(_CODES)}, got {array.dtype} with {array.ndim} dimensions"
        )
    header = bytes([0, 0, code, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    data = header + array.astype(_DTYPES[code]).tobytes()
    path = Path(path)
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)


def _find(directory: Path, stem: str) -> Path:
    for name in (stem + ".gz", stem):
        if (directory / name).is_file():
            return directory / name
    raise ValueError(f"expected {stem}.gz or {stem} in {directory}, found neither")


def load_mnist(directory: PathLike) -> tuple[Arrays, Arrays]:
    """MNIST as ((x, y) train, (x, y) test): x flat float32 in [0, 1], y int64 (chapter 8)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"expected a directory holding the MNIST IDX files, got {directory}")
    splits = []
    for images_name, labels_name in MNIST_FILES.values():
        images, labels = (
            read_idx(_find(directory, images_name)),
            read_idx(_find(directory, labels_name)),
        )
        if images.ndim != 3 or images.dtype != np.uint8:
            raise ValueError(
                f"{images_name}: expected uint8 images of rank 3, got {images.dtype} of shape "
                f"{images.shape}"
            )
        if labels.ndim != 1 or labels.dtype != np.uint8:
            raise ValueError(
                f"{labels_name}: expected uint8 labels of rank 1, got {labels.dtype} of shape "
                f"{labels.shape}"
            )
        if len(images) != len(labels):
            raise ValueError(
                f"{images_name} holds {len(images)} images but {labels_name} holds {len(labels)} "
                "labels"
            )
        # As read_data_sets did: flatten, then multiply by 1/255 in float32.
        pixels = np.multiply(
            images.reshape(len(images), -1).astype(np.float32), np.float32(1.0 / 255.0)
        )
        splits.append((pixels, labels.astype(np.int64)))
    return splits[0], splits[1]


__all__ = ["MNIST_FILES", "load_mnist", "parse_idx", "read_idx", "write_idx"]
