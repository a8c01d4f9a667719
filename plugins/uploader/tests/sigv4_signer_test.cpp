// SigV4 against published AWS values: the aws-sig-v4-test-suite (credentials
// AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z), the
// worked examples of the S3 API reference ("Signature Calculations for the
// Authorization Header"), and the signing-key example of the IAM documentation.
#include "sha256.hpp"
#include "sigv4_signer.hpp"

#include <gtest/gtest.h>

namespace reelflow::uploader {
namespace {

constexpr const char* kSuiteDate = "20150830T123600Z";
const std::string kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SigV4Signer suite_signer() {
  return SigV4Signer({"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""}, "us-east-1", "service");
}

SigV4Request suite_request(std::string method, std::string path, QueryParams query = {}, HttpHeaders extra = {}) {
  SigV4Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.query = std::move(query);
  request.headers = {{"Host", "example.amazonaws.com"}};
  request.headers.insert(request.headers.end(), extra.begin(), extra.end());
  request.headers.emplace_back("X-Amz-Date", kSuiteDate);
  request.payload_sha256 = kEmptySha256;
  return request;
}

TEST(SigV4Suite, GetVanillaCanonicalRequestStringToSignAndAuthorization) {
  auto signer = suite_signer();
  auto request = suite_request("GET", "/");
  EXPECT_EQ(signer.canonical_request(request),
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + kEmptySha256);
  EXPECT_EQ(signer.string_to_sign(request, kSuiteDate),
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(signer.authorization(request, kSuiteDate),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

struct SuiteVector {
  const char* name;
  SigV4Request request;
  const char* signature;
};

TEST(SigV4Suite, PublishedSignatures) {
  const SuiteVector vectors[] = {
      {"get-vanilla-query-order-key-case", suite_request("GET", "/", {{"Param2", "value2"}, {"Param1", "value1"}}),
       "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
      {"get-vanilla-empty-query-key", suite_request("GET", "/", {{"Param1", "value1"}}),
       "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"},
      {"get-vanilla-query-unreserved",
       suite_request("GET", "/",
                     {{"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                       "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}}),
       "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"},
      {"get-utf8", suite_request("GET", "/\xE1\x88\xB4"),
       "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"},
      {"get-space", suite_request("GET", "/example space/"),
       "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"},
      {"get-header-key-duplicate",
       suite_request("GET", "/", {}, {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}),
       "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"},
      {"get-header-value-order",
       suite_request("GET", "/", {},
                     {{"My-Header1", "value4"}, {"My-Header1", "value1"}, {"My-Header1", "value3"},
                      {"My-Header1", "value2"}}),
       "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"},
      {"get-header-value-trim", suite_request("GET", "/", {}, {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}),
       "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"},
      {"post-vanilla", suite_request("POST", "/"), "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
      {"post-vanilla-query", suite_request("POST", "/", {{"Param1", "value1"}}),
       "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"},
      {"post-header-key-sort", suite_request("POST", "/", {}, {{"My-Header1", "value1"}}),
       "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"},
      {"post-header-value-case", suite_request("POST", "/", {}, {{"My-Header1", "VALUE1"}}),
       "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"},
  };
  auto signer = suite_signer();
  for (const auto& v : vectors) EXPECT_EQ(signer.signature(v.request, kSuiteDate), v.signature) << v.name;
}

TEST(SigV4Suite, PostFormBodyIsSignedByItsHash) {
  auto signer = suite_signer();
  auto request = suite_request("POST", "/", {}, {{"Content-Type", "application/x-www-form-urlencoded"}});
  request.payload_sha256 = sha256_hex("Param1=value1");
  EXPECT_EQ(signer.canonical_request(request),
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
            "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  EXPECT_EQ(signer.signature(request, kSuiteDate), "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");

  // post-x-www-form-urlencoded-parameters: same body, a charset parameter on the type.
  for (auto& [name, value] : request.headers)
    if (name == "Content-Type") value = "application/x-www-form-urlencoded; charset=utf8";
  EXPECT_EQ(signer.signature(request, kSuiteDate), "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe");
}

// The S3 API reference examples: examplebucket, AKIAIOSFODNN7EXAMPLE, 2013-05-24.
class S3ReferenceExample : public ::testing::Test {
 protected:
  static constexpr const char* kDate = "20130524T000000Z";
  SigV4Signer signer_{{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""}, "us-east-1", "s3"};

  static SigV4Request request(std::string method, std::string path, QueryParams query, std::string payload_sha256,
                              HttpHeaders extra = {}) {
    SigV4Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.query = std::move(query);
    r.payload_sha256 = payload_sha256;
    r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                 {"x-amz-date", kDate},
                 {"x-amz-content-sha256", payload_sha256}};
    r.headers.insert(r.headers.end(), extra.begin(), extra.end());
    return r;
  }
};

TEST_F(S3ReferenceExample, GetObject) {
  auto r = request("GET", "/test.txt", {}, kEmptySha256, {{"Range", "bytes=0-9"}});
  EXPECT_EQ(signer_.canonical_request(r),
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:" +
                kEmptySha256 + "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" +
                kEmptySha256);
  EXPECT_EQ(signer_.string_to_sign(r, kDate),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(signer_.authorization(r, kDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST_F(S3ReferenceExample, PutObjectWithPayloadHashAndEncodedKey) {
  std::string payload = sha256_hex("Welcome to Amazon S3.");
  EXPECT_EQ(payload, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  auto r = request("PUT", "/test$file.text", {}, payload,
                   {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}});
  EXPECT_NE(signer_.canonical_request(r).find("\n/test%24file.text\n"), std::string::npos);
  EXPECT_EQ(signer_.signature(r, kDate), "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST_F(S3ReferenceExample, SubresourceAndListQueries) {
  EXPECT_EQ(signer_.signature(request("GET", "/", {{"lifecycle", ""}}, kEmptySha256), kDate),
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  EXPECT_EQ(signer_.signature(request("GET", "/", {{"prefix", "J"}, {"max-keys", "2"}}, kEmptySha256), kDate),
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

// IAM documentation: deriving the signing key, and the ListUsers request.
TEST(SigV4SigningKey, IamDocumentationExamples) {
  SigV4Signer iam({"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""}, "us-east-1", "iam");
  EXPECT_EQ(to_hex(iam.signing_key("20120215")), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  EXPECT_EQ(to_hex(iam.signing_key("20150830")), "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");

  SigV4Request list_users;
  list_users.method = "GET";
  list_users.query = {{"Action", "ListUsers"}, {"Version", "2010-05-08"}};
  list_users.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                        {"Host", "iam.amazonaws.com"},
                        {"X-Amz-Date", kSuiteDate}};
  list_users.payload_sha256 = kEmptySha256;
  EXPECT_EQ(sha256_hex(iam.canonical_request(list_users)),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  EXPECT_EQ(iam.signature(list_users, kSuiteDate), "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(SigV4Date, FormatsUtc) {
  // 2015-08-30T12:36:00Z is 1440938160 s after the epoch.
  auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1440938160));
  EXPECT_EQ(amz_date(when), "20150830T123600Z");
}

}  // namespace
}  // namespace reelflow::uploader
