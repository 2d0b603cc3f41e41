"""The machine learning itself, free of Django models: features, fitting, evaluation, ranking
and near-duplicate search. Everything runs on the CPU with scikit-learn; nothing is downloaded.

Features: the text is folded with the platform's one folding (`search.fold.fold`: lowercase,
no diacritics, đ → d), so "dat dai", "đất đai" and "ĐẤT ĐAI" are the same; then TF-IDF over
syllables (1–2-grams) and over characters inside word boundaries (2–5-grams, which survive
typos and glued words), both sublinear and L2-normalised. The model is a multinomial logistic
regression: its probabilities are usable as confidences as they are (chosen by measurement
against LinearSVC + sigmoid calibration and SGD, see docs/dev/CLASSIFIER.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from dieuhanh.platform.search.fold import fold

# Bounds on the vocabulary keep a stored model a few megabytes and a suggestion fast.
MAX_WORD_FEATURES = 60_000
MAX_CHAR_FEATURES = 120_000
DEFAULT_C = 3.0


_FOLDED: dict[str, str] = {}


def fold_all(texts) -> list[str]:
    """Fold every text, word by word through a cache (module-level so a pickled pipeline
    refers to it by name). Runs of whitespace become one space."""
    if len(_FOLDED) > 200_000:
        _FOLDED.clear()
    out = []
    for text in texts:
        folded = []
        for word in (text or "").split():
            f = _FOLDED.get(word)
            if f is None:
                f = _FOLDED[word] = fold(word)
            folded.append(f)
        out.append(" ".join(folded))
    return out


class CharGrams:
    """TF-IDF over character n-grams inside word boundaries (like scikit-learn's `char_wb`),
    computed word by word with a cache: a petition repeats the same few thousand syllables, so
    each distinct word is cut into n-grams once per process instead of once per occurrence.
    This is what makes ≥ 1,000 suggestions per second on one core (sklearn's analyser spends
    its time cutting and looking up the same n-grams again and again).

    Same maths as TfidfVectorizer(analyzer="char_wb", sublinear_tf=True, norm="l2",
    smooth_idf=True, min_df, max_features).
    """

    _CACHE_LIMIT = 200_000

    def __init__(self, ngram_range=(2, 5), min_df: int = 2, max_features: int | None = None):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features

    # scikit-learn's estimator protocol (enough for Pipeline / FeatureUnion / clone)
    def get_params(self, deep=True):
        return {"ngram_range": self.ngram_range, "min_df": self.min_df, "max_features": self.max_features}

    def set_params(self, **params):
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_cache", None)  # rebuilt lazily; keeps the stored model small
        return state

    def _grams(self, word: str) -> list[str]:
        padded = f" {word} "
        low, high = self.ngram_range
        out = []
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
        return out

    def fit(self, texts, y=None):
        from collections import Counter

        grams_of: dict[str, list[str]] = {}
        word_total: Counter = Counter()
        document_frequency: Counter = Counter()
        n = 0
        for text in texts:
            n += 1
            words = text.split()
            word_total.update(words)
            present: set[str] = set()
            for word in set(words):
                grams = grams_of.get(word)
                if grams is None:
                    grams = grams_of[word] = self._grams(word)
                present.update(grams)
            document_frequency.update(present)
        kept = [g for g, df in document_frequency.items() if df >= self.min_df]
        if self.max_features and len(kept) > self.max_features:
            total: Counter = Counter()
            for word, count in word_total.items():
                for g in grams_of[word]:
                    total[g] += count
            kept = sorted(kept, key=lambda g: (-total[g], g))[: self.max_features]
        kept.sort()
        self.vocabulary_ = {g: i for i, g in enumerate(kept)}
        self.__dict__.pop("_cache", None)
        df = np.array([document_frequency[g] for g in kept], dtype=np.float64)
        self.idf_ = (np.log((1 + max(n, 1)) / (1 + df)) + 1).astype(np.float32)
        return self

    def _indices(self, word: str) -> np.ndarray:
        cache = self.__dict__.setdefault("_cache", {})
        found = cache.get(word)
        if found is None:
            if len(cache) > self._CACHE_LIMIT:
                cache.clear()
            vocabulary = self.vocabulary_
            found = np.array([vocabulary[g] for g in self._grams(word) if g in vocabulary], dtype=np.int32)
            cache[word] = found
        return found

    def transform(self, texts):
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        arrays: list[np.ndarray] = []
        owners: list[int] = []
        counts: list[int] = []
        n_docs = 0
        for row, text in enumerate(texts):
            n_docs = row + 1
            words: dict[str, int] = {}
            for word in text.split():
                words[word] = words.get(word, 0) + 1
            for word, count in words.items():
                idx = self._indices(word)
                if idx.size:
                    arrays.append(idx)
                    owners.append(row)
                    counts.append(count)
        shape = (n_docs, len(self.vocabulary_))
        if not arrays:
            return sp.csr_matrix(shape, dtype=np.float32)
        lengths = np.fromiter((a.size for a in arrays), dtype=np.int64, count=len(arrays))
        cols = np.concatenate(arrays)
        rows = np.repeat(np.asarray(owners, dtype=np.int64), lengths)
        data = np.repeat(np.asarray(counts, dtype=np.float32), lengths)
        matrix = sp.csr_matrix((data, (rows, cols)), shape=shape, dtype=np.float32)
        matrix.sum_duplicates()
        np.log(matrix.data, out=matrix.data)
        matrix.data += 1
        matrix.data *= self.idf_[matrix.indices]
        return normalize(matrix, copy=False)

    def fit_transform(self, texts, y=None):
        return self.fit(texts).transform(texts)


def build_pipeline(*, C: float = DEFAULT_C, model: str = "logreg"):  # noqa: N803 - sklearn's name
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    features = FeatureUnion([
        ("syllables", TfidfVectorizer(
            analyzer="word", token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True,
            min_df=2, max_features=MAX_WORD_FEATURES, dtype=np.float32, lowercase=False,
        )),
        ("chars", CharGrams(ngram_range=(2, 5), min_df=2, max_features=MAX_CHAR_FEATURES)),
    ])
    return Pipeline([
        ("fold", FunctionTransformer(fold_all, validate=False)),
        ("features", features),
        ("model", _estimator(model, C)),
    ])


def _estimator(model: str, C: float):  # noqa: N803
    if model == "logreg":
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C, max_iter=1000, solver="newton-cg")
    if model == "svc_calibrated":
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        return CalibratedClassifierCV(LinearSVC(C=C / 10), method="sigmoid", cv=3)
    if model == "sgd":
        from sklearn.linear_model import SGDClassifier

        return SGDClassifier(loss="modified_huber", alpha=1e-5, max_iter=50, random_state=0)
    raise ValueError(f"unknown model {model!r}")


def top_k(pipeline, texts: Sequence[str], k: int) -> list[list[tuple[str, float]]]:
    """The k most likely labels of each text with their probabilities, best first."""
    if not len(texts):
        return []
    probabilities = pipeline.predict_proba(list(texts))
    classes = pipeline.classes_
    k = max(1, min(k, len(classes)))
    order = np.argsort(-probabilities, axis=1)[:, :k]
    return [[(str(classes[j]), float(row[j])) for j in idx] for row, idx in zip(probabilities, order, strict=True)]


@dataclass(frozen=True)
class Evaluation:
    n_train: int
    n_test: int
    top1: float
    top3: float
    per_label: dict  # label -> {"precision", "recall", "f1", "support"}
    labels: list
    confusion: list  # rows: true label, columns: predicted label (order of `labels`)

    def as_dict(self) -> dict:
        return {
            "n_train": self.n_train, "n_test": self.n_test, "top1": self.top1, "top3": self.top3,
            "per_label": self.per_label, "labels": self.labels, "confusion": self.confusion,
        }


def evaluate(pipeline, texts: Sequence[str], labels: Sequence[str]) -> Evaluation:
    """Top-1, top-3, per-label figures and confusion of a fitted pipeline on held-back data."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    ranked = top_k(pipeline, texts, 3)
    first = [r[0][0] for r in ranked]
    top1 = float(np.mean([f == y for f, y in zip(first, labels, strict=True)])) if ranked else 0.0
    top3 = float(np.mean([y in {lab for lab, _ in r} for r, y in zip(ranked, labels, strict=True)])) if ranked else 0.0
    names = sorted(set(pipeline.classes_) | set(labels))
    precision, recall, f1, support = precision_recall_fscore_support(
        labels, first, labels=names, zero_division=0
    )
    per_label = {
        name: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
        for name, p, r, f, s in zip(names, precision, recall, f1, support, strict=True)
    }
    confusion = confusion_matrix(labels, first, labels=names).tolist()
    return Evaluation(0, len(labels), top1, top3, per_label, names, confusion)


def fit_and_evaluate(texts: Sequence[str], labels: Sequence[str], *, holdout: float, seed: int = 0,
                     progress: Callable[[str, float], None] | None = None, **pipeline_options):
    """Evaluate on a stratified held-back share, then refit on everything.
    Returns (pipeline fitted on all examples, Evaluation)."""
    from sklearn.model_selection import train_test_split

    step = progress or (lambda stage, share: None)
    texts, labels = list(texts), list(labels)
    evaluation = None
    if holdout > 0:
        x_train, x_test, y_train, y_test = train_test_split(
            texts, labels, test_size=holdout, stratify=labels, random_state=seed
        )
        step("evaluate", 0.1)
        held = build_pipeline(**pipeline_options).fit(x_train, y_train)
        step("evaluate", 0.5)
        result = evaluate(held, x_test, y_test)
        evaluation = replace(result, n_train=len(x_train))
    step("refit", 0.6)
    pipeline = build_pipeline(**pipeline_options).fit(texts, labels)
    step("refit", 0.9)
    return pipeline, evaluation


# --- near duplicates -------------------------------------------------------------------------

# Chosen on generated batches with planted duplicates (bench/classifier_bench.py): no cosine
# reaches recall ≥ 0.9 with precision ≥ 0.8 on a batch of 5,000 (0.4: recall 0.87, precision
# 0.67; 0.45: 0.76 / 0.82); on a batch of 600, 0.4 gives recall 0.94 at precision 0.80.
# See docs/dev/CLASSIFIER.md.
DEFAULT_SIMILARITY_THRESHOLD = 0.4
_BLOCK = 2000
# Words in more than this share of a batch say nothing about a matter, and skipping them keeps
# the sparse products small.
SIMILARITY_MAX_DF = 0.02
SIMILARITY_PRUNE = 0.1
SIMILARITY_LARGE_BATCH = 1000  # from this size on: max_df and pruning


def similarity_matrix(texts: Sequence[str]):
    """L2-normalised rows of TF-IDF over folded syllables (1–2-grams) and the names the text
    mentions (`names`, counted twice), fitted on the batch itself: words rare in the batch
    (a street, a village, a school) weigh most. In a large batch, words in
    more than SIMILARITY_MAX_DF of the texts are left out (they cannot tell matters apart, and
    leaving them out keeps the sparse products small)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vectorizer = TfidfVectorizer(
        analyzer="word", token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True,
        lowercase=False, dtype=np.float32, max_df=SIMILARITY_MAX_DF if len(texts) >= SIMILARITY_LARGE_BATCH else 1.0,
    )
    try:
        matrix = vectorizer.fit_transform(_with_names(texts))
    except ValueError:  # nothing but stop words / empty texts
        import scipy.sparse as sp

        return vectorizer, sp.csr_matrix((len(texts), 0), dtype=np.float32)
    matrix = normalize(matrix, copy=False)
    if SIMILARITY_PRUNE and len(texts) >= SIMILARITY_LARGE_BATCH:
        # Words that weigh almost nothing in a text add almost nothing to its cosines but
        # make every product longer: leave them out of the products.
        matrix.data[matrix.data < SIMILARITY_PRUNE] = 0
        matrix.eliminate_zeros()
    return vectorizer, matrix


_WORD = re.compile(r"[^\W_]+")


def names(text: str) -> list[str]:
    """The proper names and numbers a text mentions (capitalised words not opening a sentence,
    and numbers), folded: "đường Nguyễn Xiển, tổ 7" → ["nguyen", "xien", "7"]. They are what
    tells the same matter from the same kind of matter elsewhere."""
    found, sentence_start = [], True
    for token in (text or "").split():
        words = _WORD.findall(token)
        if words:
            core = words[0]
            if core.isdigit() or (core[0].isupper() and not sentence_start):
                found.append(fold(core))
        sentence_start = token[-1] in ".:!?;"
    return found


def _with_names(texts: Sequence[str]) -> list[str]:
    """Folded texts followed by their names twice, as separate tokens ("zz" + name), so a
    shared street, village or school weighs more than shared phrasing (measured on a generated
    batch of 5,000: at recall 0.87, precision 0.67 instead of 0.31 without them)."""
    out = []
    for folded, text in zip(fold_all(texts), texts, strict=True):
        extra = " ".join(f"zz{n}" for n in names(text))
        out.append(f"{folded} {extra} {extra}" if extra else folded)
    return out


def similar_pairs(texts: Sequence[str], *, threshold: float, only_rows: Sequence[int] | None = None):
    """(rows_a, rows_b, scores) arrays of the pairs with cosine ≥ threshold, rows_a < rows_b.
    Sparse products by blocks of rows keep memory bounded; `only_rows` limits the pairs to
    those involving at least one of these rows."""
    import scipy.sparse as sp

    empty = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32))
    n = len(texts)
    if n < 2:
        return empty
    _, matrix = similarity_matrix(texts)
    matrix = sp.csr_matrix(matrix, dtype=np.float32)
    transposed = matrix.T.tocsr()
    rows = np.arange(n) if only_rows is None else np.unique(np.asarray(only_rows, dtype=np.int64))
    inside = np.zeros(n, dtype=bool)
    inside[rows] = True
    found_a, found_b, found_s = [], [], []
    for start in range(0, len(rows), _BLOCK):
        block_rows = rows[start:start + _BLOCK]
        product = (matrix[block_rows] @ transposed).tocoo()
        r = block_rows[product.row]
        c = product.col.astype(np.int64)
        # each pair once: from its smaller row, or from the only row of it that was asked for
        keep = (product.data >= threshold) & (r != c) & ((r < c) | ~inside[c])
        r, c, v = r[keep], c[keep], product.data[keep]
        found_a.append(np.minimum(r, c))
        found_b.append(np.maximum(r, c))
        found_s.append(np.minimum(v, 1.0))
    if not found_a:
        return empty
    return np.concatenate(found_a), np.concatenate(found_b), np.concatenate(found_s)


def similarity_to(text: str, candidates: Sequence[str]) -> np.ndarray:
    """Cosine of `text` with each candidate, the vocabulary fitted on all of them."""
    _, matrix = similarity_matrix([text, *candidates])
    if matrix.shape[1] == 0:
        return np.zeros(len(candidates))
    return np.asarray((matrix[1:] @ matrix[0].T).todense()).ravel()
