#pragma once
// The little XML the S3 upload protocol needs: reading UploadId and error
// codes from responses, writing the CompleteMultipartUpload part list.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::uploader {

// The unescaped text of the first <tag>…</tag>, or nullopt.
std::optional<std::string> xml_element_text(std::string_view xml, std::string_view tag);

// True when the document is an S3 error (<Error> root), even inside an HTTP 200.
bool is_s3_error(std::string_view xml);

// "SignatureDoesNotMatch: The request signature we calculated does not match…",
// empty when the body is not an S3 error document.
std::string s3_error_summary(std::string_view xml);

// <CompleteMultipartUpload> listing etags[i] as part i + 1.
std::string complete_multipart_xml(const std::vector<std::string>& etags);

std::string xml_escape(std::string_view text);

}  // namespace reelflow::uploader
