#include "fake_s3_server.hpp"

#include "sigv4_verifier.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <regex>
#include <sstream>

namespace reelflow::uploader::testing {
namespace {

constexpr std::size_t kMinPartSize = 5u << 20;

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& extra = {}) {
  res.status = status;
  res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + code +
                      " (fake S3)</Message>" + extra + "</Error>",
                  "application/xml");
}

// "k1=v1, k2=v2" after "AWS4-HMAC-SHA256 " → map.
std::map<std::string, std::string> authorization_fields(const std::string& header) {
  std::map<std::string, std::string> fields;
  std::string rest = header.substr(header.find(' ') + 1);
  std::stringstream parts(rest);
  std::string part;
  while (std::getline(parts, part, ',')) {
    auto start = part.find_first_not_of(' ');
    auto eq = part.find('=');
    if (start == std::string::npos || eq == std::string::npos) continue;
    fields[part.substr(start, eq - start)] = part.substr(eq + 1);
  }
  return fields;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, sep)) out.push_back(item);
  return out;
}

// Seconds between an x-amz-date and now.
double age_s(const std::string& amz_date) {
  std::tm tm{};
  if (!strptime(amz_date.c_str(), "%Y%m%dT%H%M%SZ", &tm)) return 1e9;
  auto sent = std::chrono::system_clock::from_time_t(timegm(&tm));
  return std::abs(std::chrono::duration<double>(std::chrono::system_clock::now() - sent).count());
}

std::string etag_of(const std::string& bytes) { return "\"" + sha256_hex_of(bytes).substr(0, 32) + "\""; }

std::string unescape_quotes(std::string text) {
  for (auto pos = text.find("&quot;"); pos != std::string::npos; pos = text.find("&quot;"))
    text.replace(pos, 6, "\"");
  return text;
}

}  // namespace

FakeS3Server::FakeS3Server(FakeS3Options options) : options_(std::move(options)) {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  auto& server = http_.server();
  server.Get(".*", handler);  // HEAD comes here too
  server.Put(".*", handler);
  server.Post(".*", handler);
  server.Delete(".*", handler);
  http_.start();
}

FakeS3Server::~FakeS3Server() { http_.stop(); }

std::string FakeS3Server::authenticate(const httplib::Request& req) const {
  std::string authorization = req.get_header_value("Authorization");
  if (authorization.rfind("AWS4-HMAC-SHA256 ", 0) != 0) return "AccessDenied";
  auto fields = authorization_fields(authorization);
  auto scope = split(fields["Credential"], '/');  // key/date/region/service/aws4_request
  if (scope.size() != 5 || scope[4] != "aws4_request" || scope[3] != "s3") return "AuthorizationHeaderMalformed";
  if (scope[0] != options_.access_key_id) return "InvalidAccessKeyId";
  if (scope[2] != options_.region) return "AuthorizationHeaderMalformed";

  std::string date = req.get_header_value("x-amz-date");
  if (date.size() != 16 || date.substr(0, 8) != scope[1]) return "AuthorizationHeaderMalformed";
  if (age_s(date) > 15 * 60) return "RequestTimeTooSkewed";

  std::string payload = req.get_header_value("x-amz-content-sha256");
  if (payload != sha256_hex_of(req.body)) return "XAmzContentSHA256Mismatch";  // UNSIGNED-PAYLOAD included

  auto signed_names = split(fields["SignedHeaders"], ';');
  for (const char* must : {"host", "x-amz-date", "x-amz-content-sha256"})
    if (std::find(signed_names.begin(), signed_names.end(), must) == signed_names.end()) return "AccessDenied";
  if (!options_.session_token.empty()) {
    if (req.get_header_value("x-amz-security-token") != options_.session_token) return "InvalidToken";
    if (std::find(signed_names.begin(), signed_names.end(), "x-amz-security-token") == signed_names.end())
      return "AccessDenied";
  }
  // Recomputed from the request as it arrived, by the tests' own SigV4 (sigv4_verifier.hpp).
  ReceivedRequest received{req.method, req.target, {req.headers.begin(), req.headers.end()}};
  const AwsKey key{options_.secret_access_key, options_.region};
  if (expected_sigv4_signature(received, signed_names, payload, date, key) != fields["Signature"])
    return "SignatureDoesNotMatch";
  return {};
}

void FakeS3Server::handle(const httplib::Request& req, httplib::Response& res) {
  dispatch(req, res);
  // Recorded before the response goes out, so a test sees every request its client saw answered.
  std::lock_guard lock(mutex_);
  auto q = req.target.find('?');
  requests_.push_back({req.method, req.path, q == std::string::npos ? "" : req.target.substr(q + 1), res.status});
}

