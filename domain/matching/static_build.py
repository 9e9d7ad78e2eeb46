"""Packs a model2vec static model (a directory with `model.safetensors` and
`tokenizer.json`) into `data/minilm-static-384.npz`: the WordPiece vocabulary and an
int8 table with one float32 scale per row.
It also stores the mean and top principal directions of O*NET occupation and task
texts, which the provider removes (see `StaticEmbeddingProvider`).
`python -m domain.matching.static_build MODEL_DIR ONET_DIR OUT_FILE`; how MODEL_DIR is
made: data/README.md."""

import argparse
import csv
import json
import struct
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from domain.matching.embeddings import StaticEmbeddingProvider

# All-but-the-top (Mu & Viswanath, 2018) also removes the top directions; 4 of them
# moved the category bench by MRR +0.02 and P@10 -0.025, so only the mean goes.
COMPONENTS = 0


def read_safetensors(path: Path, key: str) -> NDArray[np.float32]:
    """One float32 or float16 tensor of a safetensors file (header, then raw data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    spec = header[key]
    dtype = {"F32": np.float32, "F16": np.float16}[spec["dtype"]]
    start, end = spec["data_offsets"]
    data = np.frombuffer(raw[8 + size + start : 8 + size + end], dtype=dtype)
    return data.reshape(spec["shape"]).astype(np.float32)


def vocabulary(tokenizer_json: Path) -> list[str]:
    model = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]
    if model["type"] != "WordPiece" or model["continuing_subword_prefix"] != "##":
        raise ValueError("only WordPiece tokenizers with '##' pieces are supported")
    ordered = sorted(model["vocab"].items(), key=lambda item: item[1])
    if [position for _, position in ordered] != list(range(len(ordered))):
        raise ValueError("tokenizer ids are not contiguous")
    return [token for token, _ in ordered]


def quantize(
    table: NDArray[np.float32],
) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """Symmetric int8 per row: row = table_q * scale."""
    scales = np.abs(table).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantized = np.round(table / scales[:, None]).astype(np.int8)
    return quantized, scales.astype(np.float32)


def onet_corpus(onet: Path) -> list[str]:
    """Occupation descriptions and task statements: the reference texts whose mean
    and main directions the shipped model removes."""
    texts: list[str] = []
    for name, column in (
        ("Occupation Data.txt", "Description"),
        ("Task Statements.txt", "Task"),
    ):
        with (onet / name).open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts.extend(row[column] for row in rows)
    return sorted(texts)


def isotropy(
    provider: StaticEmbeddingProvider, corpus: list[str], components: int
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The corpus' mean pooled vector and its top principal directions."""
    pooled = provider.pooled(corpus)
    center = pooled.mean(axis=0)
    _, _, vt = np.linalg.svd(pooled - center, full_matrices=False)
    return center.astype(np.float32), vt[:components].astype(np.float32)


def write_model(
    out_file: Path,
    vocab: list[str],
    table: NDArray[np.float32],
    onet_dir: Path,
    components: int,
) -> None:
    """The shipped file: the table quantised, and the `center` (and `components`
    principal directions) of the O*NET corpus as the quantised table pools it."""
    quantized, scales = quantize(table)
    plain = StaticEmbeddingProvider("build", vocab, quantized, scales)
    center, directions = isotropy(plain, onet_corpus(onet_dir), components)
    np.savez_compressed(
        out_file,
        vocab=np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
        table=quantized,
        scales=scales,
        center=center,
        components=directions,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("onet_dir", type=Path)
    parser.add_argument("out_file", type=Path)
    parser.add_argument("--components", type=int, default=COMPONENTS)
    args = parser.parse_args(argv)
    vocab = vocabulary(args.model_dir / "tokenizer.json")
    table = read_safetensors(args.model_dir / "model.safetensors", "embeddings")
    if table.shape[0] != len(vocab):
        raise ValueError(f"{table.shape[0]} rows for {len(vocab)} tokens")
    write_model(args.out_file, vocab, table, args.onet_dir, args.components)


if __name__ == "__main__":
    main()
