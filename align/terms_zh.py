"""The Chinese side of term extraction: tokens, function words, candidate units.

Chinese is cut into words by jieba's dictionary and dynamic program
(:func:`untm.text.words.cut`), with the termbase's Chinese terms added when there is a
termbase. A *candidate* is a run of whole tokens inside one clause (punctuation other
than 《》 and 、 ends it) that neither starts nor ends with a function word (的, 和,
在, 对, 将 ...) and holds no digit or Latin letter: 民事和行政诉讼 is a candidate, 和行政诉讼
and 民事和 are not.

Units proposed by sentencepiece: a unigram model trained on the Chinese side of the
input (and the termbase's Chinese terms), with a small vocabulary, in-process, makes
pieces of the strings the text repeats (不限成员名额, 缔约国会议). Consecutive jieba tokens
inside one piece are merged into one token, so that a candidate never starts or ends
inside a unit the text itself shows to be one (see :func:`merge_with_pieces`).

Nested-term statistics: the C-value of a candidate (Frantzi, Ananiadou and Mima 2000)
discounts the occurrences it owes to the longer candidates that contain it:
``log2(len) * (f(a) - mean f(b) over the longer candidates b containing a)``.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from untm.text.normalize import fold_width

__all__ = [
    "FUNCTION_WORDS",
    "ZhToken",
    "c_values",
    "clean_zh",
    "merge_with_pieces",
    "tokenize",
    "train_pieces",
]

#: Tokens a term never starts or ends with: particles, conjunctions, prepositions,
#: pronouns, auxiliaries and adverbs of the running text.
FUNCTION_WORDS = frozenset(
    "的 地 得 之 和 与 及 以及 或 或者 并 并且 而 而且 且 在 于 对 对于 向 从 自 由 把 被 将 为 "  # noqa: SIM905
    "以 以便 使 让 给 是 了 着 过 也 都 又 还 就 才 所 其 这 该 此 各 每 这些 那些 这种 其中 "
    "等 等等 已 已经 曾 应 应当 应该 可 可以 能 能够 会 要 须 必须 没有 未 无 非常 很 更 最 "
    "如 如何 如果 若 因 因为 由于 所以 因此 但 但是 然而 即 即使 虽然 以下 以上 下列 如下 "
    "上 下 中 内 外 时 后 前 间 里 方面 期间 之间 以来 起 至 到 及其 有关 相关 关于 通过 "
    "根据 按照 依照 为了 包括 其他 另外 同时 分别 进一步 继续 进行 开展 作出 提出 作为 就 "
    "我们 他们 它们 本 该项 有 没 所有 任何 一切 这项 一些 若干 一 两 个 次 项 份 名 随后 "
    "几位 一位 多位 许多 部分 多数 大多数 几个 各种 不同 主要 重要".split()
)
#: Function words never inside a term: adverbs, auxiliaries, pronouns, conjunctions of
#: clauses (the words a sentence fragment has and a term does not).
NEVER_INSIDE = frozenset(
    "将 还 也 已 已经 曾 应 应当 应该 可 可以 能 能够 会 要 须 必须 都 又 就 才 即 这 这些 那些 "  # noqa: SIM905
    "这种 该 此 其中 我们 他们 它们 但 但是 然而 所以 因此 如果 若 虽然 并且 而且 了 着 过 是 "
    "没有 未 非常 很 更 如何 以便 因为 由于 即使 等等 让 把 被 给 指出 表示 强调 鼓励 注意到 欢迎 "
    "认为 提到 呼吁 介绍 说 还有 同意 希望 承认 回顾 赞扬 感谢 询问 答复".split()
)
#: Function words allowed at the start of a candidate (其他事项 other matters).
START_OK = frozenset(["其他", "通过", "关于"])
#: Conjunctions: a candidate joined of parts the text also has alone is a list, not a term.
CONJUNCTIONS = frozenset(["和", "与", "及", "以及", "或", "或者", "、"])
#: Function words allowed at the end (会议期间? no; 之间 no): none for now.
END_OK: frozenset[str] = frozenset()

#: Characters that end a clause; 《》 and 、 do not.
_CLAUSE_END = set('，。；：！？（）()“”"‘’「」『』[]【】,;:!?…—-/\n\t ·•')
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def clean_zh(text: str) -> str:
    """A Chinese segment as candidates are read from it: spaces between Chinese
    characters (PDF extraction) removed, full-width ASCII folded."""
    return _CJK_SPACE.sub("", fold_width(text).strip())


@dataclass(frozen=True, slots=True)
class ZhToken:
    text: str
    start: int
    #: punctuation or other clause end: no candidate crosses it
    is_break: bool
    #: a function word, a digit or a Latin token: no candidate starts or ends with it
    is_function: bool
    #: the token cannot be inside a candidate at all (digits, Latin, adverbs ...)
    blocks: bool


@functools.cache
def _base() -> dict[str, int]:
    from untm.text.words import _base_words

    return _base_words()


def tokenize(text: str, extra: dict[str, int] | None = None) -> list[ZhToken]:
    """jieba's tokens of a cleaned segment, classified."""
    from untm.text.words import cut

    words = {**_base(), **extra} if extra else _base()
    out = []
    at = 0
    for tok in cut(text, words):
        out.append(_classify(tok, at))
        at += len(tok)
    return out


