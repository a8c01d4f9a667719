"""The ffmpeg peer of the compositor: the same pictures, narration, music, scene
timing and settings, in one ffmpeg command (zoompan, xfade, drawtext,
sidechaincompress + amix, libx264, AAC)."""
import math
from pathlib import Path

from .render_inputs import TRANSITION_S

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ZOOM = 1.15
FPS = 30


def ken_burns(scene_index, zoom=ZOOM):
    """(start zoom, start centre x, y), (end ...) as fractions of the picture, like
    plugins/compositor/src/ken_burns_path.cpp: push in, pan right, pull out, pan left."""
    mid = math.sqrt(zoom)

    def view(z, fx, fy):
        return z, (1 - 1 / z) * fx + 0.5 / z, (1 - 1 / z) * fy + 0.5 / z

    motions = [
        (view(1.0, 0.5, 0.5), view(zoom, 0.5, 0.4)),
        (view(mid, 0.0, 0.5), view(zoom, 1.0, 0.5)),
        (view(zoom, 0.5, 0.5), view(1.0, 0.5, 0.5)),
        (view(zoom, 1.0, 0.6), view(mid, 0.0, 0.4)),
    ]
    return motions[scene_index % 4]


def scene_chain(i, frames, width, height):
    (z0, x0, y0), (z1, x1, y1) = ken_burns(i)
    pw, ph = 2 * round(width * ZOOM / 2), 2 * round(height * ZOOM / 2)
    ease = f"(0.5-0.5*cos(PI*on/{frames}))"
    z = f"{z0:.6f}*pow({z1 / z0:.6f},{ease})"
    x = f"iw*({x0:.6f}+({x1 - x0:.6f})*{ease})-iw/zoom/2"
    y = f"ih*({y0:.6f}+({y1 - y0:.6f})*{ease})-ih/zoom/2"
    return (f"[{i}:v]scale={pw}:{ph}:force_original_aspect_ratio=increase:flags=bicubic:"
            f"out_color_matrix=bt709:out_range=tv,crop={pw}:{ph},format=yuv420p,"
            f"zoompan=z='{z}':x='{x}':y='{y}':d={frames}:s={width}x{height}:fps={FPS},setsar=1[v{i}]")


def filter_script(timeline, cues, cue_dir: Path, width, height, voice_input, music_input):
    lines = []
    n = len(timeline.durations)
    for i, d in enumerate(timeline.durations):
        lines.append(scene_chain(i, round(d * FPS), width, height) + ";")
    last = "v0"
    for i in range(1, n):
        lines.append(f"[{last}][v{i}]xfade=transition=fade:duration={TRANSITION_S}:offset={timeline.starts[i]:.4f}[x{i}];")
        last = f"x{i}"
    font_px = round(64 * min(width, height) / 1080)
    draws = []
    for k, cue in enumerate(cues):
        path = cue_dir / f"cue_{k:03d}.txt"
        path.write_text(cue.text)
        draws.append(f"drawtext=fontfile={FONT}:textfile={path}:fontsize={font_px}:fontcolor=white:"
                     f"borderw={max(1, font_px // 20)}:bordercolor=black:shadowx=3:shadowy=3:shadowcolor=black@0.6:"
                     f"x=(w-text_w)/2:y=h*0.72-text_h/2:enable='gte(t,{cue.start_s:.3f})*lt(t,{cue.end_s:.3f})'")
    lines.append(f"[{last}]" + (",".join(draws) if draws else "null") + "[vout];")
    total = timeline.total_s
    fmt = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo"
    lines.append(f"[{voice_input}:a]{fmt},apad,atrim=0:{total:.4f},asplit=2[vo1][vo2];")
    lines.append(f"[{music_input}:a]{fmt},atrim=0:{total:.4f},volume=-15dB,afade=t=in:st=0:d=1,"
                 f"afade=t=out:st={max(0.0, total - 1):.4f}:d=1[mu];")
    lines.append("[mu][vo1]sidechaincompress=threshold=0.01:ratio=8:attack=200:release=400[duck];")
    lines.append("[vo2][duck]amix=inputs=2:duration=first:normalize=0,alimiter=limit=0.9[aout]")
    return "\n".join(lines) + "\n"


def command(images, voice_wav, music_wav, script_path, output, total_s, width, height):
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
    for image in images:
        cmd += ["-i", str(image)]
    cmd += ["-i", str(voice_wav), "-stream_loop", "-1", "-i", str(music_wav)]
    vbv_kbps = max(2048, int(0.2 * width * height * FPS / 1000))  # the compositor's VBV cap
    cmd += ["-filter_complex_script", str(script_path), "-map", "[vout]", "-map", "[aout]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-g", str(2 * FPS), "-maxrate", f"{vbv_kbps}k", "-bufsize", f"{int(vbv_kbps * 0.6)}k",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
            "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
            "-movflags", "+faststart", "-t", f"{total_s:.4f}", str(output)]
    return cmd
