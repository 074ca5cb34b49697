"""A typed lexicon of anatomy, drugs, procedures, conditions and symptoms, derived from WordNet 3.0.

WordNet's noun hierarchy says that *cyclobenzaprine* is a muscle relaxant, a relaxant, a drug; that
the *sciatic nerve* is a nerve, nervous tissue, a body part. Every lemma below one of the roots in
``lexicon/wordnet_roots.json`` becomes one row of ``lexicon/wordnet_lexicon.tsv`` (lemma, mention
type, synset, root), which extraction reads to type the noun phrases no vocabulary entry names.

The TSV ships with the package, so nothing reads WordNet at run time. It is regenerated from the
WordNet database files (Debian's ``wordnet-base`` puts them in ``/usr/share/wordnet``) with::

    python -m spasmkg.ontology.wordnet /usr/share/wordnet
"""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: how many of a lemma's most frequent senses may type it: past the second, a sense is rarely meant
SENSES = 2


@dataclass
class Synset:
    offset: str
    words: list[str]
    hypernyms: list[str]


def read_nouns(wordnet_dir: Path) -> tuple[dict[str, Synset], dict[str, list[str]]]:
    """Noun synsets by offset and each lemma's synset offsets in sense order, from ``data.noun``
    and ``index.noun``."""
    synsets: dict[str, Synset] = {}
    with (wordnet_dir / "data.noun").open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):       # the licence header
                continue
            fields = line.split(" | ")[0].split()
            n_words = int(fields[3], 16)
            words = [fields[4 + 2 * i] for i in range(n_words)]
            i = 4 + 2 * n_words
            n_ptrs = int(fields[i])
            i += 1
            hypernyms = []
            for _ in range(n_ptrs):
                symbol, offset, pos = fields[i:i + 3]
                i += 4
                if symbol in ("@", "@i") and pos == "n":
                    hypernyms.append(offset)
            synsets[fields[0]] = Synset(fields[0], words, hypernyms)
    senses: dict[str, list[str]] = {}
    with (wordnet_dir / "index.noun").open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            fields = line.split()
            n_synsets = int(fields[2])
            senses[fields[0]] = fields[-n_synsets:]
    return synsets, senses


def resolve(name: str, senses: dict[str, list[str]]) -> str:
    """The offset of ``lemma.n.SENSE``."""
    lemma, _pos, sense = name.rsplit(".", 2)
    return senses[lemma][int(sense) - 1]


def build_lexicon(wordnet_dir: Path, roots: list[list[str]]) -> list[tuple[str, str, str, str]]:
    """(lemma, type, synset, root) for every lemma whose first ``SENSES`` senses reach a root."""
    synsets, senses = read_nouns(wordnet_dir)
    root_type = {resolve(name, senses): (typ, name) for name, typ in roots}

    @lru_cache(maxsize=None)
    def nearest_root(offset: str) -> tuple[int, str, str] | None:
        if offset in root_type:
            return (0, *root_type[offset])
        found = [r for h in synsets[offset].hypernyms if (r := nearest_root(h))]
        if not found:
            return None
        depth, typ, name = min(found)
        return depth + 1, typ, name

    rows = []
    for lemma, offsets in senses.items():
        for offset in offsets[:SENSES]:
            hit = nearest_root(offset)
            if hit and hit[1] == "none":
                break
            if hit:
                rows.append((lemma.replace("_", " "), hit[1], f"wn30:{offset}-n", hit[2]))
                break
    # irregular plurals (vertebrae, foramina) type as their singular does
    exceptions = wordnet_dir / "noun.exc"
    if exceptions.exists():
        typed = {r[0]: r for r in rows}
        for line in exceptions.read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].replace("_", " ") in typed:
                inflected = parts[0].replace("_", " ")
                if inflected not in typed:
                    rows.append((inflected, *typed[parts[1].replace("_", " ")][1:]))
    return sorted(rows)


def roots_path() -> Path:
    return Path(str(resources.files("spasmkg.ontology") / "lexicon" / "wordnet_roots.json"))


def lexicon_path() -> Path:
    return Path(str(resources.files("spasmkg.ontology") / "lexicon" / "wordnet_lexicon.tsv"))


def write_lexicon(wordnet_dir: Path, out: Path) -> int:
    from spasmkg.common.atomic import atomic_write_text
    roots = json.loads(roots_path().read_text(encoding="utf-8"))["roots"]
    rows = build_lexicon(wordnet_dir, roots)
    header = ("# Derived from WordNet 3.0 (Princeton University; WordNet 3.0 licence) by "
              "spasmkg.ontology.wordnet from the roots in wordnet_roots.json.\n"
              "# lemma\ttype\tsynset\troot\n")
    atomic_write_text(out, header + "".join("\t".join(r) + "\n" for r in rows))
    return len(rows)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, str]]:
    """Lower-cased lemma -> (mention type, WordNet synset) from the shipped lexicon."""
    out: dict[str, tuple[str, str]] = {}
    with lexicon_path().open(encoding="utf-8", newline="") as fh:
        for row in csv.reader((ln for ln in fh if not ln.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE):
            if len(row) >= 3:
                out.setdefault(row[0].lower(), (row[1], row[2]))
    return out


if __name__ == "__main__":
    n = write_lexicon(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"), lexicon_path())
    print(f"{n} lemmas written to {lexicon_path()}")