def _classify(tok: str, start: int) -> ZhToken:
    brk = tok in _CLAUSE_END or all(ch in _CLAUSE_END for ch in tok)
    latin = bool(_LATIN_OR_DIGIT.search(tok))
    title = tok in ("《", "》", "、")
    func = tok in FUNCTION_WORDS or latin or title
    return ZhToken(tok, start, brk, func, latin or tok in NEVER_INSIDE)


def merge_with_pieces(tokens: Sequence[ZhToken], pieces: Sequence[str]) -> list[ZhToken]:
    """Tokens with the runs of whole tokens that one sentencepiece piece covers merged
    into one token (a piece that cuts a token in two changes nothing)."""
    if not pieces:
        return list(tokens)
    ends = set()
    at = 0
    for p in pieces:
        at += len(p)
        ends.add(at)
    starts = {0} | ends
    out: list[ZhToken] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if t.is_break or t.blocks or t.start not in starts:
            out.append(t)
            i += 1
            continue
        # the longest run of tokens from i that ends at a piece end, inside one piece
        j = i + 1
        best = i + 1
        end = t.start + len(t.text)
        while j <= n:
            if end in ends:
                best = j
                break
            if j == n:
                break
            nxt = tokens[j]
            if nxt.is_break or nxt.blocks or nxt.start in starts:
                break
            end += len(nxt.text)
            j += 1
        if best > i + 1:
            text = "".join(x.text for x in tokens[i:best])
            out.append(ZhToken(text, t.start, False, text in FUNCTION_WORDS, False))
        else:
            out.append(t)
        i = best
    return out


#: Longest piece: a word, not a phrase (a piece is a unit a term does not cut).
PIECE_CHARS = 6


def piece_cuts(model: object, tokens: Sequence[ZhToken]) -> frozenset[int]:
    """Offsets inside a piece (where a candidate may not start or end): each content run
    of the tokens encoded on its own, as the model was trained."""
    inside: set[int] = set()
    run: list[ZhToken] = []
    for t in [*tokens, ZhToken("", -1, True, True, True)]:
        if t.is_break or t.is_function or t.blocks:
            if run:
                at = run[0].start
                for p in pieces_of(model, "".join(x.text for x in run)):
                    inside.update(range(at + 1, at + len(p)))
                    at += len(p)
                run = []
        else:
            run.append(t)
    return frozenset(inside)


def content_runs(tokens: Sequence[ZhToken]) -> list[str]:
    """The runs of content tokens of a segment (between function words and breaks):
    what sentencepiece is trained on, so that no piece holds 的 or 和."""
    runs: list[str] = []
    cur: list[str] = []
    for t in tokens:
        if t.is_break or t.is_function or t.blocks:
            if cur:
                runs.append("".join(cur))
                cur = []
        else:
            cur.append(t.text)
    if cur:
        runs.append("".join(cur))
    return runs


def train_pieces(lines: Sequence[str], vocab: int = 0) -> object | None:
    """A sentencepiece unigram model of ``lines`` (content runs of the Chinese side,
    and the termbase's Chinese terms), trained in memory; None when there is too
    little text to train on."""
    import sentencepiece as spm

    lines = [x for x in lines if len(x) > 1]
    chars = {c for line in lines for c in line}
    if len(lines) < 5 or len(chars) < 20:
        return None
    size = vocab or max(len(chars) + 200, int(len(chars) * 1.6))
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        split_by_number=True,
        split_by_unicode_script=True,
        max_sentencepiece_length=PIECE_CHARS,
        add_dummy_prefix=False,
        minloglevel=2,
        num_threads=1,
    )
    return spm.SentencePieceProcessor(model_proto=model.getvalue())


def pieces_of(model: object, text: str) -> list[str]:
    """The pieces of ``text`` (its characters, in order: no dummy prefix)."""
    pieces: list[str] = model.encode(text, out_type=str)  # type: ignore[attr-defined]
    out = [p.replace("▁", " ") for p in pieces]
    return out if "".join(out) == text else []


def c_values(freqs: Counter[str], nested_in: dict[str, set[str]]) -> dict[str, float]:
    """The C-value of every candidate: its length (log2 of its characters, at least 1)
    times its frequency less the mean frequency of the longer candidates containing it."""
    out = {}
    for a, f in freqs.items():
        longer = nested_in.get(a)
        weight = math.log2(max(2, len(a)))
        own = float(f)
        if longer:
            own -= sum(freqs[b] for b in longer) / len(longer)
        out[a] = weight * own
    return out
