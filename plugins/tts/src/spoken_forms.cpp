#include "spoken_forms.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace reelflow::tts {
namespace {

constexpr const char* kOnes[] = {"zero",    "one",     "two",       "three",    "four",     "five",    "six",
                                 "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
                                 "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
constexpr const char* kTens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr const char* kScales[] = {"", "thousand", "million", "billion", "trillion"};

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Below 1000, appended to `out`; nothing for 0.
void hundreds(int n, SpokenForm& out) {
  if (n >= 100) {
    out.push_back(kOnes[n / 100]);
    out.push_back("hundred");
    n %= 100;
  }
  if (n >= 20) {
    out.push_back(kTens[n / 10]);
    n %= 10;
    if (n > 0) out.push_back(kOnes[n]);
  } else if (n > 0) {
    out.push_back(kOnes[n]);
  }
}

// "1990" → nineteen ninety, "1905" → nineteen oh five, "2024" → twenty twenty four.
SpokenForm year_words(int year) {
  SpokenForm out;
  hundreds(year / 100, out);
  const int rest = year % 100;
  if (rest == 0) {
    out.push_back("hundred");
  } else {
    if (rest < 10) out.push_back("oh");
    hundreds(rest, out);
  }
  return out;
}

// "twenty one" → twenty first; "twelve" → twelfth.
SpokenForm ordinal_words(SpokenForm words) {
  if (words.empty()) return words;
  std::string& last = words.back();
  static const std::pair<const char*, const char*> kIrregular[] = {
      {"one", "first"}, {"two", "second"}, {"three", "third"}, {"five", "fifth"},
      {"eight", "eighth"}, {"nine", "ninth"}, {"twelve", "twelfth"}};
  for (const auto& [cardinal, ordinal] : kIrregular)
    if (last == cardinal) return last = ordinal, words;
  if (last.ends_with('y')) last = last.substr(0, last.size() - 1) + "ieth";
  else last += "th";
  return words;
}

std::string lower_ascii(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i).starts_with("\u2019")) {  // a typographic apostrophe is the dictionary's '
      out.push_back('\'');
      i += 2;
      continue;
    }
    const char c = text[i];
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

void append(SpokenForm& to, const SpokenForm& words) { to.insert(to.end(), words.begin(), words.end()); }

// Numbers with their signs and suffixes: "$5", "3.5%", "1,000", "21st", "1990s".
std::vector<SpokenForm> number_forms(std::string text) {
  SpokenForm before;
  SpokenForm after;
  if (text.starts_with('$')) text.erase(0, 1), after.push_back("dollars");
  if (text.starts_with('-')) text.erase(0, 1), before.push_back("minus");
  if (text.ends_with('%')) text.pop_back(), after.insert(after.begin(), "percent");
  const bool plural = text.ends_with('s') && text.size() > 1 && std::isdigit(static_cast<unsigned char>(text[text.size() - 2]));
  if (plural) text.pop_back();
  bool ordinal = false;
  for (const char* suffix : {"st", "nd", "rd", "th"})
    if (text.size() > 2 && text.ends_with(suffix)) text.resize(text.size() - 2), ordinal = true;
  std::erase(text, ',');

  const auto point = text.find('.');
  const std::string whole = text.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  if (!all_digits(whole) || (point != std::string::npos && !all_digits(fraction))) return {};

  std::vector<SpokenForm> numbers;
  SpokenForm cardinal = cardinal_words(whole);
  if (!fraction.empty()) {
    cardinal.push_back("point");
    for (char d : fraction) cardinal.push_back(kOnes[d - '0']);
  }
  const int value = whole.size() == 4 && fraction.empty() ? std::stoi(whole) : 0;
  const bool year_like = value >= 1100 && value <= 2099 && value % 1000 >= 10;
  if (year_like) numbers.push_back(year_words(value));
  numbers.push_back(cardinal);
  for (SpokenForm& number : numbers) {
    if (ordinal) number = ordinal_words(number);
    if (plural) {  // "1990s": nineteen nineties
      std::string& last = number.back();
      last = last.ends_with('y') ? last.substr(0, last.size() - 1) + "ies" : last + "s";
    }
  }
  std::vector<SpokenForm> forms;
  for (const SpokenForm& number : numbers) {
    SpokenForm form = before;
    append(form, number);
    append(form, after);
    forms.push_back(std::move(form));
  }
  return forms;
}

}  // namespace

SpokenForm cardinal_words(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  SpokenForm out;
  if (digits.size() > 15) {  // past the trillions people read digits
    for (char d : digits) out.push_back(kOnes[d - '0']);
    return out;
  }
  const std::uint64_t n = std::stoull(std::string(digits));
  if (n == 0) return {"zero"};
  std::uint64_t scale = 1'000'000'000'000ULL;
  for (int s = 4; s >= 0; --s, scale /= 1000) {
    const int group = static_cast<int>((n / scale) % 1000);
    if (group == 0) continue;
    hundreds(group, out);
    if (s > 0) out.push_back(kScales[s]);
  }
  return out;
}

std::vector<SpokenForm> spoken_forms(std::string_view written_word) {
  const std::string word = lower_ascii(written_word);
  if (word.empty()) return {};
  if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (auto numbers = number_forms(word); !numbers.empty()) return numbers;
  }
  std::vector<SpokenForm> forms = {{word}};
  // "well-known", "and/or", "U.S": also its parts, each a word.
  SpokenForm parts;
  std::string part;
  for (char c : word + '-') {
    if (c == '-' || c == '/' || c == '.') {
      if (all_digits(part)) append(parts, cardinal_words(part));
      else if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part.push_back(c);
    }
  }
  if (parts.size() > 1) forms.push_back(parts);
  return forms;
}

}  // namespace reelflow::tts
