#pragma once
// A set of candidate sentences from which scenes take a few at a time, so that
// each scene's narration lands near its word budget and no sentence is spoken twice.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::llm_script {

class SentencePool {
 public:
  // Sentences in speaking order; a scene keeps that order among those it takes.
  // `bonus[i]` (optional) is how many words of budget error taking sentence i is
  // worth, so sentences about the topic's own words win near-ties.
  explicit SentencePool(std::vector<std::string> sentences, std::vector<double> bonus = {});

  struct Want {
    double words = 0;   // the word budget
    int min_count = 1;  // 0 allows taking nothing
    int max_count = 3;
    std::uint64_t seed = 0;  // breaks near-ties, so different topics read differently
    double opener_bonus = 0;  // words of budget error forgiven for taking the first sentence
  };
  using Accept = std::function<bool(const std::string& narration)>;

  // Takes the unused sentences (joined with spaces) whose word total is closest to
  // the budget and that `accept` allows; nullopt when no unused choice is allowed.
  std::optional<std::string> take(const Want& want, const Accept& accept = {});

  bool exhausted() const;
  // Lets every sentence be taken again (for scripts longer than the pool).
  void reuse_all();

 private:
  std::vector<std::string> sentences_;
  std::vector<int> words_;
  std::vector<double> bonus_;
  std::vector<bool> used_;
};

}  // namespace reelflow::llm_script
