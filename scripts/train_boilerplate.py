#!/usr/bin/env python3
"""Train the boilerplate line model and write src/boilerplate/model.rs.

Reproducible from ../shared/data (pure Python; the headline model's trees use numpy):
  1. `cargo bench --bench clean_jsonl -- SET.jsonl FEATS.jsonl --features` dumps the
     feature vector of every non-blank line (the Rust code is the only feature implementation);
  2. each line is labelled from the gold article: article if at least half of its 4-gram token
     shingles occur in the gold text (lines under 4 tokens: all tokens occur in gold);
  3. a logistic regression (standardized features, L2, Adam, fixed seed, lines weighted by
     sqrt(1 + words) since long lines carry most shingles) is fitted;
  4. weights are folded back to raw feature space and written as Rust constants.

  python scripts/train_boilerplate.py --train aeb,l3s            # the shipped model
  python scripts/train_boilerplate.py --check                     # is model.rs what this script makes?
  python scripts/train_boilerplate.py --cv 5 --release            # F1 on sites the model has not seen
  python scripts/train_boilerplate.py --cv 5 --dump OUT.jsonl  # ... and each page's output, to read
  python scripts/train_boilerplate.py --train aeb --eval l3s     # line accuracy on the other set
  python scripts/train_boilerplate.py --train aeb && python benches/score_boilerplate.py   # cross-set F1
  python scripts/train_boilerplate.py --headline                  # the headline model (headline_model.rs)
  python scripts/train_boilerplate.py --headline --cv 5          # headline accuracy on unseen sites
  python scripts/train_boilerplate.py --headline --cv 5 --dump OUT.jsonl  # ... and each page's
      # candidates and the kind of each miss (`headline_misses`, `miss_kind`), counted per set
  python scripts/train_boilerplate.py --headline --show-silver   # AEB silver headlines, to read by eye

The headline model is trained on the headline candidates of the L3S dev pages and of the AEB pages
with a silver headline (HEADLINE_TRAIN; the candidates are the lines near the article's start,
`Cleaner::headline_features`) as a choice per page (softmax over the page's candidates and "no
headline"; see `train_headline`: a linear model, then boosted trees on it, `head_trees`), each
candidate labelled by token F1 >= 0.8 with the page's headline (`l3s.dev.titles.jsonl`, or the
silver one; the metric of `eval_titles.py`). The AEB pages have no annotated headline: `aeb_silver`
derives a silver one from each page's HTML metadata (og:title, JSON-LD, <title>, <h1> where they
agree). `--cv` cleans each fold's pages with a model trained on the other folds' sites and scores
`Cleaner::article(text).title` on each set; `--head-train l3s` trains on the L3S pages only.

Cross-set F1 measured with the cleaner at the time of writing (model trained on one set, scored on
the other): train AEB -> L3S 0.933; train L3S -> AEB 0.918. Shipped model (both sets): 0.921 / 0.941.
The block-search constants and phrase lists were developed while looking at both dev sets.
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
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("NEWSPREP_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
DATA = os.path.join(SHARED, "data", "boilerplate")
TOK = re.compile(r"\w+")


def label(text, gold_sh, gold_tok):
    toks = TOK.findall(text)
    if not toks:
        return 0
    if len(toks) < 4:
        return int(all(t in gold_tok for t in toks))
    sh = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
    return int(sum(s in gold_sh for s in sh) >= 0.5 * len(sh))


EXE = None  # the feature dumper, set in main()


def load(name, ids=None):
    """Features, labels and weights of every non-blank line of a dev set; `ids` collects page ids."""
    path = os.path.join(DATA, f"{name}.dev.text.jsonl")
    gold = {}
    for raw in open(path, encoding="utf8"):
        r = json.loads(raw)
        toks = TOK.findall(r["gold_text"])
        gold[r["id"]] = ({tuple(toks[i : i + 4]) for i in range(max(1, len(toks) - 3))}, set(toks))
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as tmp:
        subprocess.run([EXE, path, tmp.name, "--features", "--reps", "1"], check=True, capture_output=True)
        X, y, w = [], [], []
        for raw in open(tmp.name, encoding="utf8"):
            j = json.loads(raw)
            X.append(j["x"])
            if ids is not None:
                ids.append(j["id"])
            y.append(label(j["text"], *gold[j["id"]]))
            w.append(math.sqrt(1 + len(j["text"].split())))
    return X, y, w


def standardize(X):
    """The mean and standard deviation (at least 1e-6) of each column of `X`."""
    d = len(X[0])
    mu = [sum(x[k] for x in X) / len(X) for k in range(d)]
    sd = [max(1e-6, math.sqrt(sum((x[k] - mu[k]) ** 2 for x in X) / len(X))) for k in range(d)]
    return mu, sd


def scaled(rows, mu, sd):
    """`rows` in standard units (see `standardize`)."""
    return [[(x[k] - mu[k]) / sd[k] for k in range(len(mu))] for x in rows]


def raw_space(params, mu, sd):
    """Weights and intercept fitted on standardized features (`params`: the weights, then the
    intercept) as (weights, intercept) on raw features."""
    d = len(mu)
    return [params[k] / sd[k] for k in range(d)], params[d] - sum(params[k] * mu[k] / sd[k] for k in range(d))


def adam_fit(n, d, grad, bs, epochs, lr, decay, seed):
    """Minibatch Adam (0.9, 0.999, 1e-8) from zero on `d` weights and an intercept (last):
    `grad(batch, params)` is the gradient on the items `batch` (indexes below `n`, shuffled each
    epoch with a fixed seed); the step size is multiplied by `decay` after each epoch."""
    params = [0.0] * (d + 1)
    m, v, t = [0.0] * (d + 1), [0.0] * (d + 1), 0
    rng = random.Random(seed)
    order = list(range(n))
    for _ in range(epochs):
        rng.shuffle(order)
        for s in range(0, n, bs):
            t += 1
            for k, gk in enumerate(grad(order[s : s + bs], params)):
                m[k] = 0.9 * m[k] + 0.1 * gk
                v[k] = 0.999 * v[k] + 0.001 * gk * gk
                params[k] -= lr * (m[k] / (1 - 0.9**t)) / (math.sqrt(v[k] / (1 - 0.999**t)) + 1e-8)
        lr *= decay
    return params


def train(X, y, w, l2=1e-3, epochs=12, lr=0.05, seed=0, drop=()):
    d = len(X[0])
    if drop:  # features left out of the model: weight 0
        X = [[0.0 if k in drop else v for k, v in enumerate(x)] for x in X]
    mu, sd = standardize(X)
    Z = scaled(X, mu, sd)

    def grad(batch, params):
        g = [0.0] * (d + 1)
        wsum = 0.0
        for i in batch:
            z = params[d] + sum(bk * zk for bk, zk in zip(params[:d], Z[i], strict=True))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            e = (p - y[i]) * w[i]
            wsum += w[i]
            g[d] += e
            for k in range(d):
                g[k] += e * Z[i][k]
        return [g[k] / wsum + l2 * params[k] for k in range(d)] + [g[d] / wsum]

    return raw_space(adam_fit(len(Z), d, grad, 64, epochs, lr, 0.7, seed), mu, sd)


def accuracy(X, y, wts, b):
    ok = 0
    for x, t in zip(X, y, strict=True):
        z = b + sum(a * c for a, c in zip(wts, x, strict=True))
        ok += int((z > 0) == bool(t))
    return ok / len(X)


def model_rs(wts, b, names):
    """The source of model.rs, formatted as rustfmt leaves it."""
    body = "\n".join(f"    {v:.6f}, // {n}" for v, n in zip(wts, names, strict=True))
    src = f"""//! Line model weights. GENERATED by `scripts/train_boilerplate.py`; do not edit
