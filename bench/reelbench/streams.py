"""Benchmark: streams (issue 13). Two figures, each against a peer run in the same rounds.

1. Render shapes. The render benchmark's prepared inputs rendered three ways, in rounds:
   `compositor` (one batch stage), `compose -> encode -> file_sink` (the shape of
   graphs/short-video.yaml) and `compose -> overlay -> encode -> file_sink`
   (graphs/short-video-branded.yaml). Goals: the stream shape no slower than the
   compositor; the fused watermark <= 1.10x the stream shape.
2. Stream overhead. `av_source -> encode -> file_sink` (bench/graphs/transcode.yaml)
   against the same elements in one gst-launch-1.0 line: <= 1.02x.
"""
import subprocess

from . import render, render_inputs
from .measure import Series, paired_ratio, run_measured


def run_rounds(runs, sides):
    """Each round runs every side once, in order, so load changes hit all alike."""
    for i in range(runs):
        for side in sides:
            side(index=i)


def ratios(a, b):
    return {"wall": round(paired_ratio(a, b, "wall_s"), 4), "cpu": round(paired_ratio(a, b, "cpu_s"), 4)}


def render_shapes(ctx):
    inputs = render_inputs.prepare(ctx)
    scenes, target, width, height = render.settings(ctx)
    fixture, timeline, _, _, _ = inputs.fixture("render", scenes, target)
    work = ctx.fresh_dir("streams-render")
    logs = ctx.logs("streams-render")
    shapes = {"compositor": "render.yaml", "stream": "render-stream.yaml", "branded": "render-branded.yaml"}
    series = {name: Series(name) for name in shapes}
    sides = []
    for name, graph in shapes.items():
        cmd = render.compositor_command(ctx, fixture, inputs, timeline, width, work / name, graph=graph)

        def side(index, name=name, cmd=cmd):
            series[name].add(run_measured(cmd, logs, f"{name}-{index}", env=ctx.env()))
        sides.append(side)
    run_rounds(ctx.runs, sides)
    outputs = {name: work / name / "render.mp4" for name in shapes}
    return {
        "video": {"seconds": round(timeline.total_s, 3), "width": width, "height": height, "scenes": scenes},
        **{name: s.to_json() for name, s in series.items()},
        "stream_vs_compositor": ratios(series["stream"], series["compositor"]),
        "branded_vs_stream": ratios(series["branded"], series["stream"]),
        "branded_vs_compositor": ratios(series["branded"], series["compositor"]),
        "outputs": {name: render.probe(path) for name, path in outputs.items()},
        "quality_stream_vs_compositor": render.compare(outputs["stream"], outputs["compositor"]),
    }


def make_transcode_input(path, seconds):
    """A 1920x1080@30 test video with sound (x264 + AAC), made once with GStreamer."""
    if path.exists():
        return path
    frames = int(seconds * 30)
    subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", f"num-buffers={frames}", "pattern=ball", "!",
                    "video/x-raw,width=1920,height=1080,framerate=30/1", "!", "x264enc", "speed-preset=ultrafast",
                    "bitrate=8000", "!", "h264parse", "!", "mp4mux", "name=m", "!", "filesink", f"location={path}",
                    "audiotestsrc", f"num-buffers={int(seconds * 48000 / 1024)}", "samplesperbuffer=1024", "!",
                    "audio/x-raw,rate=48000,channels=2", "!", "avenc_aac", "!", "m."], check=True)
    return path


def gst_launch_transcode(source, output):
    """The elements av_source(file), encode and file_sink put in their bins, in one line."""
    return ["gst-launch-1.0", "-q",
            "uridecodebin", f"uri=file://{source}", "name=d",
            "d.", "!", "queue", "!", "videoconvert", "!", "videoscale", "!", "videorate", "!",
            "video/x-raw,format=I420,width=1280,height=720,framerate=30/1,pixel-aspect-ratio=1/1", "!",
            "queue", "!", "videoconvert", "!", "x264enc", "key-int-max=60", "threads=0", "option-string=scenecut=0",
            "speed-preset=veryfast", "bitrate=2500", "!", "h264parse", "config-interval=-1", "!",
            "video/x-h264,stream-format=avc,alignment=au", "!", "queue", "!", "mp4mux", "name=m", "!",
            "filesink", f"location={output}",
            "d.", "!", "queue", "!", "audioconvert", "!", "audioresample", "!",
            "audio/x-raw,format=S16LE,rate=48000,channels=2,layout=interleaved", "!",
            "queue", "!", "audioconvert", "!", "audioresample", "!", "avenc_aac", "bitrate=128000", "!",
            "queue", "!", "m."]


def transcode_overhead(ctx):
    seconds = 10 if ctx.quick else 30
    work = ctx.fresh_dir("streams-transcode")
    logs = ctx.logs("streams-transcode")
    source = make_transcode_input(ctx.work / f"transcode-input-{seconds}s.mp4", seconds)
    rf_cmd = [str(ctx.reelflow), "run", str(ctx.graphs / "transcode.yaml"), "--no-cache", "-o", str(work / "reelflow"),
              "--set", f"input={source}", "--set", "output=transcode.mp4"]
    gst_cmd = gst_launch_transcode(source, work / "gst-launch.mp4")
    reel, gst = Series("reelflow"), Series("gst-launch-1.0")

    def reelflow_side(index):
        reel.add(run_measured(rf_cmd, logs, f"reelflow-{index}", env=ctx.env()))

    def gst_side(index):
        gst.add(run_measured(gst_cmd, logs, f"gst-launch-{index}", env=ctx.env()))
    reelflow_side(index="warm")  # page cache and GStreamer's registry, for both
    gst_side(index="warm")
    reel.samples.clear()
    gst.samples.clear()
    run_rounds(ctx.runs, [reelflow_side, gst_side])
    return {
        "input": {"seconds": seconds, "from": "1920x1080@30 x264 + AAC", "to": "1280x720@30 x264 2.5 Mbit/s + AAC"},
        "reelflow": reel.to_json(),
        "gst_launch": gst.to_json(),
        "reelflow_vs_gst_launch": ratios(reel, gst),
        "outputs": {"reelflow": render.probe(work / "reelflow" / "transcode.mp4"),
                    "gst_launch": render.probe(work / "gst-launch.mp4")},
        "gst_launch_command": " ".join(gst_cmd),
    }


def run(ctx):
    return {"render_shapes": render_shapes(ctx), "transcode": transcode_overhead(ctx)}
