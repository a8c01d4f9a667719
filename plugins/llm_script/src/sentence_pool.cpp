#include "sentence_pool.hpp"

#include "stable_hash.hpp"
#include "text_tools.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::llm_script {

SentencePool::SentencePool(std::vector<std::string> sentences, std::vector<double> bonus)
    : sentences_(std::move(sentences)), bonus_(std::move(bonus)), used_(sentences_.size(), false) {
  for (const std::string& s : sentences_) words_.push_back(count_words(s));
  bonus_.resize(sentences_.size(), 0.0);
}

std::optional<std::string> SentencePool::take(const Want& want, const Accept& accept) {
  std::vector<std::size_t> free;
  for (std::size_t i = 0; i < sentences_.size(); ++i)
    if (!used_[i]) free.push_back(i);

  std::optional<std::vector<std::size_t>> best;
  double best_cost = 0;
  std::string best_text;
  std::vector<std::size_t> chosen;
  // Pools are small (a handful of sentences), so every combination is tried.
  auto visit = [&](auto&& self, std::size_t from, int total) -> void {
    int count = static_cast<int>(chosen.size());
    if (count >= want.min_count) {
      std::uint64_t key = want.seed;
      for (std::size_t i : chosen) key = mix_hash(key, i + 1);
      double jitter = static_cast<double>(key % 100) / 40.0;  // < 2.5 words
      bool opener = !chosen.empty() && chosen.front() == 0;
      double cost = std::abs(total - want.words) + jitter - (opener ? want.opener_bonus : 0.0);
      for (std::size_t i : chosen) cost -= bonus_[i];
      if (!best || cost < best_cost) {
        std::string text;
        for (std::size_t i : chosen) text += (text.empty() ? "" : " ") + sentences_[i];
        if (!accept || accept(text)) {
          best = chosen;
          best_cost = cost;
          best_text = std::move(text);
        }
      }
    }
    if (count == want.max_count) return;
    for (std::size_t k = from; k < free.size(); ++k) {
      chosen.push_back(free[k]);
      self(self, k + 1, total + words_[free[k]]);
      chosen.pop_back();
    }
  };
  visit(visit, 0, 0);

  if (!best) return std::nullopt;
  for (std::size_t i : *best) used_[i] = true;
  return best_text;
}

bool SentencePool::exhausted() const { return std::all_of(used_.begin(), used_.end(), [](bool u) { return u; }); }

void SentencePool::reuse_all() { std::fill(used_.begin(), used_.end(), false); }

}  // namespace reelflow::llm_script
