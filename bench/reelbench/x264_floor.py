"""The render's floor: x264 alone, encoding the very frames reelflow rendered, with the
settings reelflow's stream carries in its SEI. Nothing can render faster than its own
encoder, so `render ÷ floor` says what compositing costs on top (issue 16's goal: 1.3x).

The frames are a near-lossless reelflow render decoded once to raw I420 in memory
(/dev/shm where there is one), so the timed command only reads them and encodes:
`filesrc ! rawvideoparse ! x264enc ! h264parse ! mp4mux ! filesink`."""
import shutil
import subprocess
import tempfile
from pathlib import Path


def x264_options(path):
    """The settings x264 wrote into the stream (its SEI), as {name: value}."""
    data = Path(path).read_bytes()
    at = data.find(b"x264 - core")
    if at < 0:
        return {}
    text = data[at:data.find(b"\0", at)].decode("ascii", "replace")
    options = text.split("options: ", 1)[-1].split()
    return dict(o.split("=", 1) for o in options if "=" in o)


def x264_differences(a, b):
    """Settings that differ between two encodes (threads may: it follows the cores)."""
    oa, ob = x264_options(a), x264_options(b)
    return {k: [oa.get(k), ob.get(k)] for k in sorted(set(oa) | set(ob)) if oa.get(k) != ob.get(k)}


class Floor:
    """Raw frames of one reelflow render, and the x264-only command that encodes them
    with the settings of another (`rendered`, the timed one)."""

    def __init__(self, frames_from: Path, rendered: Path, width: int, height: int, fps: int, out_dir: Path):
        self.rendered = rendered
        self.width, self.height, self.fps = width, height, fps
        shm = Path("/dev/shm")
        self._dir = Path(tempfile.mkdtemp(prefix="reelbench-floor-", dir=shm if shm.is_dir() else None))
        self.frames = self._dir / "frames.i420"
        self.output = out_dir / "x264-floor.mp4"
        subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(frames_from), "-an", "-f", "rawvideo",
                        "-pix_fmt", "yuv420p", str(self.frames)], check=True)

    def command(self):
        o = x264_options(self.rendered)
        if "crf" not in o or "keyint" not in o:
            raise RuntimeError(f"{self.rendered}: no x264 constant-quality settings in its SEI")
        # ffmpeg writes the planes packed; GStreamer's default I420 layout pads chroma
        # rows to 4 bytes, so the layout is spelled out.
        w, h = self.width, self.height
        luma, chroma = w * h, (w // 2) * (h // 2)
        frame_bytes = luma + 2 * chroma
        encoder = ["x264enc", f"speed-preset={speed_preset(o)}", "pass=qual", f"quantizer={round(float(o['crf']))}",
                   f"key-int-max={o['keyint']}", "threads=0"]
        if int(o.get("vbv_maxrate", "0")) > 0:
            encoder.append(f"bitrate={o['vbv_maxrate']}")
        return ["gst-launch-1.0", "-q", "filesrc", f"location={self.frames}", f"blocksize={frame_bytes}", "!",
                "rawvideoparse", f"width={self.width}", f"height={self.height}", "format=i420",
                f"framerate={self.fps}/1", "colorimetry=bt709", f"frame-size={frame_bytes}",
                f"plane-strides=<{w},{w // 2},{w // 2}>", f"plane-offsets=<0,{luma},{luma + chroma}>", "!", *encoder, "!", "video/x-h264,profile=high", "!",
                "h264parse", "!", "mp4mux", "!", "filesink", f"location={self.output}"]

    def cleanup(self):
        shutil.rmtree(self._dir, ignore_errors=True)


def speed_preset(options):
    """x264's preset name from its SEI: `veryfast` is the one whose settings these are
    (subme=2, me=hex, ref=1, trellis=0); others are named by the caller's graph."""
    known = {("2", "hex", "1"): "veryfast", ("1", "dia", "1"): "superfast", ("4", "hex", "2"): "faster",
             ("6", "hex", "2"): "fast", ("7", "hex", "3"): "medium"}
    key = (options.get("subme"), options.get("me"), options.get("ref"))
    if key not in known:
        raise RuntimeError(f"x264 preset not recognised from its SEI (subme, me, ref = {key})")
    return known[key]
