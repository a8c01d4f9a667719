"""Caption cues for the ffmpeg peer, made the way the compositor makes them in
`sentence` mode (plugins/compositor/src/caption_track.cpp): the clip's timed words
cut at sentence ends into balanced phrases of at most 8 words, each shown from its
first word (the scene's first from the scene's start) until the next cue, lines
balanced to at most 23 characters (88 % of 1080 px at 64 px DejaVu Sans Bold)."""
from dataclasses import dataclass

MAX_PHRASE_WORDS = 8
MAX_LINE_CHARS = 23


@dataclass
class Cue:
    start_s: float
    end_s: float
    text: str


def ends_sentence(word):
    word = word.rstrip("\"')]»”’")
    return bool(word) and (word.endswith("…") or word[-1] in ".!?;:")


def phrase_ranges(words, max_words=MAX_PHRASE_WORDS):
    ranges, begin = [], 0
    for i, w in enumerate(words):
        if not ends_sentence(w) and i + 1 != len(words):
            continue
        n = i + 1 - begin
        parts = (n + max_words - 1) // max_words
        ranges += [(begin + n * p // parts, begin + n * (p + 1) // parts) for p in range(parts)]
        begin = i + 1
    return ranges


def wrap(words, width):
    starts, length = [], 0
    for i, w in enumerate(words):
        if length > 0 and length + 1 + len(w) > width:
            starts.append(i)
            length = len(w)
        else:
            length = len(w) if length == 0 else length + 1 + len(w)
    return starts


def balanced_lines(words, max_chars=MAX_LINE_CHARS):
    fewest = wrap(words, max_chars)
    total = sum(len(w) + 1 for w in words)
    starts = fewest
    for width in range(total // (len(fewest) + 1), max_chars):
        candidate = wrap(words, width)
        if len(candidate) <= len(fewest):
            starts = candidate
            break
    lines, begin = [], 0
    for s in starts + [len(words)]:
        lines.append(" ".join(words[begin:s]))
        begin = s
    return "\n".join(lines)


def cues_for(clips, timeline):
    cues = []
    for s, clip in enumerate(clips):
        words = [w["word"] for w in clip.get("words", [])]
        start_s = timeline.starts[s]
        next_start = timeline.starts[s + 1] if s + 1 < len(clips) else timeline.total_s
        if not words:
            continue
        for r, (first, last) in enumerate(phrase_ranges(words)):
            at = start_s if r == 0 else start_s + clip["words"][first]["start_s"]
            if at < next_start:
                cues.append(Cue(at, next_start, balanced_lines(words[first:last])))
    for a, b in zip(cues, cues[1:]):
        a.end_s = min(a.end_s, b.start_s)
    return cues
