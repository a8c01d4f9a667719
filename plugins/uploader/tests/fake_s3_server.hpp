#pragma once
// A small S3-compatible server for tests, on cpp-httplib: path-style PutObject,
// HeadObject/GetObject and the multipart calls (Create, UploadPart, Complete,
// Abort). Like S3 it authenticates every request by recomputing its SigV4
// signature with the secret it knows, by an implementation of its own that shares
// no code with the uploader (sigv4_verifier.hpp), rejects payloads whose
// x-amz-content-sha256 doesn't match,
// and refuses parts under 5 MiB except the last. Faults can be injected.
#include "local_http_server.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::uploader::testing {

struct FakeS3Options {
  std::string access_key_id = "AKIAFAKES3TESTKEY001";
  std::string secret_access_key = "fakeS3secret/Key+For+Tests0000000000000";
  std::string session_token;  // when set, requests must carry (and sign) it
  std::string region = "eu-west-3";
  std::string bucket = "media";
};

struct FakeS3Request {
  std::string method;
  std::string path;   // decoded
  std::string query;  // as sent
  int status = 0;
};

class FakeS3Server {
 public:
  explicit FakeS3Server(FakeS3Options options = {});
  ~FakeS3Server();

  std::string endpoint() const { return http_.url(""); }  // http://127.0.0.1:<port>
  const FakeS3Options& options() const { return options_; }

  std::optional<std::string> object(const std::string& key) const;
  std::vector<FakeS3Request> requests() const;
  int count(const std::string& method, const std::string& query_part = "") const;
  std::size_t open_uploads() const;  // created, neither completed nor aborted

  // Faults: answer part `number` with `status` for its next `times` attempts.
  void fail_part(int number, int status, int times = 1000);
  // CompleteMultipartUpload answers 200 with an <Error> document (S3 does this).
  void error_in_complete_200() { complete_error_ = true; }

 private:
  struct Upload {
    std::string key;
    std::map<int, std::pair<std::string, std::string>> parts;  // number → (etag, bytes)
  };

  void handle(const httplib::Request& req, httplib::Response& res);
  void dispatch(const httplib::Request& req, httplib::Response& res);
  // Empty when the request is authentic; else the S3 error code to answer with.
  std::string authenticate(const httplib::Request& req) const;
  void put_object(const std::string& key, const httplib::Request& req, httplib::Response& res);
  void get_object(const std::string& key, httplib::Response& res);
  void create_upload(const std::string& key, httplib::Response& res);
  void upload_part(const std::string& key, const httplib::Request& req, httplib::Response& res);
  void complete_upload(const std::string& key, const httplib::Request& req, httplib::Response& res);
  void abort_upload(const httplib::Request& req, httplib::Response& res);

  FakeS3Options options_;
  reelflow::testing::LocalHttpServer http_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> objects_;
  std::map<std::string, Upload> uploads_;
  std::vector<FakeS3Request> requests_;
  int next_upload_ = 1;
  std::map<int, std::pair<int, int>> part_faults_;  // number → (status, remaining)
  bool complete_error_ = false;
};

}  // namespace reelflow::uploader::testing
