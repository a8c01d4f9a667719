#include "cache/stage_cache_key.hpp"

#include "cache/file_digest.hpp"
#include "cache/sha256.hpp"
#include "graph/value_paths.hpp"

#include "graph/value_json.hpp"
#include "plugins/stage_registry.hpp"

#include <algorithm>

namespace reelflow::framework {
namespace {

using nlohmann::json;

// Bumped when the document's layout or meaning changes, so old entries stop matching.
constexpr int kKeyFormat = 1;
// Shorter "secrets" are not redacted either (secret_redactor.hpp): too common to mean anything.
constexpr std::size_t kMinSecretLength = 4;

json string_identity(const std::string& text) {
  if (auto digest = file_sha256(text)) return json{{"file_sha256", *digest}};
  return text;
}

json param_identity(const ParamValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) return string_identity(v);
        else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          json items = json::array();
          for (const auto& item : v) items.push_back(string_identity(item));
          return items;
        } else return v;
      },
      value);
}

bool is_secret_value(const std::string& text, const std::vector<std::string>& secrets) {
  return std::find(secrets.begin(), secrets.end(), text) != secrets.end();
}

}  // namespace

bool contains_secret(const std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.size() < kMinSecretLength) continue;
    if (text.find(secret) != std::string::npos) return true;
    // As it appears inside a JSON string (quotes, backslashes, control characters escaped).
    std::string escaped = json(secret).dump(-1, ' ', false, json::error_handler_t::replace);
    escaped = escaped.substr(1, escaped.size() - 2);
    if (escaped != secret && text.find(escaped) != std::string::npos) return true;
  }
  return false;
}

json value_identity(const Value& value) {
  Value copy = value;
  for_each_path(copy, [](std::string& path, PathSlot slot) {
    if (slot == PathSlot::Text && !std::filesystem::path(path).is_absolute()) return;
    if (auto digest = file_sha256(path)) path = "sha256:" + *digest;
  });
  return value_to_json(copy);
}

StageKey stage_cache_key(const StageKeyInput& in) {
  static const std::vector<std::string> kNone;
  const auto& secrets = in.secrets ? *in.secrets : kNone;
  StageKey out;
  json params = json::object();
  for (const auto& [name, value] : in.params->values()) {
    const ParamSpec* spec = in.type->spec.find_param(name);
    if (spec && spec->secret) continue;  // an API key does not change what a stage makes
    // A non-secret param set from ${env:...} is redacted like a secret, so it cannot
    // go into the key; leaving it out would return stale results when it changes.
    if (const auto* text = std::get_if<std::string>(&value); text && is_secret_value(*text, secrets)) {
      out.not_cached_because = "parameter '" + name + "' comes from the environment";
      return out;
    }
    params[name] = param_identity(value);
  }
  json inputs = json::object();
  for (const auto& [port, value] : in.inputs)
    if (value) inputs[port] = value_identity(*value);

  json doc = {{"format", kKeyFormat},
              {"stage", in.stage_id},
              {"type", in.type->name},
              {"plugin", in.type->plugin ? in.type->plugin->name : ""},
              {"version", in.type->plugin ? in.type->plugin->version : ""},
              {"build", in.type->plugin ? in.type->plugin->build_id : ""},
              {"params", std::move(params)},
              {"inputs", std::move(inputs)}};
  if (in.redo && !in.redo->empty()) doc["redo"] = {{"scenes", in.redo->scenes}, {"take", in.redo->take}};
  std::string text;
  try {
    text = doc.dump();
  } catch (const json::exception&) {
    out.not_cached_because = "a parameter or input is not valid UTF-8";
    return out;
  }
  if (contains_secret(text, secrets)) {
    out.not_cached_because = "its inputs or parameters contain a secret";
    return out;
  }
  out.key = sha256_hex(text);
  out.document = std::move(doc);
  return out;
}

}  // namespace reelflow::framework
