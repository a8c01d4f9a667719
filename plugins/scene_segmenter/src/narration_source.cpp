#include "narration_source.hpp"

#include "caption_phrase.hpp"
#include "paragraph_splitter.hpp"
#include "sentence_splitter.hpp"
#include "text_scan.hpp"

namespace reelflow::scene_segmenter {

NarrationSource source_from_script(const Script& script) {
  NarrationSource source;
  source.title = collapse_whitespace(script.title.empty() ? script.topic : script.title);
  source.cohesion = BlockCohesion::Firm;
  for (const ScriptScene& scene : script.scenes) {
    source.blocks.push_back(scene.narration);
    source.notes.push_back(BlockNotes{collapse_whitespace(scene.caption), collapse_whitespace(scene.visual)});
  }
  return source;
}

NarrationSource source_from_text(const Text& text, SplitBy split_by) {
  NarrationSource source;
  source.blocks = split_paragraphs(text.text);
  source.cohesion = split_by == SplitBy::Paragraph ? BlockCohesion::Firm : BlockCohesion::Loose;
  for (const std::string& block : source.blocks) {
    auto sentences = split_paragraph_sentences(block);
    if (!sentences.empty()) {
      source.title = caption_phrase(sentences.front());
      break;
    }
  }
  return source;
}

}  // namespace reelflow::scene_segmenter
