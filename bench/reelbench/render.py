"""Benchmark 2: render speed. The compositor (reelflow run of bench/graphs/render.yaml)
against one ffmpeg command doing the same video from the same files, and against its
floor: x264 alone encoding reelflow's own frames (x264_floor.py). Then the outputs are
compared with each other (SSIM, PSNR) so quality is not traded for speed."""
import json
import re
import shutil
import subprocess

from . import captions, ffmpeg_render, render_inputs
from .measure import Series, paired_ratio, run_measured
from .x264_floor import Floor, x264_differences


def settings(ctx):
    """(scenes, target seconds, frame width, height)."""
    return (4, 12.0, 540, 960) if ctx.quick else (8, 60.0, 1080, 1920)


def compositor_command(ctx, fixture, inputs, timeline, width, out_dir, output="render.mp4", graph="render.yaml",
                       bitrate_kbps=0, shape=None):
    bitrate = ["--set", f"bitrate={bitrate_kbps}"] if bitrate_kbps else []
    bitrate += ["--set", f"shape={shape}"] if shape else []
    return [str(ctx.reelflow), "run", str(ctx.graphs / graph), "--plugin-path", str(ctx.fixture_plugins),
            "--no-cache", "--events", "json", "-o", str(out_dir),
            "--set", f"fixture={fixture}", "--set", f"music={inputs.music}",
            "--set", f"padding={timeline.padding_s:.6f}", "--set", f"width={width}", "--set", f"output={output}"] + bitrate


def stage_duration(events_path, stage):
    for line in events_path.read_text().splitlines():
        if line.startswith("{"):
            e = json.loads(line)
            if e.get("event") == "stage_finished" and e.get("stage") == stage:
                return e["duration_s"]
    return None


