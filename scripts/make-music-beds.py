#!/usr/bin/env python3
"""Generates the music beds shipped in graphs/assets/music/ (calm.ogg, upbeat.ogg).

Royalty-free by construction: every note is synthesised here from sines and a seeded
noise generator, so the output is the same bytes of PCM on every run. Each bed is a
whole number of bars and every note's tail that runs past the end is added back at
the start, so the PCM is exactly periodic; the file holds one period plus the first 50 ms again,
which the compositor's seam crossfade lays over the next pass's start.

    scripts/make-music-beds.py            # writes graphs/assets/music/*.ogg
    scripts/make-music-beds.py --wav DIR  # also keeps the 48 kHz WAVs in DIR

Needs python3 (standard library only) and gst-launch-1.0 with opusenc and oggmux
(gstreamer1.0-plugins-base). Encoding: Opus 48 kbit/s stereo in Ogg.
"""
import argparse
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import wave

RATE = 48000
TWO_PI = 2.0 * math.pi


def midi_hz(note):
    return 440.0 * 2.0 ** ((note - 69) / 12.0)


class Loop:
    """A stereo buffer of a whole number of bars; writes wrap around its end."""

    def __init__(self, bpm, bars):
        self.beat = 60.0 / bpm
        self.bar = 4 * self.beat
        self.frames = round(bars * self.bar * RATE)
        assert abs(self.frames - bars * self.bar * RATE) < 1e-6, "bars must be a whole number of samples"
        self.left = [0.0] * self.frames
        self.right = [0.0] * self.frames

    def add(self, start_s, samples, pan):
        """Adds mono `samples` from `start_s`, panned (0 left .. 1 right, equal power)."""
        gl, gr = math.cos(pan * math.pi / 2), math.sin(pan * math.pi / 2)
        n = self.frames
        first = round(start_s * RATE)
        for i, v in enumerate(samples):
            k = (first + i) % n
            self.left[k] += gl * v
            self.right[k] += gr * v


def pad_tone(hz, length_s, attack_s, release_s, level, detune_cents):
    """A soft sustained tone: two slightly detuned voices, three gentle partials,
    raised-cosine attack and release (the release runs past length_s)."""
    total = int((length_s + release_s) * RATE)
    attack, sustain_end = int(attack_s * RATE), int(length_s * RATE)
    release = total - sustain_end
    ratio = 2.0 ** (detune_cents / 1200.0)
    w1, w2 = TWO_PI * hz / RATE, TWO_PI * hz * ratio / RATE
    out = [0.0] * total
    for i in range(total):
        if i < attack:
            env = 0.5 - 0.5 * math.cos(math.pi * i / attack)
        elif i < sustain_end:
            env = 1.0
        else:
            env = 0.5 + 0.5 * math.cos(math.pi * (i - sustain_end) / release)
        p1, p2 = w1 * i, w2 * i
        v = math.sin(p1) + math.sin(p2) + 0.22 * (math.sin(2 * p1) + math.sin(2 * p2)) + 0.06 * math.sin(3 * p1)
        out[i] = level * env * v
    return out


def pluck(hz, length_s, decay_s, level, brightness=0.3):
    """A plucked or bell-like note: fast attack, exponential decay, a faster-decaying
    octave partial."""
    total = int(length_s * RATE)
    w = TWO_PI * hz / RATE
    attack = int(0.006 * RATE)
    fade = int(0.05 * RATE)  # the last 50 ms go smoothly to zero
    out = [0.0] * total
    for i in range(total):
        t = i / RATE
        env = math.exp(-t / decay_s)
        if i < attack:
            env *= i / attack
        if i > total - fade:
            env *= (total - i) / fade
        out[i] = level * env * (math.sin(w * i) + brightness * math.exp(-t / (0.3 * decay_s)) * math.sin(2 * w * i))
    return out


def kick(level):
    """A soft kick: a sine falling from 110 to 48 Hz over 0.25 s."""
    total = int(0.3 * RATE)
    out, phase = [0.0] * total, 0.0
    for i in range(total):
        t = i / RATE
        hz = 48 + 62 * math.exp(-t / 0.04)
        phase += TWO_PI * hz / RATE
        env = math.exp(-t / 0.09) * min(1.0, i / (0.002 * RATE)) * (1.0 - i / total)
        out[i] = level * env * math.sin(phase)
    return out


def shaker(rng, level):
    """A short high-passed noise burst."""
    total = int(0.09 * RATE)
    out, prev_in, prev_out = [0.0] * total, 0.0, 0.0
    for i in range(total):
        x = rng.uniform(-1.0, 1.0)
        prev_out = 0.85 * (prev_out + x - prev_in)  # one-pole high-pass
        prev_in = x
        env = math.exp(-i / (0.018 * RATE)) * min(1.0, i / (0.003 * RATE)) * (1.0 - i / total)
        out[i] = level * env * prev_out
    return out


# Chords as (bass root, pad voicing), MIDI note numbers: Cmaj7, Am7, Fmaj7, G6.
PROGRESSION = [
    (48, [55, 59, 64, 71]),
    (45, [52, 57, 60, 67]),
    (41, [53, 57, 60, 64]),
    (43, [55, 59, 62, 64]),
]


