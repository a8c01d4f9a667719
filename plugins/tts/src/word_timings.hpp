#pragma once
// Turns espeak's word events into WordTimings for the narration's written words.
//
// espeak reports a text position and an audio time per spoken word, but its words
// are not always the written ones: "42" gives two events ("forty two"), "isn't" a
// 3-character word, and a dictionary phrase such as "in a row" one event at a
// drifted position. So the written words (whitespace-separated, surrounding
// punctuation removed) are the result, each timed by the first event that lands
// on it; words no event lands on share the time up to the next timed word in
// proportion to their length. Every word ends where the next begins.
#include <reelflow/value.hpp>

#include <string_view>
#include <vector>

namespace reelflow::tts {

// One espeakEVENT_WORD, as espeak reports it.
struct WordEvent {
  int text_position = 0;  // 1-based, in characters (code points) of the UTF-8 text
  int length = 0;         // in characters
  int audio_position_ms = 0;
};

// Times are clamped to [0, speech_end_s] and never go backwards.
std::vector<WordTiming> word_timings_from_events(std::string_view utf8_text,
                                                 const std::vector<WordEvent>& events,
                                                 double speech_end_s);

}  // namespace reelflow::tts
