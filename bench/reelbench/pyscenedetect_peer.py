"""The shot-detection peer: PySceneDetect's `detect-content` with its defaults, in the
shape PySceneDetect runs it, for the shot_detect benchmark (bench/reelbench/shots.py).

PySceneDetect itself is not packaged for Debian and pip is out of reach here, so this
is its ContentDetector path rewritten line for line from its sources
(scenedetect/scene_manager.py, detectors/content_detector.py, backends/opencv.py),
with the same libraries: cv2.VideoCapture decodes on a thread that feeds a bounded
queue (SceneManager._decode_thread), each frame is shrunk by the automatic factor
(width / 256) with INTER_LINEAR, converted to HSV and split, and scored by the mean
absolute difference of H, S and V from the previous frame (weights 1, 1, 1, 0 for
edges); a score >= 27 is a cut unless it comes within min_scene_len (15) frames of the
last one. The flash filter's MERGE mode of newer releases is not reproduced: cuts are
the same for the hard cuts of the benchmark's input; its cost is negligible.

Usage: python3 pyscenedetect_peer.py VIDEO  ->  JSON {"frames": N, "cuts": [frame, ...]}
"""
import json
import queue
import sys
import threading

import cv2
import numpy

THRESHOLD = 27.0
MIN_SCENE_LEN = 15
MIN_WIDTH = 256


def mean_pixel_distance(left, right):
    return numpy.sum(numpy.abs(left.astype(numpy.int32) - right.astype(numpy.int32))) / float(left.size)


def decode(path, frames):
    capture = cv2.VideoCapture(path)
    width = capture.get(cv2.CAP_PROP_FRAME_WIDTH)
    factor = width / float(MIN_WIDTH) if width >= MIN_WIDTH else 1.0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        if factor > 1.0:
            frame = cv2.resize(frame, (max(1, round(frame.shape[1] / factor)), max(1, round(frame.shape[0] / factor))),
                               interpolation=cv2.INTER_LINEAR)
        frames.put(frame)
    frames.put(None)


def main(path):
    frames = queue.Queue(maxsize=4)  # SceneManager's MAX_FRAME_QUEUE_LENGTH
    threading.Thread(target=decode, args=(path, frames), daemon=True).start()
    last, cuts, last_cut, index = None, [], None, 0
    while (frame := frames.get()) is not None:
        planes = cv2.split(cv2.cvtColor(frame, cv2.COLOR_BGR2HSV))
        if last is not None:
            score = sum(mean_pixel_distance(a, b) for a, b in zip(planes, last)) / 3.0
            if score >= THRESHOLD and (last_cut is None or index - last_cut >= MIN_SCENE_LEN):
                cuts.append(index)
                last_cut = index
        last, index = planes, index + 1
    json.dump({"frames": index, "cuts": cuts}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