//! by hand. A logistic model over [`super::features::FEATURE_NAMES`], in raw
//! feature space (normalization folded in).

/// Intercept.
#[allow(clippy::excessive_precision)]
pub(crate) const BIAS: f32 = {b:.6f};

/// One weight per feature, in `FEATURE_NAMES` order.
#[allow(clippy::excessive_precision)]
pub(crate) const WEIGHTS: [f32; super::features::N_FEATURES] = [
{body}
];
"""
    return rustfmt(src)


def rustfmt(src):
    """`src` as rustfmt leaves it (unchanged when rustfmt is missing or fails)."""
    fmt = subprocess.run(
        ["rustfmt", "--edition", "2021", "--emit", "stdout"],
        input=src,
        text=True,
        capture_output=True,
        check=False,
    )
    return fmt.stdout if fmt.returncode == 0 and fmt.stdout else src


def const_names(file, const):
    """The quoted names of the Rust array `const` in src/boilerplate/`file`."""
    src = open(os.path.join(ROOT, "src", "boilerplate", file), encoding="utf8").read()
    block = src.split(f"pub const {const}")[1].split("];")[0]
    return re.findall(r'"(\w+)"', block)


def feature_names():
    return const_names("features.rs", "FEATURE_NAMES")


MODEL_RS = os.path.join(ROOT, "src", "boilerplate", "model.rs")
HEAD_RS = os.path.join(ROOT, "src", "boilerplate", "headline_model.rs")


def title_tokens(s):
    return re.findall(r"\w+", (s or "").lower())


def title_f1(a, b):
    """Token F1 of two headlines (eval_titles.py's metric)."""
    a, b = title_tokens(a), title_tokens(b)
    if not a or not b:
        return 0.0
    common = sum(min(a.count(t), b.count(t)) for t in set(a))
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def headline_pages():
    """The L3S dev pages with an annotated headline: (id, site, gold headline, record)."""
    titles = {}
    for raw in open(os.path.join(DATA, "l3s.dev.titles.jsonl"), encoding="utf8"):
        r = json.loads(raw)
        titles[r["id"]] = r["title"]
    pages = []
    for raw in open(os.path.join(DATA, "l3s.dev.text.jsonl"), encoding="utf8"):
        r = json.loads(raw)
        if r["id"] in titles:
            pages.append((r["id"], r["site"], titles[r["id"]], r))
    return pages


class _Meta(HTMLParser):
    """The headline metadata of a page: og:title, twitter:title, the JSON-LD blocks, the first
    <title> and the first <h1> (their text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.ld, self.title, self.h1 = {}, [], None, None
        self.open, self.buf = None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key in ("og:title", "twitter:title") and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif self.open is None and (
            (tag == "title" and self.title is None)
            or (tag == "h1" and self.h1 is None)
            or (tag == "script" and (a.get("type") or "").lower() == "application/ld+json")
        ):
            self.open, self.buf = tag, []

    def handle_endtag(self, tag):
        if tag == self.open:
            text = "".join(self.buf)
            if tag == "title":
                self.title = text
            elif tag == "h1":
                self.h1 = text
            else:
                self.ld.append(text)
            self.open = None

    def handle_data(self, data):
        if self.open:
            self.buf.append(data)


def _ld_headline(blocks):
    """The first "headline" string of the JSON-LD blocks."""
    for b in blocks:
        m = re.search(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"', b)
        if m:
            try:
                return json.loads(f'"{m.group(1)}"')
            except ValueError:
                return m.group(1)
    return None


def _plain(t):
    """`t` with entities decoded and runs of whitespace as one space."""
    return re.sub(r"\s+", " ", html.unescape(t or "")).strip()


def _site_stripped(t):
    """`t` (`_plain`) without a trailing site part (" | Site", " - Site Name": at most 4 words after
    the last spaced |, -, – or —)."""
    t = _plain(t)
    parts = re.split(r" [|\-–—] ", t)
    if len(parts) > 1 and len(title_tokens(parts[-1])) <= 4:
        return t[: t.rfind(parts[-1])].rstrip(" |-–—")
    return t


# AEB pages whose silver headline (`aeb_silver`) is wrong by eye, with the reason.
SILVER_DROP = {
    # og:title, twitter:title and <title> name "Simple Hiking Survival Kit (with Kids)", the
    # sponsored post the gold article is; the <h1> and JSON-LD name another post of the blog
    "0e014df693f182824fe5e24030ddbe1d0b96ddb9685cf20d5766457ed32ffa2d",
}


def aeb_silver():
    """A silver headline of the AEB dev pages, which have no annotated headline, from the metadata
    of their HTML (aeb.dev.html.jsonl; nothing is stored in the repo): the sources are og:title,
    twitter:title, the JSON-LD "headline", <title> (each without a trailing site part) and the first
    <h1>; two sources agree when their token F1 is >= 0.8. The silver headline is the <h1> when
    another source agrees with it, else the first of og:title, JSON-LD, twitter:title and <title>
    that another source agrees with; a page keeps it only when a line of its page text has token
    F1 >= 0.8 with it (the text headline can be found) and it is not in SILVER_DROP. Returns
    (id, site, silver headline, text record) as `headline_pages`."""
    texts = {}
    for raw in open(os.path.join(DATA, "aeb.dev.text.jsonl"), encoding="utf8"):
        r = json.loads(raw)
        texts[r["id"]] = r
    pages = []
    for raw in open(os.path.join(DATA, "aeb.dev.html.jsonl"), encoding="utf8"):
        r = json.loads(raw)
        meta = _Meta()
        meta.feed(r["html"])
        og, tw = meta.meta.get("og:title"), meta.meta.get("twitter:title")
        others = (og, _ld_headline(meta.ld), tw, meta.title)
        src = [_plain(meta.h1), *(_site_stripped(s) for s in others)]
        agreed = [s for k, s in enumerate(src) if any(title_f1(s, o) >= 0.8 for o in src[:k] + src[k + 1 :])]
        silver = agreed[0] if agreed else None
        rec = texts.get(r["id"])
        if not silver or rec is None or r["id"] in SILVER_DROP:
            continue
        if any(title_f1(line, silver) >= 0.8 for line in rec["page_text"].split("\n") if line.strip()):
            pages.append((r["id"], r["site"], silver, rec))
    return pages


def headline_candidates(pages, model=None):
    """The headline candidates of `pages` as the cleaner with headline model `model` ((weights,
    bias, trees); None: the compiled one) sees them: per page id, one [(x, label)] per pass of the
    decision (the chooser runs on each pass, among fewer lines, and the last pass's pick is the
    headline). The first pass's candidates do not depend on the headline model."""
    out = {pid: [] for pid, *_ in pages}
    gold = {pid: title for pid, _, title, _ in pages}
    for j in run_dumper(pages, "--headline", model):
        passes = out[j["id"]]
        while len(passes) <= j["pass"]:
            passes.append([])
        x = [0.0 if k in HEAD_DROP else v for k, v in enumerate(j["x"])]
        passes[j["pass"]].append((x, int(title_f1(j["text"], gold[j["id"]]) >= 0.8)))
    return out


def run_dumper(pages, mode, model=None):
    """The records `benches/clean_jsonl.rs` writes for `pages` in `mode` ("--headline": every pass's
    headline candidates; "--titles": `Cleaner::article(text).title`), with headline model `model`
    ((weights, bias, trees); None: the compiled one)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "pages.jsonl"), os.path.join(tmp, "out.jsonl")
        with open(src, "w", encoding="utf8") as f:
            for *_, r in pages:
                f.write(json.dumps(r) + "\n")
        cmd = [EXE, src, out, mode, "--reps", "1"]
        if model is not None:
            path = os.path.join(tmp, "head.json")
            json.dump({"bias": model[1], "weights": model[0], **model[2]}, open(path, "w"))
            cmd += ["--headline-model", path]
        subprocess.run(cmd, check=True, capture_output=True)
        return [json.loads(raw) for raw in open(out, encoding="utf8")]


# Headline features left out (`--drop` with `--headline`): read as 0, so their weights stay 0.
HEAD_DROP = set()

# The sets the shipped headline model is trained on (see `headline_sets`).
HEADLINE_TRAIN = "l3s,aeb"

# Rounds of `fit_headline` after the first-pass fit.
HEADLINE_ROUNDS = 3


def fit_headline(pages):
    """The headline model of `pages`, independent of the compiled one: fitted on the first pass's
    candidates, then HEADLINE_ROUNDS times on every pass's candidates as the last fit's model
    makes them (which lines later passes see depends on the headline chosen before)."""
    cands = headline_candidates(pages)
    model = train_headline([cands[pid][:1] for pid, *_ in pages])
    for _ in range(HEADLINE_ROUNDS):
        cands = headline_candidates(pages, model)
        model = train_headline([cands[pid] for pid, *_ in pages])
    return model


def train_headline(pages, l2=1e-2, epochs=30, lr=0.05, seed=0):
    """A choice among the candidates of each pass of each page (`pages`: per page, one [(x, label)]
    per pass): softmax over the candidates' logits and a "no headline" option of logit 0 (the
    target when no candidate is the headline), fitted on standardized features (L2, Adam, pages in
    minibatches, fixed seed) and folded back to raw feature space. Trained so, the best candidate's
    logit is above 0 exactly when the model finds it likelier than no headline, which is the
    chooser's threshold (`MIN_LOGIT`)."""
    X = [x for passes in pages for cands in passes for x, _ in cands]
    d = len(X[0])
    mu, sd = standardize(X)
    groups = []
    for cands in (cands for passes in pages for cands in passes):
        if not cands:
            continue
        hits = sum(t for _, t in cands)
        groups.append((scaled([x for x, _ in cands], mu, sd), [t / hits if hits else 0.0 for _, t in cands]))

    def grad(batch, params):
        g = [0.0] * (d + 1)
        for i in batch:
            Z, target = groups[i]
            z = [params[d] + sum(bk * zk for bk, zk in zip(params[:d], zs, strict=True)) for zs in Z]
            top = max(0.0, *z)
            e = [math.exp(a - top) for a in z]
            total = math.exp(-top) + sum(e)
            for zs, ek, tk in zip(Z, e, target, strict=True):
                r = ek / total - tk
                if r:
                    for k in range(d):
                        g[k] += r * zs[k]
                    g[d] += r
        return [g[k] / len(batch) + (l2 * params[k] if k < d else 0.0) for k in range(d + 1)]

    wts, b = raw_space(adam_fit(len(groups), d, grad, 16, epochs, lr, 0.95, seed), mu, sd)
    return wts, b, head_trees(pages, wts, b)