void FakeS3Server::dispatch(const httplib::Request& req, httplib::Response& res) {
  if (std::string error = authenticate(req); !error.empty()) {
    // Real S3 echoes the access key id and string to sign; the stage must not repeat them.
    send_error(res, 403, error,
               "<AWSAccessKeyId>" + options_.access_key_id + "</AWSAccessKeyId><SignatureProvided>" +
                   authorization_fields(req.get_header_value("Authorization"))["Signature"] + "</SignatureProvided>");
    return;
  }
  std::string prefix = "/" + options_.bucket + "/";
  if (req.path.rfind(prefix, 0) != 0 || req.path.size() == prefix.size()) return send_error(res, 404, "NoSuchBucket");
  std::string key = req.path.substr(prefix.size());

  std::lock_guard lock(mutex_);
  if (req.method == "PUT" && req.has_param("uploadId")) return upload_part(key, req, res);
  if (req.method == "PUT") return put_object(key, req, res);
  if (req.method == "POST" && req.has_param("uploads")) return create_upload(key, res);
  if (req.method == "POST" && req.has_param("uploadId")) return complete_upload(key, req, res);
  if (req.method == "DELETE" && req.has_param("uploadId")) return abort_upload(req, res);
  if (req.method == "GET" || req.method == "HEAD") return get_object(key, res);
  send_error(res, 405, "MethodNotAllowed");
}

void FakeS3Server::put_object(const std::string& key, const httplib::Request& req, httplib::Response& res) {
  objects_[key] = req.body;
  res.set_header("ETag", etag_of(req.body));
  res.status = 200;
}

void FakeS3Server::get_object(const std::string& key, httplib::Response& res) {
  auto it = objects_.find(key);
  if (it == objects_.end()) return send_error(res, 404, "NoSuchKey");
  res.set_content(it->second, "application/octet-stream");
  res.status = 200;
}

void FakeS3Server::create_upload(const std::string& key, httplib::Response& res) {
  std::string id = "fake-upload-" + std::to_string(next_upload_++) + "~x/y+z";  // characters that need encoding
  uploads_[id] = Upload{key, {}};
  res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult><Bucket>" +
                      options_.bucket + "</Bucket><Key>" + key + "</Key><UploadId>" + id +
                      "</UploadId></InitiateMultipartUploadResult>",
                  "application/xml");
  res.status = 200;
}

void FakeS3Server::upload_part(const std::string& key, const httplib::Request& req, httplib::Response& res) {
  auto it = uploads_.find(req.get_param_value("uploadId"));
  if (it == uploads_.end() || it->second.key != key) return send_error(res, 404, "NoSuchUpload");
  int number = std::atoi(req.get_param_value("partNumber").c_str());
  if (number < 1 || number > 10000) return send_error(res, 400, "InvalidArgument");
  if (auto fault = part_faults_.find(number); fault != part_faults_.end() && fault->second.second > 0) {
    --fault->second.second;
    return send_error(res, fault->second.first, fault->second.first >= 500 ? "InternalError" : "BadDigest");
  }
  std::string etag = etag_of(req.body);
  it->second.parts[number] = {etag, req.body};
  res.set_header("ETag", etag);
  res.status = 200;
}

void FakeS3Server::complete_upload(const std::string& key, const httplib::Request& req, httplib::Response& res) {
  auto it = uploads_.find(req.get_param_value("uploadId"));
  if (it == uploads_.end() || it->second.key != key) return send_error(res, 404, "NoSuchUpload");
  if (complete_error_) {
    res.status = 200;  // S3 may fail a complete after it has sent 200 and headers
    res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>"
                    "<Message>We encountered an internal error. Please try again.</Message></Error>",
                    "application/xml");
    return;
  }
  static const std::regex kPart(R"(<Part><PartNumber>(\d+)</PartNumber><ETag>([^<]*)</ETag></Part>)");
  std::string assembled;
  int expected = 1;
  const auto& parts = it->second.parts;
  for (std::sregex_iterator m(req.body.begin(), req.body.end(), kPart), end; m != end; ++m, ++expected) {
    int number = std::stoi((*m)[1]);
    auto part = parts.find(number);
    if (number != expected || part == parts.end()) return send_error(res, 400, "InvalidPartOrder");
    if (part->second.first != unescape_quotes((*m)[2])) return send_error(res, 400, "InvalidPart");
    if (part->second.second.size() < kMinPartSize && number != static_cast<int>(parts.size()))
      return send_error(res, 400, "EntityTooSmall");
    assembled += part->second.second;
  }
  if (expected == 1 || expected - 1 != static_cast<int>(parts.size())) return send_error(res, 400, "InvalidPart");
  objects_[key] = std::move(assembled);
  uploads_.erase(it);
  res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult><Key>" + key +
                      "</Key><ETag>\"multipart\"</ETag></CompleteMultipartUploadResult>",
                  "application/xml");
  res.status = 200;
}

void FakeS3Server::abort_upload(const httplib::Request& req, httplib::Response& res) {
  if (uploads_.erase(req.get_param_value("uploadId")) == 0) return send_error(res, 404, "NoSuchUpload");
  res.status = 204;
}

std::optional<std::string> FakeS3Server::object(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = objects_.find(key);
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

std::vector<FakeS3Request> FakeS3Server::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

int FakeS3Server::count(const std::string& method, const std::string& query_part) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& r : requests_)
    if (r.method == method && r.query.find(query_part) != std::string::npos) ++n;
  return n;
}

std::size_t FakeS3Server::open_uploads() const {
  std::lock_guard lock(mutex_);
  return uploads_.size();
}

void FakeS3Server::fail_part(int number, int status, int times) {
  std::lock_guard lock(mutex_);
  part_faults_[number] = {status, times};
}

}  // namespace reelflow::uploader::testing
