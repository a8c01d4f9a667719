"""Inputs shared by the render and memory benchmarks, made once with reelflow's own
stages (bench/graphs/render-inputs.yaml): narration clips and pictures. From them:
a fixture JSON for the compositor (bench_fixture stage), and for ffmpeg the same
pictures, one narration WAV with every clip at its scene's start, and the music."""
import array
import json
import math
import shutil
import wave
from dataclasses import dataclass
from pathlib import Path

from .measure import run_measured

SCENES = 8
TRANSITION_S = 0.3
MIN_PADDING_S = 0.4
MAX_PADDING_S = 10.0
MUSIC_S = 64


@dataclass
class Timeline:
    """The compositor's timing (docs/stages/compositor.md, "Timing")."""
    durations: list   # d_i = clip_i + padding
    starts: list      # s_0 = 0, s_{i+1} = s_i + d_i - T
    padding_s: float
    total_s: float


def timeline_for(clip_durations, target_s):
    """Padding so that sum(d_i) - (n-1)T = target_s, kept within the compositor's
    sensible range (then the video is as long as it comes out)."""
    n = len(clip_durations)
    padding = (target_s + (n - 1) * TRANSITION_S - sum(clip_durations)) / n
    padding = min(MAX_PADDING_S, max(MIN_PADDING_S, padding))
    durations = [a + padding for a in clip_durations]
    starts = [0.0]
    for d in durations[:-1]:
        starts.append(starts[-1] + d - TRANSITION_S)
    return Timeline(durations, starts, padding, starts[-1] + durations[-1])


@dataclass
class Inputs:
    """The prepared files: per scene a narration clip (with word timings) and a picture."""
    directory: Path
    scenes: list    # scene dicts (narration, caption, ...)
    clips: list     # clip dicts: path, duration_s, words
    images: list    # Paths
    music: Path

    def fixture(self, name, scene_count, target_s):
        """A fixture JSON with scene_count scenes (the 8 prepared ones cycled) timed to
        last target_s; returns (path, Timeline, scene list)."""
        picks = [i % len(self.scenes) for i in range(scene_count)]
        scenes, clips, images = [], [], []
        for k, i in enumerate(picks):
            scenes.append(dict(self.scenes[i], index=k))
            clips.append(dict(self.clips[i], scene_index=k))
            images.append(str(self.images[i]))
        timeline = timeline_for([c["duration_s"] for c in clips], target_s)
        path = self.directory / f"{name}.json"
        path.write_text(json.dumps({"scenes": {"title": "bench", "scenes": scenes}, "audio": {"clips": clips},
                                    "images": {"images": images}}, indent=1))
        return path, timeline, scenes, clips, images


def prepare(ctx):
    """Makes the inputs unless bench/results/work/render-inputs already has them."""
    directory = ctx.work / "render-inputs"
    manifest = directory / "inputs.json"
    if manifest.exists():
        data = json.loads(manifest.read_text())
        return Inputs(directory, data["scenes"], data["clips"], [Path(p) for p in data["images"]],
                      Path(data["music"]))
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    run_dir = directory / "run"
    cmd = [str(ctx.reelflow), "run", str(ctx.graphs / "render-inputs.yaml"), "--no-cache", "--keep-work",
           "--events", "json", "-o", str(run_dir)]
    sample = run_measured(cmd, ctx.logs("render-inputs"), "prepare", env=ctx.env())
    outputs = outputs_of(sample.stdout)
    scenes = outputs["scenes.scenes"]["scenes"]
    clips = outputs["voice.audio"]["clips"]
    images = outputs["images.images"]["images"]
    if min(len(scenes), len(clips), len(images)) < SCENES:
        raise RuntimeError(f"render-inputs.yaml made {len(scenes)} scenes, need {SCENES}")
    kept_clips, kept_images = [], []
    for i in range(SCENES):
        wav = directory / f"narration_{i:02d}.wav"
        shutil.copyfile(clips[i]["path"], wav)
        kept_clips.append(dict(clips[i], path=str(wav)))
        picture = directory / f"picture_{i:02d}{Path(images[i]).suffix}"
        shutil.copyfile(images[i], picture)
        kept_images.append(picture)
    shutil.rmtree(run_dir, ignore_errors=True)
    music = directory / "music.wav"
    write_music(music, MUSIC_S)
    inputs = Inputs(directory, scenes[:SCENES], kept_clips, kept_images, music)
    manifest.write_text(json.dumps({"scenes": inputs.scenes, "clips": inputs.clips,
                                    "images": [str(p) for p in kept_images], "music": str(music)}, indent=1))
    return inputs


def outputs_of(events_path):
    for line in Path(events_path).read_text().splitlines():
        if line.startswith("{"):
            event = json.loads(line)
            if event.get("event") == "outputs":
                return event["outputs"]
    raise RuntimeError(f"no outputs event in {events_path}")


def write_music(path, seconds, rate=48000):
    """A soft four-chord pad, 2 s per chord, 16-bit stereo: music-like, seamless when
    looped, and deterministic. One 8 s cycle is computed and repeated."""
    chords = [(220.0, 277.18, 329.63), (196.0, 246.94, 293.66), (174.61, 220.0, 261.63), (196.0, 246.94, 311.13)]
    cycle = array.array("h")
    per_chord = 2 * rate
    for freqs in chords:
        for n in range(per_chord):
            t = n / rate
            envelope = math.sin(math.pi * n / per_chord) ** 0.5
            v = sum(math.sin(2 * math.pi * f * t) for f in freqs) / len(freqs)
            s = int(12000 * envelope * v)
            cycle.append(s)
            cycle.append(s)
    repeats = math.ceil(seconds / 8)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        for _ in range(repeats):
            w.writeframes(cycle.tobytes())


def write_voice_track(path, clips, timeline):
    """All narration clips in one WAV, each at its scene's start and cut at its scene's
    end, the whole as long as the video: what the compositor places on its timeline."""
    with wave.open(str(clips[0]["path"]), "rb") as first:
        rate, width, channels = first.getframerate(), first.getsampwidth(), first.getnchannels()
    if width != 2:
        raise RuntimeError("narration clips must be 16-bit PCM")
    total = int(round(timeline.total_s * rate))
    track = array.array("h", bytes(2 * total * channels))
    for clip, start, duration in zip(clips, timeline.starts, timeline.durations):
        with wave.open(clip["path"], "rb") as w:
            if (w.getframerate(), w.getnchannels()) != (rate, channels):
                raise RuntimeError(f"{clip['path']}: format differs from the first clip")
            samples = array.array("h", w.readframes(w.getnframes()))
        offset = int(round(start * rate)) * channels
        limit = min(len(samples), int(duration * rate) * channels, len(track) - offset)
        for i in range(limit):
            track[offset + i] = max(-32768, min(32767, track[offset + i] + samples[i]))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(track.tobytes())