# Boosted trees on the linear headline model (`HeadTrees` in headline.rs): how many, their depth
# (HEAD_TREE_DEPTH), the step, the fewest candidates in a leaf and the leaves' L2 penalty.
HEAD_TREES = 40
HEAD_DEPTH = 3
HEAD_RATE = 0.1
HEAD_MIN_LEAF = 20
HEAD_LAMBDA = 1.0
HEAD_BINS = 64


def head_trees(pages, wts, b):
    """Gradient-boosted trees added to the linear logits `wts`, `b` (raw features) for the same
    choice as `train_headline`: each tree (complete, depth HEAD_DEPTH, breadth-first; a node that
    is not split has threshold None, +inf) is fitted to the softmax's gradient and Hessian over
    every candidate (split gain and leaf values of Newton boosting, L2 HEAD_LAMBDA, at least
    HEAD_MIN_LEAF candidates on each side of a split; thresholds midway between a feature's f32
    values, or between HEAD_BINS + 1 of its quantiles), its leaves scaled by HEAD_RATE.
    Deterministic."""
    import numpy as np

    groups = [cands for passes in pages for cands in passes if cands]
    X = np.array([x for cands in groups for x, _ in cands], dtype=np.float32).astype(np.float64)
    hits = [sum(t for _, t in cands) for cands in groups]
    target = np.array([t / h if h else 0.0 for cands, h in zip(groups, hits, strict=True) for _, t in cands])
    sizes = [len(c) for c in groups]
    gid, starts = np.repeat(np.arange(len(groups)), sizes), np.r_[0, np.cumsum(sizes)[:-1]]
    n, d = X.shape
    nodes, leaves_n = 2**HEAD_DEPTH - 1, 2**HEAD_DEPTH
    thr = []
    for k in range(d):
        v = np.unique(X[:, k])
        if len(v) > HEAD_BINS:
            v = np.unique(np.quantile(X[:, k], np.linspace(0, 1, HEAD_BINS + 1), method="nearest"))
        thr.append(((v[:-1] + v[1:]) / 2).astype(np.float32).astype(np.float64))
    z = X @ np.array(wts, dtype=np.float32).astype(np.float64) + float(np.float32(b))
    feats, thrs, leaves = [], [], []
    for _ in range(HEAD_TREES):
        # softmax over each group's candidates and "no headline" (logit 0)
        top = np.maximum(0.0, np.maximum.reduceat(z, starts))
        e = np.exp(z - top[gid])
        p = e / (np.bincount(gid, weights=e) + np.exp(-top))[gid]
        g, h = p - target, np.maximum(p * (1 - p), 1e-12)
        node = np.zeros(n, dtype=np.int64)
        t_feat = np.zeros(nodes, dtype=np.int64)
        t_thr = np.full(nodes, np.inf)
        for depth in range(HEAD_DEPTH):
            first = 2**depth - 1
            for j in range(2**depth):
                at = node == first + j
                G, H, cnt = g[at].sum(), h[at].sum(), at.sum()
                best_gain, best = 1e-9, (0, np.inf)
                for k in range(d):
                    if not len(thr[k]):
                        continue
                    xs = X[at, k]
                    left = xs[:, None] <= thr[k][None, :]
                    nl = left.sum(axis=0)
                    gl, hl = g[at] @ left, h[at] @ left
                    gain = (
                        gl**2 / (hl + HEAD_LAMBDA)
                        + (G - gl) ** 2 / (H - hl + HEAD_LAMBDA)
                        - G**2 / (H + HEAD_LAMBDA)
                    )
                    gain[(nl < HEAD_MIN_LEAF) | (cnt - nl < HEAD_MIN_LEAF)] = 0.0
                    i = int(np.argmax(gain))
                    if gain[i] > best_gain:
                        best_gain, best = gain[i], (k, thr[k][i])
                t_feat[first + j], t_thr[first + j] = best
            right = X[np.arange(n), t_feat[node]] > t_thr[node]
            node = 2 * node + 1 + right
        local = node - nodes
        G = np.bincount(local, weights=g, minlength=leaves_n)
        H = np.bincount(local, weights=h, minlength=leaves_n)
        leaf = (-HEAD_RATE * G / (H + HEAD_LAMBDA)).astype(np.float32).astype(np.float64)
        z = z + leaf[local]
        feats += [int(f) for f in t_feat]
        thrs += [None if math.isinf(t) else float(np.float32(t)) for t in t_thr]
        leaves += [float(v) for v in leaf]
    return {"features": feats, "thresholds": thrs, "leaves": leaves}


