"""Benchmark: shot detection speed (issue 13), frames per second against PySceneDetect.

The input: 60 s (quick: 20 s) of 1920x1080@30 H.264, six (quick: four) shots of
ffmpeg test sources joined by hard cuts, made once with ffmpeg. Measured in rounds,
each side once per round:
- peer: PySceneDetect's detect-content path (bench/reelbench/pyscenedetect_peer.py:
  cv2.VideoCapture on a decode thread, downscale, HSV, mean differences), Python 3 +
  OpenCV 4.6 + NumPy from Debian;
- reelflow `shot_detect` on the file with `decoder: opencv` (the same decoder,
  cv2.VideoCapture's FFmpeg backend) and `decoder: gstreamer` (decodebin -> appsink);
- reelflow `av_source -> shot_detect_stream`: the stream form, the file decoded by
  GStreamer at its own size.
All sides use PySceneDetect's defaults (threshold 27, min_scene_len 15, auto
downscale) and do only what the peer does (no dissolve/fade pass, no thumbnails).
Frames per second = the file's frames / wall time of the whole command (start-up
included). The cut frames each side found are reported and compared.
"""
import json
import subprocess

from .measure import Series, paired_ratio, run_measured

SOURCES = ["testsrc2", "smptehdbars", "gradients=speed=0.05", "rgbtestsrc", "testsrc", "yuvtestsrc"]


def make_input(path, shots, shot_s):
    if path.exists():
        return path
    cmd = ["ffmpeg", "-v", "error", "-y"]
    for source in SOURCES[:shots]:
        cmd += ["-f", "lavfi", "-i", f"{source}{':' if '=' in source else '='}size=1920x1080:rate=30:duration={shot_s}"]
    joined = "".join(f"[{i}:v]" for i in range(shots)) + f"concat=n={shots}:v=1:a=0,format=yuv420p[v]"
    cmd += ["-filter_complex", joined, "-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
            "-g", "60", str(path)]
    subprocess.run(cmd, check=True)
    return path


def reelflow_cuts(out_dir):
    shots = json.loads((out_dir / "scenes.json").read_text())
    return [s["start_frame"] for s in shots[1:]]


def run(ctx):
    shots, shot_s = (4, 5) if ctx.quick else (6, 10)
    video = make_input(ctx.work / f"shots-input-{shots}x{shot_s}s.mp4", shots, shot_s)
    frames = shots * shot_s * 30
    logs = ctx.logs("shots")
    peer_cmd = ["/usr/bin/python3", str(ctx.root / "bench" / "reelbench" / "pyscenedetect_peer.py"), str(video)]
    sides = {"pyscenedetect": (peer_cmd, None)}
    for name, graph, extra in (("opencv", "shots-file.yaml", ["--set", "decoder=opencv"]),
                               ("gstreamer", "shots-file.yaml", ["--set", "decoder=gstreamer"]),
                               ("stream", "shots-stream.yaml", [])):
        out = ctx.fresh_dir("shots", name)
        sides[name] = ([str(ctx.reelflow), "run", str(ctx.graphs / graph), "--no-cache", "-o", str(out),
                        "--set", f"video={video}", *extra], out)
    series = {name: Series(name) for name in sides}
    outputs = {}
    for name, (cmd, _) in sides.items():  # warm: page cache, GStreamer's registry, Python's imports
        run_measured(cmd, logs, f"{name}-warm", env=ctx.env())
    for index in range(ctx.runs):
        for name, (cmd, out) in sides.items():
            sample = series[name].add(run_measured(cmd, logs, f"{name}-{index}", env=ctx.env()))
            outputs[name] = json.loads(sample.stdout.read_text())["cuts"] if out is None else reelflow_cuts(out)
    expected = [i * shot_s * 30 for i in range(1, shots)]
    result = {"input": {"frames": frames, "size": "1920x1080", "fps": 30, "shots": shots,
                        "codec": "H.264 (x264 veryfast CRF 23, GOP 60)"}, "expected_cuts": expected}
    for name, s in series.items():
        result[name] = {**s.to_json(), "fps": round(frames / s.wall_s, 1), "cuts": outputs[name],
                        "cuts_as_expected": outputs[name] == expected}
        if name != "pyscenedetect":
            result[name]["vs_pyscenedetect"] = {
                "fps": round(series["pyscenedetect"].wall_s / s.wall_s, 3),  # fps ratio: the same frames
                "wall": round(paired_ratio(s, series["pyscenedetect"], "wall_s"), 3),
                "cpu": round(paired_ratio(s, series["pyscenedetect"], "cpu_s"), 3)}
    return result
