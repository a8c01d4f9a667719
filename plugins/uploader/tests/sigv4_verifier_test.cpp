// The fake S3 server's own SigV4 check: pinned by the examples AWS publishes in the S3
// API reference, and agreeing with a third implementation, libcurl's CURLOPT_AWS_SIGV4,
// on requests libcurl signs and sends to the fake server.
#include "fake_s3_server.hpp"
#include "sigv4_verifier.hpp"

#include <curl/curl.h>
#include <gtest/gtest.h>

namespace reelflow::uploader::testing {
namespace {

// examplebucket, AKIAIOSFODNN7EXAMPLE, 2013-05-24, us-east-1.
const AwsKey kExampleKey{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"};
constexpr const char* kExampleDate = "20130524T000000Z";
constexpr const char* kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

ReceivedRequest example(std::string method, std::string target, const std::string& payload_sha256,
                        std::vector<std::pair<std::string, std::string>> extra = {}) {
  ReceivedRequest r{std::move(method), std::move(target),
                    {{"Host", "examplebucket.s3.amazonaws.com"}, {"x-amz-date", kExampleDate},
                     {"x-amz-content-sha256", payload_sha256}}};
  r.headers.insert(r.headers.end(), extra.begin(), extra.end());
  return r;
}

TEST(FakeS3Verifier, AgreesWithTheAwsReferenceExamples) {
  const std::vector<std::string> basic{"host", "x-amz-content-sha256", "x-amz-date"};
  EXPECT_EQ(expected_sigv4_signature(example("GET", "/test.txt", kEmptySha256, {{"Range", "bytes=0-9"}}),
                                     {"host", "range", "x-amz-content-sha256", "x-amz-date"}, kEmptySha256,
                                     kExampleDate, kExampleKey),
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

  const std::string put_payload = sha256_hex_of("Welcome to Amazon S3.");
  EXPECT_EQ(put_payload, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  EXPECT_EQ(expected_sigv4_signature(example("PUT", "/test%24file.text", put_payload,
                                             {{"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                                              {"x-amz-storage-class", "REDUCED_REDUNDANCY"}}),
                                     {"date", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-storage-class"},
                                     put_payload, kExampleDate, kExampleKey),
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");

  EXPECT_EQ(expected_sigv4_signature(example("GET", "/?lifecycle", kEmptySha256), basic, kEmptySha256, kExampleDate,
                                     kExampleKey),
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  EXPECT_EQ(expected_sigv4_signature(example("GET", "/?max-keys=2&prefix=J", kEmptySha256), basic, kEmptySha256,
                                     kExampleDate, kExampleKey),
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

// A request signed by libcurl with `secret`; the answer's status (0 when it failed to go out).
long curl_signed(const FakeS3Server& s3, const std::string& method, const std::string& target, const std::string& body,
                 const std::string& secret) {
  CURL* curl = curl_easy_init();
  const std::string url = s3.endpoint() + target;
  const std::string provider = "aws:amz:" + s3.options().region + ":s3";
  const std::string credentials = s3.options().access_key_id + ":" + secret;
  curl_slist* headers = curl_slist_append(nullptr, ("x-amz-content-sha256: " + sha256_hex_of(body)).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, provider.c_str());
  curl_easy_setopt(curl, CURLOPT_USERPWD, credentials.c_str());
  if (!body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

TEST(FakeS3Verifier, AcceptsWhatLibcurlSignsButNotWithAnotherSecret) {
  FakeS3Server s3;
  const std::string secret = s3.options().secret_access_key;
  EXPECT_EQ(curl_signed(s3, "PUT", "/media/clips/a%20b~c%24.mp4", "bytes from curl", secret), 200);
  EXPECT_EQ(s3.object("clips/a b~c$.mp4"), "bytes from curl");
  EXPECT_EQ(curl_signed(s3, "GET", "/media/clips/a%20b~c%24.mp4", "", secret), 200);
  EXPECT_EQ(curl_signed(s3, "PUT", "/media/x.mp4", "forged", "not" + secret), 403);
  EXPECT_FALSE(s3.object("x.mp4"));
}

}  // namespace
}  // namespace reelflow::uploader::testing