def headline_rs(wts, b, trees, names):
    body = "\n".join(f"    {v:.6f}, // {n}" for v, n in zip(wts, names, strict=True))
    feats = ", ".join(map(str, trees["features"]))
    thrs = ", ".join(_f32(t) for t in trees["thresholds"])
    leaves = ", ".join(_f32(v) for v in trees["leaves"])
    src = f"""//! Headline model weights. GENERATED by `scripts/train_boilerplate.py
//! --headline`; do not edit by hand. A linear model over
//! [`super::headline::HEAD_FEATURE_NAMES`], in raw feature space, and the
//! boosted trees added to it (`super::headline::HeadTrees`).

/// Intercept.
#[allow(clippy::excessive_precision)]
pub(crate) const HEAD_BIAS: f32 = {b:.6f};

/// One weight per feature, in `HEAD_FEATURE_NAMES` order.
#[allow(clippy::excessive_precision)]
pub(crate) const HEAD_WEIGHTS: [f32; {len(wts)}] = [
{body}
];

/// Number of boosted trees (depth {HEAD_DEPTH}, breadth-first; see `HeadTrees`).
pub(crate) const HEAD_TREES: usize = {len(trees["leaves"]) // 2**HEAD_DEPTH};

/// Split feature of each internal node, tree by tree.
pub(crate) const HEAD_TREE_FEATURES: [u8; {len(trees["features"])}] = [{feats}];

/// Split threshold of each internal node (`x <= t` goes left).
#[allow(clippy::excessive_precision)]
pub(crate) const HEAD_TREE_THRESHOLDS: [f32; {len(trees["thresholds"])}] = [{thrs}];

/// Leaf values (logits), tree by tree.
#[allow(clippy::excessive_precision)]
pub(crate) const HEAD_TREE_LEAVES: [f32; {len(trees["leaves"])}] = [{leaves}];
"""
    return rustfmt(src)


