#!/usr/bin/env python3
"""Train the HTML line model and write src/html/model.rs.

Reproducible from ../shared/data (needs numpy and a Rust toolchain):
  1. `cargo bench --bench extract_jsonl` (built, not run) dumps, for every page of the dev HTML sets, each
     page-text line with its feature vector: the cleaner's text features then the DOM features (the Rust
     code is the only feature implementation);
  2. each line is labelled from the gold article as in scripts/train_boilerplate.py: article if at least
     half of its 4-gram token shingles occur in the gold text (lines under 4 tokens: all their tokens do);
  3. gradient-boosted trees (depth 4, Newton leaves with L2, histogram splits on at most 64 quantile
     thresholds per feature: plain numpy, deterministic) are fitted with lines weighted by sqrt(1 + words);
  4. the trees are written as Rust constants (src/html/gbdt.rs documents the layout).

Validation is grouped by site: `--cv K` splits the *sites* of each set into K folds, trains on the
pages of the other folds (both sets), runs the real extractor with those weights on the held-out pages
(`extract_jsonl --weights`) and scores them with the shared harness's AEB metric. That cross-site figure
is the one to quote beside the dev figure (model trained on everything, scored on the same pages).

  python scripts/train_extractor.py                 # train on aeb+l3s, write the model
  python scripts/train_extractor.py --cv 5 --no-write   # cross-site estimate only
  python scripts/train_extractor.py --check         # the committed model.rs is what this script writes
"""

