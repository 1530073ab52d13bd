"""Score pysbd on the dossier-analyze sentence gold set, with the same metrics as
crates/analyze/tests/sentences_gold.rs (exact case accuracy, boundary P/R).

/tmp/peers/bin/python crates/analyze/scripts/pysbd_gold.py tests/data/analyze/sentences/gold.txt
"""
import sys

import pysbd


def load(path):
    cases = []
    for block in open(path, encoding="utf-8").read().split("\n\n"):
        lines = [l for l in block.split("\n") if l and not l.startswith("#")]
        if not lines:
            continue
        assert lines[0].startswith("> "), lines[0]
        cases.append((lines[0][2:].replace("⏎", "\n"), [l.replace("⏎", "\n") for l in lines[1:]]))
    return cases


def boundaries(text, sents):
    pos, out = 0, []
    for s in sents:
        p = text.find(s, pos)
        if p >= 0:
            pos = p + len(s)
            out.append(pos)
    return out[:-1]


def main():
    path = sys.argv[1]
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    cases = load(path)
    exact = tp = fp = fn = 0
    for text, want in cases:
        got = [s.strip() for s in seg.segment(text) if s.strip()]
        exact += got == want
        g, w = boundaries(text, got), boundaries(text, want)
        tp += sum(b in w for b in g)
        fp += sum(b not in w for b in g)
        fn += sum(b not in g for b in w)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    print(f"pysbd {pysbd.__version__ if hasattr(pysbd, '__version__') else ''}: {len(cases)} cases, exact {exact} "
          f"({100 * exact / len(cases):.1f}%), boundary precision {p:.3f} recall {r:.3f}")


if __name__ == "__main__":
    main()