def _f32(v):
    """A tree's threshold or leaf as a Rust f32 literal (None: +inf)."""
    return "f32::INFINITY" if v is None else repr(float(v))


def head_feature_names():
    return const_names("headline.rs", "HEAD_FEATURE_NAMES")


def headline_titles(pages, model=None):
    """`Cleaner::article(text).title` of each of `pages` with headline model `model` ((weights,
    bias, trees); None: the compiled one), by page id."""
    return {j["id"]: j["title"] for j in run_dumper(pages, "--titles", model)}


def headline_sets(train):
    """The headline pages by set: "l3s" (annotated headlines) and "aeb" (silver headlines,
    `aeb_silver`), and the pages of the sets named in `train` (comma list)."""
    sets = {"l3s": headline_pages(), "aeb": aeb_silver()}
    return sets, [p for n in train.split(",") for p in sets[n]]


def headline_cv(sets, train, folds, seed=0, dump=None):
    """Leave-sites-out headline accuracy: the sites of every set in `sets` are dealt to `folds` folds;
    each fold's pages get `Cleaner::article(text).title` from a model trained on the pages of the
    sets named in `train` from the other folds' sites; accuracy per set (token F1 >= 0.8 with the
    annotated or silver headline). With `dump`, each page's record of `headline_misses` is written
    there and the misses are counted by kind per set."""
    every = [p for pages in sets.values() for p in pages]
    trained = {pid for n in train.split(",") for pid, *_ in sets[n]}
    # each set's sites dealt on their own, in the order of set names (so that the L3S folds are
    # those of the L3S-only runs before the AEB silver set; a site in two sets keeps its first fold)
    fold_of = {}
    for pages in sets.values():
        sites = sorted({site for _, site, *_ in pages} - fold_of.keys())
        random.Random(seed).shuffle(sites)
        fold_of.update({s: i % folds for i, s in enumerate(sites)})
    got = {}
    set_of = {pid: name for name, pages in sets.items() for pid, *_ in pages}
    out = open(dump, "w", encoding="utf8") if dump else None
    kinds = {name: {} for name in sets}  # the misses of each set by kind, counted as they are written
    for k in range(folds):
        model = fit_headline([p for p in every if p[0] in trained and fold_of[p[1]] != k])
        test = [p for p in every if fold_of[p[1]] == k]
        got.update(headline_titles(test, model))
        if out:
            for rec in headline_misses(test, model, got, set_of, k):
                out.write(json.dumps(rec) + "\n")
                if rec["kind"]:
                    by_kind = kinds[rec["set"]]
                    by_kind[rec["kind"]] = by_kind.get(rec["kind"], 0) + 1
    if out:
        out.close()
        for name, by_kind in kinds.items():
            for kind, n in sorted(by_kind.items(), key=lambda kv: -kv[1]):
                print(f"  {name} misses: {n:3d} {kind}")
    for name, pages in sets.items():
        by_site = {}
        for pid, site, gold, _ in pages:
            by_site.setdefault(site, []).append(title_f1(got.get(pid), gold) >= 0.8)
        ok = sum(sum(v) for v in by_site.values())
        site_mean = sum(sum(v) / len(v) for v in by_site.values()) / len(by_site)
        print(
            f"cross-site headline accuracy {name} {ok / len(pages):.4f} ({ok}/{len(pages)} pages; mean over "
            f"{len(by_site)} sites {site_mean:.4f}; {folds} folds by site, seed {seed}, trained on {train})"
        )


