#include "script_templates.hpp"

#include <array>

namespace reelflow::llm_script {
namespace {

constexpr std::string_view kIntro[] = {
    "Let's start with the basics of {t}.",
    "Most people have heard of {t}, but very few could explain it in a single sentence.",
    "Today we take a quick, clear look at {t}.",
    "In the next {d}, you will learn enough to explain {t} to a friend.",
    "We will skip the jargon and focus on the ideas that actually matter.",
    "You can find traces of {t} in far more places than you might expect.",
};
constexpr std::string_view kIntroCaptions[] = {"Let's begin", "The basics", "Quick guide"};

constexpr std::string_view kWhat[] = {
    "So what exactly do we mean by {t}?",
    "At its simplest, the idea behind {t} comes down to a few core pieces that fit together.",
    "Strip away the technical terms and the core of {t} is surprisingly easy to follow.",
    "Experts describe {t} in precise language, but the basic picture needs only everyday words.",
    "Think of it as a system with a few moving parts, each doing one clear job.",
    "The name can sound intimidating, yet the concept is one you already understand intuitively.",
};
constexpr std::string_view kWhatCaptions[] = {"What is it?", "The core idea", "In plain words"};

constexpr std::string_view kHow[] = {
    "Here is how it works, step by step.",
    "Everything starts with a trigger, and each step sets up the next one.",
    "The mechanics of {t} are easiest to see when you follow a single case from start to finish.",
    "When one part changes, the rest adjusts, and that is where things get interesting.",
    "Picture a process that unfolds over time rather than a single moment.",
    "People who study {t} closely keep finding the same pattern, which is what makes it predictable.",
};
constexpr std::string_view kHowCaptions[] = {"How it works", "Step by step", "The mechanism"};

constexpr std::string_view kWhy[] = {
    "Why should you care?",
    "This matters because it quietly shapes decisions, products and ideas we rely on every day.",
    "Understanding {t} helps you make sense of news, debates and claims you hear all the time.",
    "Getting this wrong can be costly, while getting it right opens up real opportunities.",
    "It is one of those subjects where a little knowledge goes a very long way.",
    "The impact of {t} reaches well beyond the experts who study it.",
};
constexpr std::string_view kWhyCaptions[] = {"Why it matters", "The big picture", "Why care?"};

constexpr std::string_view kSurprising[] = {
    "Here is the part that surprises most people.",
    "Some of the most important discoveries about {t} came from people looking for something else entirely.",
    "Popular explanations of {t} often leave out the detail that matters most.",
    "The numbers involved are often far larger, or far smaller, than our intuition suggests.",
    "Even experts still debate some of the open questions about {t}.",
    "A few simple principles explain most of what happens, and the rest is detail.",
};
constexpr std::string_view kSurprisingCaptions[] = {"Surprising fact", "Did you know?", "Plot twist"};

constexpr std::string_view kExample[] = {
    "Let's make it concrete with an example.",
    "Imagine seeing {t} up close for the first time and noticing each detail in turn.",
    "An everyday example shows the same principle on a smaller scale.",
    "Once you spot the pattern in one case, you start seeing it everywhere.",
    "Real cases of {t} rarely look exactly like the textbook version, and that is what makes them fascinating.",
};
constexpr std::string_view kExampleCaptions[] = {"A real example", "Up close", "In action"};

constexpr std::string_view kHistory[] = {
    "The story of {t} goes back further than most people think.",
    "Early thinkers had only rough guesses, and some of them came surprisingly close.",
    "Each generation added a piece to the puzzle, building on the mistakes of the last.",
    "What we know about {t} today is the result of long, patient work by many people.",
    "Some of the first ideas about {t} were dismissed, only to be proven right much later.",
};
constexpr std::string_view kHistoryCaptions[] = {"Where it began", "A brief history", "Early ideas"};

constexpr std::string_view kMisconception[] = {
    "Now let's clear up a common misconception.",
    "Many people believe the popular version of the story, but the details tell a different tale.",
    "Movies and headlines tend to exaggerate {t}, sometimes wildly.",
    "The truth is usually less dramatic, but far more interesting.",
    "If a claim about {t} sounds too simple to be true, it deserves a second look.",
};
constexpr std::string_view kMisconceptionCaptions[] = {"Myth vs. fact", "Common myth", "Not quite"};

constexpr std::string_view kTip[] = {
    "Here is a practical takeaway.",
    "The next time someone mentions {t}, ask what is actually happening underneath.",
    "A good rule of thumb is to start from the basics and add detail only when you need it.",
    "You need no special equipment or training to start noticing {t} around you.",
    "Keep a few trusted sources at hand, and you will be able to separate facts from hype.",
};
constexpr std::string_view kTipCaptions[] = {"Try this", "Rule of thumb", "Takeaway"};

constexpr std::string_view kFuture[] = {
    "So what comes next?",
    "Researchers keep finding new questions about {t}, and some answers may arrive soon.",
    "New tools and better data are changing how we study and understand {t}.",
    "The next breakthrough in {t} could change the way we think about it entirely.",
    "Whatever happens next, the basics you just learned will still apply.",
};
constexpr std::string_view kFutureCaptions[] = {"What's next", "Open questions", "The future"};

constexpr std::string_view kRecap[] = {
    "To recap, the core ideas behind {t} are easier to grasp than they first look.",
    "We covered the basic idea, how it works and why it matters.",
    "Now you can explain {t} in your own words.",
    "Remember the key pattern, and the details will fall into place.",
};
constexpr std::string_view kRecapCaptions[] = {"Quick recap", "Remember this", "Key takeaways"};

constexpr std::array<RoleTemplates, 11> kRoles = {{
    {kIntro, kIntroCaptions, "Striking wide establishing shot that introduces {t}, with room for a title"},
    {kWhat, kWhatCaptions, "Clear, simple illustration of {t} on a clean background"},
    {kHow, kHowCaptions, "Step-by-step diagram of the mechanics of {t}"},
    {kWhy, kWhyCaptions, "Everyday scene showing the impact of {t} on people's lives"},
    {kSurprising, kSurprisingCaptions, "Dramatic close-up revealing an unexpected detail of {t}"},
    {kExample, kExampleCaptions, "Real-world example of {t}, photographed up close"},
    {kHistory, kHistoryCaptions, "Vintage archival-style image about the history of {t}"},
    {kMisconception, kMisconceptionCaptions, "Split image contrasting a popular myth with the reality of {t}"},
    {kTip, kTipCaptions, "Person applying a practical tip about {t} in daily life"},
    {kFuture, kFutureCaptions, "Futuristic concept art imagining the future of {t}"},
    {kRecap, kRecapCaptions, "Bright collage summarizing the key ideas of {t}"},
}};

constexpr SceneRole kBodyRoles[] = {
    SceneRole::WhatItIs, SceneRole::HowItWorks, SceneRole::WhyItMatters, SceneRole::SurprisingFact,
    SceneRole::Example,  SceneRole::History,    SceneRole::Misconception, SceneRole::Tip,
    SceneRole::Future,
};

constexpr std::string_view kHooks[] = {
    "What if everything you knew about {t} was only half the story?",
    "{T} in {d}: here is what you need to know.",
    "Ever wondered what is really going on with {t}?",
    "You have probably heard of {t}, but have you heard the whole story?",
    "There is more to {t} than meets the eye.",
    "Here is why it pays to understand {t}.",
};

constexpr CallToAction kCallsToAction[] = {
    {"If you learned something new, follow for more short explainers like this one.", "Follow for more"},
    {"Share this with someone who would enjoy it, and tell us in the comments what to cover next.", "Share this"},
    {"Save this video so you can come back to it later, and follow for more.", "Save for later"},
};

constexpr std::string_view kElaborations[] = {
    "It is one of the key ideas behind {t}.",
    "That single detail explains a lot about {t}.",
    "It sounds simple, but the consequences are surprisingly large.",
    "This is where the story of {t} gets interesting.",
    "Experts come back to this point again and again when they explain {t}.",
    "Keep it in mind, because it changes how you see {t}.",
};

}  // namespace

const RoleTemplates& templates_for(SceneRole role) { return kRoles.at(static_cast<std::size_t>(role)); }

std::span<const SceneRole> body_roles() { return kBodyRoles; }
std::span<const std::string_view> hook_templates() { return kHooks; }
std::span<const CallToAction> calls_to_action() { return kCallsToAction; }
std::span<const std::string_view> elaboration_templates() { return kElaborations; }

}  // namespace reelflow::llm_script