def run(ctx):
    inputs = render_inputs.prepare(ctx)
    scenes, target, width, height = settings(ctx)
    fixture, timeline, _, clips, images = inputs.fixture("render", scenes, target)
    work = ctx.fresh_dir("render")
    voice = work / "narration-timeline.wav"
    render_inputs.write_voice_track(voice, clips, timeline)
    cue_dir = work / "cues"
    cue_dir.mkdir()
    cues = captions.cues_for(clips, timeline)
    script = work / "filter.txt"
    script.write_text(ffmpeg_render.filter_script(timeline, cues, cue_dir, width, height, len(images), len(images) + 1))
    ff_out = work / "ffmpeg.mp4"
    ff_cmd = ffmpeg_render.command(images, voice, inputs.music, script, ff_out, timeline.total_s, width, height)
    rf_dir = work / "reelflow"
    rf_cmd = compositor_command(ctx, fixture, inputs, timeline, width, rf_dir)
    logs = ctx.logs("render")
    reel, ff = Series("reelflow compositor"), Series("ffmpeg")
    stage_s = []

    def reelflow_side(warmup=False, index=0):
        s = run_measured(rf_cmd, logs, f"reelflow-{'warm' if warmup else index}", env=ctx.env())
        if not warmup:
            reel.add(s)
            stage_s.append(stage_duration(s.stdout, "video"))

    def ffmpeg_side(warmup=False, index=0):
        s = run_measured(ff_cmd, logs, f"ffmpeg-{'warm' if warmup else index}", env=ctx.env())
        if not warmup:
            ff.add(s)

    floor_runs = Series("x264 alone on reelflow's frames")
    floor = None

    def floor_side(index):
        floor_runs.add(run_measured(floor.command(), logs, f"x264-floor-{index}", env=ctx.env()))

    # No warm-up: a render is long next to start-up, and making the inputs ran reelflow.
    # Rounds alternate the three sides so a change in machine load hits them alike; the
    # floor's frames come from the first round's render.
    try:
        for i in range(ctx.runs):
            reelflow_side(index=i)
            if floor is None:
                floor = make_floor(ctx, fixture, inputs, timeline, width, height, work, logs, rf_dir / "render.mp4")
            ffmpeg_side(index=i)
            floor_side(i)
    finally:
        if floor is not None:
            floor.cleanup()
    rf_out = rf_dir / "render.mp4"
    video_s = timeline.total_s
    stage_s = sorted(x for x in stage_s if x is not None)
    return {
        "video": {"seconds": round(video_s, 3), "width": width, "height": height, "fps": ffmpeg_render.FPS,
                  "scenes": scenes, "captions": len(cues), "padding_s": round(timeline.padding_s, 3)},
        "reelflow": reel.to_json(),
        "ffmpeg": ff.to_json(),
        "compositor_stage_s": round(stage_s[len(stage_s) // 2], 3) if stage_s else None,
        "realtime_reelflow": round(video_s / reel.wall_s, 3),
        "realtime_ffmpeg": round(video_s / ff.wall_s, 3),
        "wall_ratio": round(paired_ratio(reel, ff, "wall_s"), 4),
        "cpu_ratio": round(paired_ratio(reel, ff, "cpu_s"), 4),
        "wall_ratio_of_medians": round(reel.wall_s / ff.wall_s, 4),
        "cpu_ratio_of_medians": round(reel.cpu_s / ff.cpu_s, 4),
        "rss_ratio": round(reel.max_rss_mb / ff.max_rss_mb, 4),
        "x264_floor": floor_runs.to_json(),
        "floor_wall_ratio": round(paired_ratio(reel, floor_runs, "wall_s"), 4),
        "floor_cpu_ratio": round(paired_ratio(reel, floor_runs, "cpu_s"), 4),
        "floor_stage_ratio": round(stage_s[len(stage_s) // 2] / floor_runs.wall_s, 4) if stage_s else None,
        "floor_x264_settings_differing": x264_differences(rf_out, floor.output),
        "shapes_against_floor": shapes_against_floor(ctx, fixture, inputs, timeline, logs),
        "outputs": {"reelflow": probe(rf_out), "ffmpeg": probe(ff_out)},
        "quality": compare(rf_out, ff_out),
        "x264_settings_differing": x264_differences(rf_out, ff_out),
        "ffmpeg_command": " ".join(ff_cmd),
        "ffmpeg_filter_script": str(script),
    }


def make_floor(ctx, fixture, inputs, timeline, width, height, work, logs, rendered, shape=None):
    """The floor's frames: the same render once more (untimed) at 200 Mbit/s, so that
    decoded they are reelflow's frames within a rounding, not a CRF 23 copy of them
    (smoother, hence cheaper for x264 than what the timed render encoded)."""
    frames_dir = work / "floor-frames"
    run_measured(compositor_command(ctx, fixture, inputs, timeline, width, frames_dir, bitrate_kbps=200000, shape=shape),
                 logs, "reelflow-floor-frames", env=ctx.env())
    floor = Floor(frames_dir / "render.mp4", rendered, width, height, ffmpeg_render.FPS, work)
    shutil.rmtree(frames_dir)  # 1.5 GB a minute at 1080p: the raw frames are what is kept
    return floor


# The other frame shapes against their own floor (no ffmpeg peer): (shape, width, height).
SHAPES = (("16:9", 1920, 1080), ("1:1", 1080, 1080))


def shapes_against_floor(ctx, fixture, inputs, timeline, logs):
    """Each other shape rendered `runs` times, alternating with x264 alone on its frames."""
    results = {}
    for shape, width, height in SHAPES:
        if ctx.quick:
            width, height = width // 2, height // 2
        work = ctx.fresh_dir("render-" + shape.replace(":", "x"))
        reel, floor_runs = Series(f"reelflow {shape}"), Series(f"x264 alone {shape}")
        rf_cmd = compositor_command(ctx, fixture, inputs, timeline, width, work / "reelflow", shape=shape)
        floor = None
        try:
            for i in range(ctx.runs):
                reel.add(run_measured(rf_cmd, logs, f"reelflow-{shape}-{i}", env=ctx.env()))
                if floor is None:
                    floor = make_floor(ctx, fixture, inputs, timeline, width, height, work, logs,
                                       work / "reelflow" / "render.mp4", shape=shape)
                floor_runs.add(run_measured(floor.command(), logs, f"x264-floor-{shape}-{i}", env=ctx.env()))
        finally:
            if floor is not None:
                floor.cleanup()
        results[shape] = {"width": width, "height": height, "reelflow": reel.to_json(), "x264_floor": floor_runs.to_json(),
                          "floor_wall_ratio": round(paired_ratio(reel, floor_runs, "wall_s"), 4),
                          "floor_cpu_ratio": round(paired_ratio(reel, floor_runs, "cpu_s"), 4),
                          "realtime_reelflow": round(timeline.total_s / reel.wall_s, 3)}
    return results


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration,bit_rate:stream=codec_name,width,height,nb_frames",
                          "-of", "json", str(path)], capture_output=True, text=True, check=True)
    j = json.loads(out.stdout)
    fmt = j.get("format", {})
    return {
        "duration_s": round(float(fmt.get("duration", 0)), 3),
        "bitrate_kbps": round(int(fmt.get("bit_rate", 0)) / 1000),
        "size_mb": round(path.stat().st_size / 1e6, 2),
        "streams": [{k: s.get(k) for k in ("codec_name", "width", "height", "nb_frames") if k in s}
                    for s in j.get("streams", [])],
    }


def compare(a, b):
    """SSIM and PSNR of a against b, frame by frame (luma and chroma), via ffmpeg."""
    lavfi = "[0:v]settb=AVTB,setpts=PTS-STARTPTS,split[a1][a2];[1:v]settb=AVTB,setpts=PTS-STARTPTS,split[b1][b2];" \
            "[a1][b1]ssim;[a2][b2]psnr"
    out = subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-i", str(a), "-i", str(b), "-lavfi", lavfi,
                          "-f", "null", "-"], capture_output=True, text=True)
    ssim = re.search(r"SSIM .*All:([0-9.]+)", out.stderr)
    psnr = re.search(r"PSNR .*average:([0-9.inf]+)", out.stderr)
    return {"ssim_all": float(ssim.group(1)) if ssim else None,
            "psnr_avg_db": float(psnr.group(1)) if psnr else None}