def head_logit(model, x):
    """The logit `model` ((weights, bias, trees)) gives the vector `x` (as `HeadlineModel`, in f64)."""
    wts, b, trees = model
    z = b + sum(w * v for w, v in zip(wts, x, strict=True))
    nodes, leaves = 2**HEAD_DEPTH - 1, 2**HEAD_DEPTH
    for t in range(len(trees["leaves"]) // leaves):
        node = 0
        for _ in range(HEAD_DEPTH):
            f, th = trees["features"][t * nodes + node], trees["thresholds"][t * nodes + node]
            node = 2 * node + 1 + int(th is not None and x[f] > th)
        z += trees["leaves"][t * leaves + node - nodes]
    return z


def headline_misses(pages, model, got, set_of, fold):
    """One record per page of `pages` (cleaned with headline model `model`; `got`: the titles it
    gave), to read the cross-site misses by kind (`miss_kind`): the headline chosen and the gold,
    the gold's lines on the page (line number, the decision's reason), the article's first line,
    and the candidates of the first pass (which decides the line kept as the headline) and of the
    last, by logit: (line, logit, matches the gold, text, feature vector)."""
    cands, reasons = {}, {}
    for j in run_dumper(pages, "--headline", model):
        cands.setdefault(j["id"], {}).setdefault(j["pass"], []).append(j)
    for j in run_dumper(pages, "--decisions", model):
        reasons.setdefault(j["id"], []).append((j["line"], j["text"], j["reason"], j["kept"]))
    for pid, site, title, _ in pages:
        passes = cands.get(pid, {})

        def ranked(p, title=title, passes=passes):
            by_logit = sorted(passes.get(p, []), key=lambda j: -head_logit(model, j["x"]))
            return [
                (
                    j["line"],
                    round(head_logit(model, j["x"]), 3),
                    title_f1(j["text"], title) >= 0.8,
                    j["text"],
                    j["x"],
                )
                for j in by_logit
            ]

        lines = reasons.get(pid, [])
        rec = {
            "id": pid,
            "set": set_of[pid],
            "site": site,
            "fold": fold,
            "ok": title_f1(got.get(pid), title) >= 0.8,
            "got": got.get(pid),
            "gold": title,
            "first_article_line": next((i for i, _, r, kept in lines if kept and r == "article"), None),
            "gold_lines": [(i, r) for i, t, r, _ in lines if title_f1(t, title) >= 0.8],
            "got_line": next((i for i, _, r, _ in lines if r == "title"), None),
            "cands0": ranked(0),
            "cands": ranked(max(passes, default=0)),
        }
        rec["kind"] = miss_kind(rec)
        yield rec


def miss_kind(rec):
    """What went wrong on a page of `headline_misses` (None: the headline is right): the gold is on
    no line of the page text; the gold's line is not a first-pass candidate (the decision's reason
    for it, or outside the window: more than BEFORE = 25 lines before the article or AFTER = 5 into
    it, counted in page lines here, so roughly); or it is and the chooser took none, a line above
    it, or a line below it."""
    if rec["ok"]:
        return None
    if not rec["gold_lines"]:
        return "gold not in the text"
    gold = [c[0] for c in rec["cands0"] if c[2]]
    if not gold:
        line, reason = rec["gold_lines"][0]
        first = rec["first_article_line"]
        if reason == "low-score" and first is not None:
            return (
                "gold not a candidate: before the window" if line < first else "gold not a candidate: after"
            )
        return f"gold not a candidate: {reason}"
    if rec["got"] is None:
        return "gold a candidate: chose none"
    if rec["got_line"] is not None and rec["got_line"] < gold[0]:
        return "gold a candidate: chose a line above it"
    return "gold a candidate: chose a line below it"


def show_silver(sets):
    """Each AEB page's silver headline and the compiled model's text headline, to read by eye."""
    got = headline_titles(sets["aeb"])
    ok = 0
    for pid, site, silver, _ in sets["aeb"]:
        hit = title_f1(got.get(pid), silver) >= 0.8
        ok += hit
        pick = (got.get(pid) or "")[:90]
        print(f"{'ok' if hit else 'XX'} {pid[:8]} {site:28s} {silver[:90]!r} | got {pick!r}")
    print(f"compiled model: {ok}/{len(sets['aeb'])} AEB silver headlines")


def feature_dumper(release):
    """Builds benches/clean_jsonl.rs (dev profile unless `release`) and returns its executable."""
    cmd = ["cargo", "build", "-q", "--bench", "clean_jsonl", "--message-format=json-render-diagnostics"]
    out = subprocess.run(
        [*cmd, *(["--release"] if release else [])], cwd=ROOT, check=True, capture_output=True
    )
    for line in out.stdout.decode().splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            if msg["target"]["name"] == "clean_jsonl":
                return msg["executable"]
    sys.exit("could not find the clean_jsonl executable in cargo's output")


def cross_sites(sets, folds, drop, seed=0, dump=None):
    """Leave-sites-out cross-validation: pages are grouped by site (a site's pages are never
    split between training and test), each fold's pages are cleaned with a model trained on the
    other folds, and the pooled outputs are scored with the benchmark's metric per set."""
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    from eval_boilerplate import aeb_prf, shingle_counts

    recs, X, y, w, ids = {}, [], [], [], []
    for n in sets:
        for raw in open(os.path.join(DATA, f"{n}.dev.text.jsonl"), encoding="utf8"):
            r = json.loads(raw)
            recs[r["id"]] = (n, r)
        a, b_, c = load(n, ids)
        X += a
        y += b_
        w += c
    sites = sorted({(n, r["site"]) for n, r in recs.values()})
    random.Random(seed).shuffle(sites)
    fold_of = {s: i % folds for i, s in enumerate(sites)}
    page_fold = {pid: fold_of[(n, r["site"])] for pid, (n, r) in recs.items()}
    outputs = {}
    for k in range(folds):
        keep = [i for i, pid in enumerate(ids) if page_fold[pid] != k]
        wts, b = train([X[i] for i in keep], [y[i] for i in keep], [w[i] for i in keep], drop=drop)
        with tempfile.TemporaryDirectory() as tmp:
            model = os.path.join(tmp, "model.json")
            json.dump({"bias": b, "weights": wts}, open(model, "w"))
            pages = os.path.join(tmp, "pages.jsonl")
            with open(pages, "w", encoding="utf8") as f:
                for pid, (_, r) in recs.items():
                    if page_fold[pid] == k:
                        f.write(json.dumps(r) + "\n")
            out = os.path.join(tmp, "out.jsonl")
            subprocess.run(
                [EXE, pages, out, "--reps", "1", "--model", model], check=True, capture_output=True
            )
            for raw in open(out, encoding="utf8"):
                j = json.loads(raw)
                outputs[j["id"]] = j["clean"]
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr)
    if dump:
        with open(dump, "w", encoding="utf8") as f:
            for pid, (n, r) in recs.items():
                f.write(json.dumps({"id": pid, "set": n, "site": r["site"], "clean": outputs[pid]}) + "\n")
    for n in sets:
        counts = [shingle_counts(r["gold_text"], outputs[pid]) for pid, (m, r) in recs.items() if m == n]
        p, r, f = aeb_prf(counts)
        print(f"cross-site {n}: F1 {f:.4f} P {p:.4f} R {r:.4f} ({len(counts)} pages, {folds} folds by site)")