def calm():
    """80 BPM, 8 bars (24 s): a slow pad, a low bass note per chord, one bell a bar."""
    loop = Loop(bpm=80, bars=8)
    chord_s = 2 * loop.bar
    for c, (root, voicing) in enumerate(PROGRESSION):
        start = c * chord_s
        for v, note in enumerate(voicing):
            loop.add(start, pad_tone(midi_hz(note), chord_s, 1.2, 1.5, 0.05, 4 + v), 0.3 + 0.4 * (v % 2))
        loop.add(start, pad_tone(midi_hz(root - 12), chord_s, 0.6, 1.0, 0.10, 1), 0.5)
        for bar in range(2):
            bell = voicing[3 - 2 * bar] + 12
            loop.add(start + bar * loop.bar + loop.beat, pluck(midi_hz(bell), 2.5, 0.8, 0.06), 0.35 + 0.3 * bar)
    return loop


def upbeat():
    """100 BPM, 8 bars (19.2 s): pad, eighth-note arpeggio, plucked bass, kick and shaker."""
    loop = Loop(bpm=100, bars=8)
    rng = random.Random(20240515)
    chord_s = 2 * loop.bar
    eighth = loop.beat / 2
    pattern = [0, 1, 2, 3, 2, 1, 2, 3]
    for c, (root, voicing) in enumerate(PROGRESSION):
        start = c * chord_s
        for v, note in enumerate(voicing):
            loop.add(start, pad_tone(midi_hz(note), chord_s, 0.4, 0.8, 0.025, 5 + v), 0.3 + 0.4 * (v % 2))
        for step in range(16):
            note = voicing[pattern[step % 8]] + 12
            loop.add(start + step * eighth, pluck(midi_hz(note), 0.6, 0.22, 0.05, 0.4), 0.3 + 0.4 * (step % 2))
        for beat in range(8):
            t = start + beat * loop.beat
            if beat % 2 == 0:
                loop.add(t, pluck(midi_hz(root - 12), 0.7, 0.35, 0.16, 0.5), 0.5)
                loop.add(t, kick(0.35), 0.5)
            loop.add(t + eighth, shaker(rng, 0.05), 0.62)
    return loop


# Opus decoders drop the stream's first `pre-skip` samples; RFC 7845 recommends 80 ms
# of them when a stream starts mid-signal, so the decoder has converged by the first
# sample played. We encode the loop with its own last 80 ms before it and its first
# 80 ms after it, then mark both as not to be played (pre-skip, final granule
# position): the decoded start and end are then those of a loop that never stopped.
GUARD = 3840
# The compositor crossfades the last 50 ms of a music file into its first 50 ms each
# time it loops (docs/stages/compositor.md, "Audio"); a bed that ends with its own
# first 50 ms again is crossfaded with itself there, so the loop keeps its period.
SEAM = 2400


def write_wav(loop, path, peak_dbfs=-3.0):
    """The loop plus its first SEAM frames, with GUARD frames of wrap-around before and
    after, peak-normalised."""
    peak = max(max(abs(v) for v in loop.left), max(abs(v) for v in loop.right))
    gain = 10 ** (peak_dbfs / 20.0) / peak
    frames = bytearray()
    n = loop.frames
    for i in range(-GUARD, n + SEAM + GUARD):
        l, r = loop.left[i % n], loop.right[i % n]
        frames += struct.pack("<hh", round(l * gain * 32767), round(r * gain * 32767))
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))


def ogg_crc(data):
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg_pages(data):
    """(offset, length) of each Ogg page."""
    pos = 0
    while pos < len(data):
        assert data[pos:pos + 4] == b"OggS", "not an Ogg page"
        segments = data[pos + 26]
        body = sum(data[pos + 27:pos + 27 + segments])
        length = 27 + segments + body
        yield pos, length
        pos += length


def hide_guards(ogg):
    """Pre-skip += GUARD (the OpusHead packet) and the last page's granule position
    -= GUARD, with both pages' CRCs recomputed."""
    data = bytearray(ogg)
    pages = list(ogg_pages(data))

    def patch(offset, length, edit):
        edit(offset)
        data[offset + 22:offset + 26] = b"\0\0\0\0"
        data[offset + 22:offset + 26] = struct.pack("<I", ogg_crc(data[offset:offset + length]))

    first, first_len = pages[0]
    head = first + 27 + data[first + 26]
    assert data[head:head + 8] == b"OpusHead"

    def more_pre_skip(_):
        (pre_skip,) = struct.unpack_from("<H", data, head + 10)
        struct.pack_into("<H", data, head + 10, pre_skip + GUARD)

    def less_granule(offset):
        (granule,) = struct.unpack_from("<q", data, offset + 6)
        struct.pack_into("<q", data, offset + 6, granule - GUARD)

    patch(first, first_len, more_pre_skip)
    patch(*pages[-1], less_granule)
    return bytes(data)


def encode(wav_path, ogg_path):
    tmp = ogg_path + ".tmp"
    subprocess.run(["gst-launch-1.0", "-q", "filesrc", f"location={wav_path}", "!", "wavparse", "!", "audioconvert",
                    "!", "opusenc", "bitrate=48000", "bitrate-type=vbr", "audio-type=generic", "!", "oggmux", "!",
                    "filesink", f"location={tmp}"], check=True)
    with open(tmp, "rb") as f:
        data = hide_guards(f.read())
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, ogg_path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "..", "graphs", "assets", "music"))
    parser.add_argument("--wav", help="also keep the WAVs in this directory")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (("calm", calm), ("upbeat", upbeat)):
            wav_dir = args.wav or tmp
            os.makedirs(wav_dir, exist_ok=True)
            wav = os.path.join(wav_dir, name + ".wav")
            write_wav(make(), wav)
            encode(wav, os.path.join(args.out, name + ".ogg"))
            print(os.path.join(args.out, name + ".ogg"), file=sys.stderr)


if __name__ == "__main__":
    main()
