#pragma once
// Shared by the tts tests: building scene lists and reading the stage's audio output.
#include <stage_harness.hpp>

#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::tts_test {

// One scene per narration, with indexes first_index, first_index + 1, ...
SceneList scenes_from(const std::vector<std::string>& narrations, int first_index = 1);

// The AudioTrack on the run's "audio" output (a test failure if there is none).
AudioTrack audio_of(const testing::StageRun& run);
// The clips' lengths added up, each measured by decoding its file.
double decoded_total_s(const AudioTrack& track);

// The narration's words, without punctuation and in lower case ("Hello, world!" → hello world).
std::vector<std::string> written_words(const std::string& text);

// Real speech with its true word timings: the tts stage with espeak (align: none).
// The WAV's bytes (for a fake speech service to serve) and espeak's own words.
struct SpokenClip {
  std::string wav;
  std::vector<WordTiming> words;
  double duration_s = 0.0;
};
SpokenClip espeak_speech(testing::StageHarness& harness, const std::string& narration);

// Start-time errors of `aligned` against `truth`, word by word (same words, same order).
struct StartErrors {
  double median_s = 0.0;
  double max_s = 0.0;
};
StartErrors start_errors(const std::vector<WordTiming>& aligned, const std::vector<WordTiming>& truth);

// Monotonic, contiguous, inside [0, end_s], ending at end_s.
void expect_complete_timings(const std::vector<WordTiming>& words, double end_s);
std::string lower_letters(const std::string& word);

}  // namespace reelflow::tts_test