def main():
    global EXE
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="aeb,l3s")
    ap.add_argument("--eval", default="", help="line accuracy on these sets too")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--check",
        action="store_true",
        help="exit 1 unless src/boilerplate/model.rs is exactly what training writes (writes nothing)",
    )
    ap.add_argument("--cv", type=int, default=0, help="leave-sites-out cross-validation with this many folds")
    ap.add_argument(
        "--dump",
        help="with --cv: write each page's cross-site output here (JSONL); with --headline, each page's "
        "headline candidates and the kind of each miss",
    )
    ap.add_argument("--seed", type=int, default=0, help="with --cv: the seed that deals the sites to folds")
    ap.add_argument("--drop", default="", help="comma list of features to leave out (weight 0)")
    ap.add_argument("--headline", action="store_true", help="train the headline model instead")
    ap.add_argument(
        "--release", action="store_true", help="dump features with a release build (default: dev)"
    )
    ap.add_argument(
        "--head-train",
        default=HEADLINE_TRAIN,
        help="with --headline: the sets the headline model is trained on (l3s: annotated, aeb: silver)",
    )
    ap.add_argument(
        "--show-silver",
        action="store_true",
        help="with --headline: the AEB silver headlines and the compiled model's picks",
    )
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"training data not found at {DATA}")
    EXE = feature_dumper(args.release)
    if args.headline:
        names = head_feature_names()
        HEAD_DROP.update(names.index(f) for f in filter(None, args.drop.split(",")))
        sets, pages = headline_sets(args.head_train)
        if args.show_silver:
            show_silver(sets)
            return
        if args.cv:
            headline_cv(sets, args.head_train, args.cv, seed=args.seed, dump=args.dump)
            return
        wts, b, trees = fit_headline(pages)
        for n, v in zip(names, wts, strict=True):
            print(f"  {n:18s} {v:+.3f}", file=sys.stderr)
        src = headline_rs(wts, b, trees, names)
        if args.check:
            if open(HEAD_RS, encoding="utf8").read() != src:
                sys.exit(
                    "src/boilerplate/headline_model.rs is stale: run scripts/train_boilerplate.py --headline"
                )
            print("src/boilerplate/headline_model.rs is up to date", file=sys.stderr)
        elif not args.no_write:
            open(HEAD_RS, "w", encoding="utf8").write(src)
            print("wrote src/boilerplate/headline_model.rs", file=sys.stderr)
        return
    names = feature_names()
    drop = {names.index(f) for f in filter(None, args.drop.split(","))}
    if args.cv:
        cross_sites(args.train.split(","), args.cv, drop, seed=args.seed, dump=args.dump)
        return
    X, y, w = [], [], []
    for n in args.train.split(","):
        a, b_, c = load(n)
        X += a
        y += b_
        w += c
    wts, b = train(X, y, w, drop=drop)
    print(
        f"train {args.train}: {len(X)} lines, {sum(y)} article, acc {accuracy(X, y, wts, b):.4f}",
        file=sys.stderr,
    )
    for n in filter(None, args.eval.split(",")):
        a, b_, _ = load(n)
        print(f"check {n}: acc {accuracy(a, b_, wts, b):.4f}", file=sys.stderr)
    for n, v in zip(names, wts, strict=True):
        print(f"  {n:18s} {v:+.3f}", file=sys.stderr)
    src = model_rs(wts, b, names)
    if args.check:
        if open(MODEL_RS, encoding="utf8").read() != src:
            sys.exit("src/boilerplate/model.rs is stale: run scripts/train_boilerplate.py to regenerate it")
        print("src/boilerplate/model.rs is up to date", file=sys.stderr)
    elif not args.no_write:
        open(MODEL_RS, "w", encoding="utf8").write(src)
        print("wrote src/boilerplate/model.rs", file=sys.stderr)


if __name__ == "__main__":
    main()
