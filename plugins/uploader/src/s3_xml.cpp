#include "s3_xml.hpp"

namespace reelflow::uploader {
namespace {

std::string xml_unescape(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : kEntities) {
        if (text.substr(i, entity.size()) == entity) {
          out.push_back(c);
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(text[i++]);
  }
  return out;
}

}  // namespace

std::optional<std::string> xml_element_text(std::string_view xml, std::string_view tag) {
  std::string open = "<" + std::string(tag) + ">";
  std::string close = "</" + std::string(tag) + ">";
  auto start = xml.find(open);
  if (start == std::string_view::npos) return std::nullopt;
  start += open.size();
  auto end = xml.find(close, start);
  if (end == std::string_view::npos) return std::nullopt;
  return xml_unescape(xml.substr(start, end - start));
}

bool is_s3_error(std::string_view xml) {
  auto root = xml.find('<');
  // Skip the <?xml ...?> declaration.
  while (root != std::string_view::npos && xml.substr(root, 2) == "<?") root = xml.find('<', root + 2);
  return root != std::string_view::npos && (xml.substr(root, 7) == "<Error>" || xml.substr(root, 7) == "<Error ");
}

std::string s3_error_summary(std::string_view xml) {
  if (!is_s3_error(xml)) return {};
  std::string summary = xml_element_text(xml, "Code").value_or("Error");
  if (auto message = xml_element_text(xml, "Message")) summary += ": " + *message;
  return summary;
}

std::string complete_multipart_xml(const std::vector<std::string>& etags) {
  std::string xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  for (std::size_t i = 0; i < etags.size(); ++i)
    xml += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" + xml_escape(etags[i]) +
           "</ETag></Part>";
  xml += "</CompleteMultipartUpload>";
  return xml;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace reelflow::uploader
