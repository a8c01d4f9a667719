// The JSON schemas plugins register with their value types: what is enforced, where a
// violation is, and schemas refused because they promise what is not enforced.
#include "graph/value_schema.hpp"

#include <gtest/gtest.h>

namespace reelflow::framework {
namespace {

using nlohmann::json;

ValueSchema compiled(const std::string& text) {
  auto result = ValueSchema::compile(text);
  if (auto* why = std::get_if<std::string>(&result)) ADD_FAILURE() << text << ": " << *why;
  return std::get<ValueSchema>(std::move(result));
}

std::string refusal(const std::string& text) {
  auto result = ValueSchema::compile(text);
  return std::holds_alternative<std::string>(result) ? std::get<std::string>(result) : "";
}

std::string why(const ValueSchema& schema, const std::string& value) {
  return schema.violation_of_text(value).value_or("");
}

TEST(ValueSchema, ObjectsNeedTheirRequiredPropertiesOfTheirTypes) {
  const auto s = compiled(R"({"type":"object","required":["t","label"],
    "properties":{"t":{"type":"number","minimum":0},"label":{"type":"string","minLength":1,"maxLength":5}},
    "additionalProperties":false})");
  EXPECT_EQ(why(s, R"({"t":1.5,"label":"cat"})"), "");
  EXPECT_EQ(why(s, R"({"t":1.5})"), "/: lacks the required 'label'");
  EXPECT_EQ(why(s, R"({"t":"1","label":"cat"})"), "/t: expected number, found a string");
  EXPECT_EQ(why(s, R"({"t":-1,"label":"cat"})"), "/t: -1 is below the minimum 0.0");
  EXPECT_EQ(why(s, R"({"t":1,"label":""})"), "/label: shorter than 1 characters");
  EXPECT_EQ(why(s, R"({"t":1,"label":"ééééé"})"), "") << "lengths count characters, not bytes";
  EXPECT_EQ(why(s, R"({"t":1,"label":"cat","x":2})"), "/: 'x' is not allowed here");
  EXPECT_EQ(why(s, R"([1])"), "/: expected object, found a list");
  EXPECT_EQ(why(s, "{not json"), "/: not JSON");
}

TEST(ValueSchema, ListsCheckEachItemAndTheirLength) {
  const auto s = compiled(R"({"type":"array","minItems":1,"maxItems":3,
    "items":{"type":"object","properties":{"kind":{"enum":["cut","fade"]},"n":{"type":"integer"}}}})");
  EXPECT_EQ(why(s, R"([{"kind":"cut","n":3}, {"kind":"fade","n":4.0}])"), "") << "4.0 is an integer in JSON";
  EXPECT_EQ(why(s, R"([])"), "/: fewer than 1 items");
  EXPECT_EQ(why(s, R"([{},{},{},{}])"), "/: more than 3 items");
  EXPECT_EQ(why(s, R"([{"kind":"cut"},{"kind":"wipe"}])"), R"(/1/kind: "wipe" is not one of ["cut","fade"])");
  EXPECT_EQ(why(s, R"([{"n":2.5}])"), "/0/n: expected integer, found a number");
}

TEST(ValueSchema, PatternsMatchAnywhereUnlessAnchored) {
  const auto anywhere = compiled(R"({"type":"string","pattern":"[0-9]+"})");
  EXPECT_EQ(why(anywhere, R"("take 42")"), "");
  EXPECT_EQ(why(anywhere, R"("none")"), "/: does not match the pattern");
  const auto whole = compiled(R"({"type":"string","pattern":"^#[^#\\s]+$"})");
  EXPECT_EQ(why(whole, R"("#bees")"), "");
  EXPECT_NE(why(whole, R"("x #bees")"), "");
  EXPECT_NE(why(whole, R"("#two words")"), "");
}

TEST(ValueSchema, AlternativesAndLocalDefinitions) {
  // The shape scene_segmenter's cuts use: one item or a list of them.
  const auto s = compiled(R"({"$defs":{"cut":{"type":"object","required":["time_s"],
      "properties":{"time_s":{"type":"number"}}}},
    "oneOf":[{"$ref":"#/$defs/cut"},{"type":"array","items":{"$ref":"#/$defs/cut"}}]})");
  EXPECT_EQ(why(s, R"({"time_s":1})"), "");
  EXPECT_EQ(why(s, R"([{"time_s":1},{"time_s":2}])"), "");
  EXPECT_NE(why(s, R"([{"time_s":"1"}])").find("matches none of its 2 alternatives (the closest: /0/time_s"), std::string::npos);
  const auto either = compiled(R"({"anyOf":[{"type":"string"},{"type":"number","minimum":0}]})");
  EXPECT_EQ(why(either, "3"), "");
  EXPECT_NE(why(either, "-3"), "");
  const auto both = compiled(R"({"oneOf":[{"type":"number"},{"type":"integer"}]})");
  EXPECT_EQ(why(both, "2"), "/: matches more than one of its alternatives (oneOf)");
  EXPECT_EQ(why(both, "2.5"), "");
}

TEST(ValueSchema, SchemasPromisingUnenforcedChecksAreRefused) {
  EXPECT_EQ(refusal(R"({"type":"object","properties":{"a":{"not":{"type":"string"}}}})"),
            "/properties/a/not: the runtime does not enforce 'not' (docs/plugin-guide.md lists the keywords it does)");
  EXPECT_EQ(refusal(R"({"type":"strng"})"), R"(/type: unknown type "strng")");
  EXPECT_EQ(refusal(R"({"$ref":"https://example.com/schema.json"})").rfind("/$ref: only refs to this schema's own $defs", 0),
            0u);
  EXPECT_NE(refusal(R"({"pattern":"(a+)+\\1"})").find("pattern cannot be enforced"), std::string::npos);
  EXPECT_NE(refusal("[1]").find("a schema must be an object"), std::string::npos);
  EXPECT_NE(refusal("{").find("not JSON"), std::string::npos);
  // A recursive definition meets the depth limit instead of looping.
  EXPECT_NE(refusal(R"({"$defs":{"n":{"items":{"$ref":"#/$defs/n"}}},"$ref":"#/$defs/n"})").find("nested deeper than"),
            std::string::npos);
  // Annotations are accepted and ignored.
  EXPECT_EQ(refusal(R"({"$schema":"https://json-schema.org/draft/2020-12/schema","title":"t","description":"d",
    "type":"object","default":{},"examples":[{}]})"), "");
}

}  // namespace
}  // namespace reelflow::framework