import argparse
import html
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("NEWSPREP_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
DATA = os.path.join(SHARED, "data", "boilerplate")
MODEL_RS = os.path.join(ROOT, "src", "html", "model.rs")
TOK = re.compile(r"\w+")
L2 = 1.0
N_ALL = 0  # set from the feature names in main()


def label(text, gold_sh, gold_tok):
    toks = TOK.findall(text)
    if not toks:
        return 0
    if len(toks) < 4:
        return int(all(t in gold_tok for t in toks))
    sh = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
    return int(sum(s in gold_sh for s in sh) >= 0.5 * len(sh))


def tool():
    subprocess.run(
        ["cargo", "bench", "--no-run", "-q", "--bench", "extract_jsonl"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        ["cargo", "bench", "--no-run", "--bench", "extract_jsonl", "--message-format", "json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        j = json.loads(line)
        if (
            j.get("reason") == "compiler-artifact"
            and j.get("target", {}).get("name") == "extract_jsonl"
            and j.get("executable")
        ):
            return j["executable"]
    sys.exit("could not find the extract_jsonl benchmark binary")


def run_tool(exe, pages, mode, model=None):
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.jsonl"), os.path.join(d, "out.jsonl")
        with open(src, "w", encoding="utf8") as f:
            for p in pages:
                f.write(json.dumps({"id": p["id"], "html": p["html"], "url": p.get("url", "")}) + "\n")
        cmd = [exe, src, dst, "--mode", mode]
        if model is not None:
            wf = os.path.join(d, "model.json")
            with open(wf, "w") as f:
                json.dump(model, f)
            cmd += ["--model", wf]
        subprocess.run(cmd, check=True, capture_output=True)
        return {j["id"]: j for j in map(json.loads, open(dst, encoding="utf8"))}


def load_pages(name):
    return [json.loads(line) for line in open(os.path.join(DATA, f"{name}.dev.html.jsonl"), encoding="utf8")]


DEFAULT_SYNTH_WEIGHT = 0.25
SYNTH_WEIGHT = DEFAULT_SYNTH_WEIGHT
SYNTH_CHROME = (
    '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
    '<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>',
    '<footer><p>Example Media. All rights reserved.</p><ul><li><a href="/privacy">Privacy</a></li>'
    '<li><a href="/terms">Terms</a></li></ul></footer>',
)


def synthetic_pages(pages):
    """Two simple pages per dev page, made from its gold paragraphs: the article alone in <p> elements,
    and the same between a small header menu and footer. Scraped article bodies and small test pages look
    like this; without them the model, which has only seen whole pages, keeps nothing of a page that is
    all article. Their lines weigh SYNTH_WEIGHT of a real page's."""
    out = []
    for p in pages:
        paras = [html.escape(x.strip()) for x in p["gold_text"].split("\n") if x.strip()]
        if not paras:
            continue
        body = "".join(f"<p>{x}</p>" for x in paras)
        for k, page in enumerate(
            [
                f"<html><body>{body}</body></html>",
                f"<html><body>{SYNTH_CHROME[0]}<article>{body}</article>{SYNTH_CHROME[1]}</body></html>",
            ]
        ):
            out.append(
                {
                    "id": f"{p['id']}#synth{k}",
                    "site": p["site"],
                    "html": page,
                    "gold_text": p["gold_text"],
                    "synthetic": True,
                }
            )
    return out


def page_rows(exe, pages):
    """Per page: (X, y, w) arrays of its lines."""
    feats = run_tool(exe, pages, "features")
    rows = {}
    for p in pages:
        toks = TOK.findall(p["gold_text"])
        gold = ({tuple(toks[i : i + 4]) for i in range(max(1, len(toks) - 3))}, set(toks))
        lines = feats[p["id"]]["lines"]
        X = np.array([ln["x"] for ln in lines], dtype=np.float64).reshape(len(lines), N_ALL)
        y = np.array([label(ln["text"], *gold) for ln in lines], dtype=np.float64)
        w = np.array([math.sqrt(1 + len(ln["text"].split())) for ln in lines], dtype=np.float64)
        if len(w):
            # blend between line weights and equal page weights (the metric averages over pages)
            w = w * (len(w) / w.sum()) ** PAGE_WEIGHT
        if p.get("synthetic"):
            w = w * SYNTH_WEIGHT
        rows[p["id"]] = (X, y, w)
    return rows


DEPTH = 4
NODES = 2**DEPTH - 1
LEAVES = 2**DEPTH
DEFAULT_ROUNDS = 0
ROUNDS = DEFAULT_ROUNDS
RATE = 0.1
LAMBDA = 1.0
MIN_HESS = 5.0
MAX_BINS = 64
DEFAULT_PAGE_WEIGHT = 0.0
PAGE_WEIGHT = DEFAULT_PAGE_WEIGHT


def thresholds_of(X, w):
    """Per feature: the candidate split thresholds (weighted quantiles of its values, midpoints)."""
    out = []
    for k in range(X.shape[1]):
        v = np.unique(X[:, k])
        if len(v) <= MAX_BINS:
            t = (v[:-1] + v[1:]) / 2
        else:
            q = np.quantile(X[:, k], np.linspace(0, 1, MAX_BINS + 1)[1:-1], method="nearest")
            t = np.unique(q)
        out.append(t.astype(np.float32).astype(np.float64))
    return out


def fit_linear(X, y, w, l2=L2, iters=25):
    """Weighted L2 logistic regression by Newton's method on standardized features (raw-space weights)."""
    mu = np.average(X, axis=0, weights=w)
    sd = np.sqrt(np.average((X - mu) ** 2, axis=0, weights=w))
    sd[sd < 1e-6] = 1.0
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    d = Z.shape[1]
    beta = np.zeros(d)
    reg = np.full(d, l2)
    reg[-1] = 0.0
    wn = w / w.sum() * len(w)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(Z @ beta, -30, 30)))
        grad = Z.T @ (wn * (p - y)) + reg * beta
        H = (Z * (wn * p * (1 - p))[:, None]).T @ Z + np.diag(reg)
        step = np.linalg.solve(H, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = beta[:-1] / sd
    bias = beta[-1] - float(np.sum(beta[:-1] * mu / sd))
    return raw.astype(np.float32).astype(np.float64), float(np.float32(bias))


def fit(X, y, w, rounds=None):
    """A logistic model, then gradient-boosted trees on its margin (see the module docstring)."""
    rounds = ROUNDS if rounds is None else rounds
    lin, bias = fit_linear(X, y, w)
    thr = thresholds_of(X, w)
    n, d = X.shape
    # bin b of feature k: x <= thr[k][b] holds exactly for bins <= b
    bins = np.stack([np.searchsorted(thr[k], X[:, k], side="left") for k in range(d)], axis=1)
    nb = [len(t) + 1 for t in thr]
    wn = w / w.mean()
    base = bias
    margin = X @ lin + base
    features, thresholds, leaves = [], [], []
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-margin))
        g = wn * (p - y)
        h = wn * p * (1 - p)
        node = np.zeros(n, dtype=np.int64)
        t_feat = np.zeros(NODES, dtype=np.int64)
        t_thr = np.full(NODES, np.inf)
        for depth in range(DEPTH):
            first = 2**depth - 1
            width = 2**depth
            local = node - first
            best_gain = np.zeros(width)
            best = [(0, np.inf)] * width
            G = np.bincount(local, weights=g, minlength=width)
            H = np.bincount(local, weights=h, minlength=width)
            parent = G**2 / (H + LAMBDA)
            for k in range(d):
                m = nb[k]
                if m < 2:
                    continue
                idx = local * m + bins[:, k]
                hg = np.bincount(idx, weights=g, minlength=width * m).reshape(width, m)
                hh = np.bincount(idx, weights=h, minlength=width * m).reshape(width, m)
                GL = np.cumsum(hg, axis=1)[:, :-1]
                HL = np.cumsum(hh, axis=1)[:, :-1]
                GR = G[:, None] - GL
                HR = H[:, None] - HL
                gain = GL**2 / (HL + LAMBDA) + GR**2 / (HR + LAMBDA) - parent[:, None]
                gain[(HL < MIN_HESS) | (HR < MIN_HESS)] = 0.0
                b = np.argmax(gain, axis=1)
                gb = gain[np.arange(width), b]
                for j in np.nonzero(gb > best_gain + 1e-12)[0]:
                    best_gain[j] = gb[j]
                    best[j] = (k, thr[k][b[j]])
            for j in range(width):
                t_feat[first + j], t_thr[first + j] = best[j]
            f = t_feat[node]
            right = X[np.arange(n), f] > t_thr[node]
            node = 2 * node + 1 + right
        local = node - NODES
        G = np.bincount(local, weights=g, minlength=LEAVES)
        H = np.bincount(local, weights=h, minlength=LEAVES)
        leaf = -RATE * G / (H + LAMBDA)
        margin += leaf[local]
        features.append(t_feat)
        thresholds.append(t_thr)
        leaves.append(leaf)
    return {
        "base": base,
        "linear": [float(v) for v in lin],
        "features": [int(f) for t in features for f in t],
        "thresholds": [None if math.isinf(t) else float(np.float32(t)) for tree in thresholds for t in tree],
        "leaves": [float(np.float32(v)) for tree in leaves for v in tree],
    }


def stack(rows, ids):
    X = np.vstack([rows[i][0] for i in ids if len(rows[i][0])])
    y = np.concatenate([rows[i][1] for i in ids])
    w = np.concatenate([rows[i][2] for i in ids])
    return X, y, w


def aeb_f1(pages, outputs):
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    from eval_boilerplate import aeb_prf, shingle_counts  # the harness's own metric

    counts = [shingle_counts(p["gold_text"], outputs[p["id"]]["text"]) for p in pages]
    return aeb_prf(counts)


def names():
    text = open(os.path.join(ROOT, "src", "boilerplate", "features.rs"), encoding="utf8").read()
    dom = open(os.path.join(ROOT, "src", "html", "features.rs"), encoding="utf8").read()
    t = re.findall(r'"(\w+)"', text.split("pub const FEATURE_NAMES")[1].split("];")[0])
    d = re.findall(r'"(\w+)"', dom.split("pub const DOM_FEATURE_NAMES")[1].split("];")[0])
    return t + d


def rust_f32(v):
    return "f32::INFINITY" if v is None else repr(float(v))


def render(model, feature_names):
    trees = len(model["leaves"]) // LEAVES
    feats = ", ".join(str(f) for f in model["features"])
    thrs = ", ".join(rust_f32(t) for t in model["thresholds"])
    leaves = ", ".join(rust_f32(v) for v in model["leaves"])
    linear = ", ".join(rust_f32(v) for v in model["linear"])
    names_doc = ", ".join(feature_names)
    return f"""//! HTML line model. GENERATED by `scripts/train_extractor.py`; do not edit by
//! hand. {trees} boosted trees of depth {DEPTH} (layout: [`super::gbdt`]) over the
//! text features ([`crate::boilerplate::FEATURE_NAMES`]) followed by the DOM
//! features ([`super::features::DOM_FEATURE_NAMES`]): {names_doc}.

/// Number of trees.
pub(crate) const TREES: usize = {trees};

/// Log-odds before the first tree.
#[allow(clippy::excessive_precision)]
pub(crate) const BASE: f32 = {rust_f32(model["base"])};

/// Weights of the linear part, one per feature.
#[allow(clippy::excessive_precision)]
pub(crate) const LINEAR: [f32; {len(model["linear"])}] = [{linear}];

/// Split feature of each internal node, tree by tree.
pub(crate) const FEATURES: [u8; TREES * super::gbdt::NODES] = [{feats}];

/// Split threshold of each internal node (`x <= t` goes left).
#[allow(clippy::excessive_precision)]
pub(crate) const THRESHOLDS: [f32; TREES * super::gbdt::NODES] = [{thrs}];

/// Leaf values (log-odds), tree by tree.
#[allow(clippy::excessive_precision)]
pub(crate) const LEAVES: [f32; TREES * super::gbdt::LEAVES] = [{leaves}];
"""


def rustfmt(src):
    r = subprocess.run(
        ["rustfmt", "--edition", "2021", "--emit", "stdout"], input=src, capture_output=True, text=True
    )
    return r.stdout if r.returncode == 0 and r.stdout else src


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="aeb,l3s")
    ap.add_argument("--cv", type=int, default=0, help="cross-site folds (0: none)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--check", action="store_true", help="fail if src/html/model.rs is not what this writes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dump", help='write the cross-site outputs here as JSONL {"id", "text"}')
    ap.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="boosting rounds")
    ap.add_argument(
        "--synth-weight",
        type=float,
        default=DEFAULT_SYNTH_WEIGHT,
        help="weight of the lines of the synthetic pages made from the gold articles",
    )
    ap.add_argument(
        "--page-weight",
        type=float,
        default=DEFAULT_PAGE_WEIGHT,
        help="0: lines weighted by sqrt(1 + words); 1: each page weighs the same",
    )
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(
            f"training data not found at {DATA}: put ../shared beside the checkout or set NEWSPREP_SHARED"
        )
    global N_ALL, ROUNDS, PAGE_WEIGHT, SYNTH_WEIGHT
    N_ALL = len(names())
    ROUNDS, PAGE_WEIGHT, SYNTH_WEIGHT = args.rounds, args.page_weight, args.synth_weight
    exe = tool()
    sets = {n: load_pages(n) for n in args.sets.split(",")}
    rows = {}
    for n, pages in sets.items():
        rows.update(page_rows(exe, pages + synthetic_pages(pages)))
        print(f"{n}: {len(pages)} pages", file=sys.stderr)
    synth = {
        p["id"]: [i for i in rows if i.startswith(p["id"] + "#synth")] for ps in sets.values() for p in ps
    }
    all_ids = [i for ps in sets.values() for p in ps for i in [p["id"], *synth[p["id"]]]]
    model = fit(*stack(rows, all_ids))
    feature_names = names()
    assert len(feature_names) == N_ALL
    src = rustfmt(render(model, feature_names))
    if args.check:
        cur = open(MODEL_RS, encoding="utf8").read()
        if cur != src:
            sys.exit("src/html/model.rs is stale: run python scripts/train_extractor.py")
        print("src/html/model.rs is up to date", file=sys.stderr)
        return
    for n, pages in sets.items():
        outs = run_tool(exe, pages, "extract", model)
        p, r, f = aeb_f1(pages, outs)
        print(f"dev {n}: P {p:.3f} R {r:.3f} F1 {f:.3f}  (trained on all sets)")
    if args.cv:
        rng = random.Random(args.seed)
        folds = {}
        for n, pages in sets.items():
            sites = sorted({p["site"] for p in pages})
            rng.shuffle(sites)
            for k, s in enumerate(sites):
                folds[(n, s)] = k % args.cv
        preds = {}
        for k in range(args.cv):
            test = [p for n, ps in sets.items() for p in ps if folds[(n, p["site"])] == k]
            train = [
                i
                for n, ps in sets.items()
                for p in ps
                if folds[(n, p["site"])] != k
                for i in [p["id"], *synth[p["id"]]]
            ]
            preds.update(run_tool(exe, test, "extract", fit(*stack(rows, train))))
        if args.dump:
            with open(args.dump, "w", encoding="utf8") as f:
                for i, o in preds.items():
                    f.write(json.dumps({"id": i, "text": o["text"]}, ensure_ascii=False) + "\n")
        for n, pages in sets.items():
            p, r, f = aeb_f1(pages, preds)
            print(f"cross-site {n}: P {p:.3f} R {r:.3f} F1 {f:.3f}  ({args.cv} folds of sites, both sets)")
    if not args.no_write:
        open(MODEL_RS, "w", encoding="utf8").write(src)
        print("wrote src/html/model.rs", file=sys.stderr)
    split = [f for f, t in zip(model["features"], model["thresholds"], strict=True) if t is not None]
    used = np.bincount(np.array(split, dtype=np.int64), minlength=N_ALL)
    for i in np.argsort(-used)[:25]:
        print(f"  {feature_names[i]:20s} {used[i]} splits", file=sys.stderr)


if __name__ == "__main__":
    main()
