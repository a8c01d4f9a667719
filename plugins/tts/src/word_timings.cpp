#include "word_timings.hpp"

#include "word_interpolation.hpp"
#include "written_words.hpp"

#include <cstddef>
#include <optional>

namespace reelflow::tts {
namespace {

// The token an event's position falls in, or the next one when it falls between tokens.
std::optional<std::size_t> token_at(const std::vector<WrittenWord>& tokens, std::size_t char_index) {
  for (std::size_t t = 0; t < tokens.size(); ++t)
    if (char_index < tokens[t].end) return t;
  return std::nullopt;
}

}  // namespace

std::vector<WordTiming> word_timings_from_events(std::string_view utf8_text,
                                                 const std::vector<WordEvent>& events,
                                                 double speech_end_s) {
  std::vector<WrittenWord> tokens = split_written_words(utf8_text);
  std::vector<PlacedWord> placed(tokens.size());
  for (std::size_t t = 0; t < tokens.size(); ++t) placed[t] = {tokens[t].word, tokens[t].weight, {}, {}};

  // Anchor words on events, in order: an event on an already timed or earlier word adds nothing.
  std::optional<std::size_t> last_timed;
  for (const WordEvent& e : events) {
    if (e.text_position < 1) continue;
    const auto t = token_at(tokens, static_cast<std::size_t>(e.text_position - 1));
    if (!t || (last_timed && *t <= *last_timed)) continue;
    placed[*t].start_s = e.audio_position_ms / 1000.0;
    tokens[*t].speakable = true;  // espeak said something for it ("&", "%")
    last_timed = t;
  }
  std::vector<PlacedWord> spoken;
  for (std::size_t t = 0; t < tokens.size(); ++t)
    if (tokens[t].speakable) spoken.push_back(std::move(placed[t]));
  return interpolate_word_timings(std::move(spoken), speech_end_s);
}

}  // namespace reelflow::tts
