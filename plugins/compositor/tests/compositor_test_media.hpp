#pragma once
// Inputs for compositor tests, made on the spot: WAV clips of known length and
// content, still images with distinct colours and shapes, and the matching
// SceneList / AudioTrack / ImageSet; plus decoding helpers to measure the output.
#include <media_probe.hpp>
#include <reelflow/value.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace reelflow::compositor::testing {

// Mono 16-bit PCM; amplitude 0 writes silence.
void write_wav(const std::filesystem::path& file, double seconds, int rate, double frequency_hz, double amplitude);
// Speech-like: tone "words" of word_s seconds with gap_s of silence after each (5 ms ramps).
void write_spoken_wav(const std::filesystem::path& file, double seconds, int rate, double frequency_hz,
                      double amplitude, double word_s, double gap_s);

// An Ogg Vorbis sine (stereo, 44.1 kHz), encoded by GStreamer: music in a compressed format.
void write_ogg_tone(const std::filesystem::path& file, double seconds, double frequency_hz, double amplitude);

// A 1000x1400 picture (a different size and shape than the frame) with a colour per
// index, a grid of circles and a bar, so motion and crossfades are visible.
void write_scene_image(const std::filesystem::path& file, int index);

struct SceneSpec {
  SceneSpec(double clip, std::string text = {}, std::vector<WordTiming> timings = {}, double tone = 440.0)
      : clip_s(clip), narration(std::move(text)), words(std::move(timings)), tone_hz(tone) {}

  double clip_s;
  std::string narration;  // empty: "Scene number N says something."
  std::vector<WordTiming> words;
  double tone_hz;  // 0: a silent clip
};

struct SceneInputs {
  SceneList scenes;
  AudioTrack audio;
  ImageSet images;

  std::map<std::string, Value> as_inputs() const;
};

// Writes clips and images for `specs` into `dir`. With same_image every scene shows the
// same picture (to isolate captions from picture changes).
SceneInputs make_scene_inputs(const std::filesystem::path& dir, const std::vector<SceneSpec>& specs,
                              bool same_image = false);

// Audio measured by decoding (tests/support/media_probe.hpp).
using reelflow::testing::decode_audio_mono;
using reelflow::testing::rms_db;

// Mean absolute difference of two RGB frames over a region given in fractions of the
// frame (x0, y0, x1, y1).
double region_difference(const std::string& a, const std::string& b, int width, int height, double x0, double y0,
                         double x1, double y1);

}  // namespace reelflow::compositor::testing
