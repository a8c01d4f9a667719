#include "topic_phrases.hpp"

#include "text_tools.hpp"

#include <array>
#include <cctype>

namespace reelflow::llm_script {
namespace {

constexpr std::string_view kIntro[] = {
    "Let's look at {s}.",
    "{S} {be} easy to overlook, and full of surprises once you look closely.",
    "Ask most people how {s} {a}, and you get a shrug.",
    "The {f} of {s} is a better story than most people expect.",
};
constexpr std::string_view kWhat[] = {
    "Start with {s} themselves: what {be} they, really?",
    "In a few words, {s} {be} defined by what {k} does for them.",
    "To understand how {s} {a}, you first need a clear picture of {s}.",
    "When we talk about the {f} of {s}, we mean how {s} came to be the way they are.",
};
constexpr std::string_view kHow[] = {
    "{S} {a} through a chain of small steps, each one setting up the next.",
    "Follow {k} from the first step to the last and the whole process of {s} makes sense.",
    "Timing matters: {s} {do} the right thing at the right moment, again and again.",
    "The {f} of {s} moved in steps, each one building on the last.",
};
constexpr std::string_view kWhy[] = {
    "{S} matter far beyond their own small world.",
    "Without {s}, the world around {k} would look very different.",
    "The way {s} {a} affects people who never think about it.",
    "Knowing the {f} of {s} explains a lot about the present.",
};
constexpr std::string_view kSurprising[] = {
    "Here is something few people know about {s}: {k} plays a bigger part than it seems.",
    "{S} {have} been studied for a long time, and they still surprise the experts.",
    "The way {s} {a} is far more precise than it looks from the outside.",
    "Some of the {f} of {s} was only worked out in the last few decades.",
};
constexpr std::string_view kExample[] = {
    "Picture {s} on an ordinary day, and watch {k} at work.",
    "A single close look at {s} shows the whole pattern in miniature.",
    "Watch {s} {a} once, slowly, and every step becomes obvious.",
};
constexpr std::string_view kHistory[] = {
    "People have been curious about {s} for a very long time.",
    "Early accounts of {s} got some things right and many things wrong.",
    "Each step in the {f} of {s} left traces we can still find today.",
};
constexpr std::string_view kMisconception[] = {
    "A common myth says {s} {be} simple; the reality is richer.",
    "Many people think {k} is a minor detail of {s}, but it is central.",
    "Most people picture the {f} of {s} as one big moment, but it was a slow process.",
};
constexpr std::string_view kTip[] = {
    "Next time you come across {s}, look for {k} first.",
    "Try watching {s} for one minute, and you will notice things you never saw before.",
    "When you explain how {s} {a}, start with {k} and the rest follows.",
};
constexpr std::string_view kFuture[] = {
    "New research on {s} keeps turning up questions nobody thought to ask.",
    "What happens to {s} next depends on choices we make today.",
    "Scientists are still learning how {s} {a}, and new tools are helping.",
};
constexpr std::string_view kRecap[] = {
    "So {s} {be} more than they seem, and {k} is the key to them.",
    "Now you know how {s} {a}, one step at a time.",
    "Remember {k}, and the story of {s} falls into place.",
};

constexpr std::array<std::span<const std::string_view>, 11> kPhrases = {
    kIntro, kWhat, kHow, kWhy, kSurprising, kExample, kHistory, kMisconception, kTip, kFuture, kRecap};

constexpr std::array<std::string_view, 11> kVisuals = {
    "Striking wide establishing shot of {s}, with room for a title",
    "Clear, simple picture of {s} and {k} on a clean background",
    "Step-by-step view of {s} at work, showing {k}",
    "Everyday scene showing people and {s}",
    "Dramatic close-up revealing an unexpected detail of {s}",
    "Real-world example of {s}, photographed up close",
    "Vintage archival-style image of {s}",
    "Split image contrasting a popular myth about {s} with the reality",
    "Person looking closely at {s} in daily life",
    "Futuristic concept art imagining the future of {s}",
    "Bright collage of {s} and {k}",
};

// The first key word that is not part of the subject; empty when there is none.
std::string side_keyword(const TopicTerms& terms) {
  for (const std::string& k : terms.keywords)
    if (terms.subject.find(k) == std::string::npos) return k;
  return "";
}

}  // namespace

std::span<const std::string_view> topic_phrases_for(SceneRole role) {
  return kPhrases.at(static_cast<std::size_t>(role));
}

std::string_view topic_visual_for(SceneRole role) { return kVisuals.at(static_cast<std::size_t>(role)); }

std::string fill_topic_phrase(std::string_view pattern, const TopicTerms& terms) {
  if ((pattern.find("{a}") != std::string_view::npos && terms.action.empty()) ||
      (pattern.find("{f}") != std::string_view::npos && terms.facet.empty()))
    return "";
  // "they/themselves/their" sentences read wrong for a singular subject.
  const std::string side = side_keyword(terms);
  if (pattern.find("{k}") != std::string_view::npos && side.empty()) return "";
  if (!terms.plural && (pattern.find(" they") != std::string_view::npos || pattern.find(" them") != std::string_view::npos ||
                        pattern.find("themselves") != std::string_view::npos ||
                        pattern.find("their") != std::string_view::npos || pattern.find("{S} matter ") == 0))
    return "";
  std::string text = replace_all(std::string(pattern), "{S}", capitalize_first(terms.subject));
  text = replace_all(std::move(text), "{s}", terms.subject);
  text = replace_all(std::move(text), "{a}", terms.action);
  text = replace_all(std::move(text), "{f}", terms.facet);
  text = replace_all(std::move(text), "{k}", side);
  text = replace_all(std::move(text), "{be}", terms.plural ? "are" : "is");
  text = replace_all(std::move(text), "{have}", terms.plural ? "have" : "has");
  return replace_all(std::move(text), "{do}", terms.plural ? "do" : "does");
}

}  // namespace reelflow::llm_script
