// S3 addressing and the XML of the multipart protocol.
#include "s3_object_address.hpp"
#include "s3_xml.hpp"

#include <gtest/gtest.h>

namespace reelflow::uploader {
namespace {

TEST(S3ObjectAddress, PathStyleKeepsTheBucketInThePath) {
  std::string error;
  auto a = make_s3_address("http://127.0.0.1:9000", "media", "videos/a b.mp4", true, error);
  ASSERT_TRUE(a) << error;
  EXPECT_EQ(a->host, "127.0.0.1:9000");
  EXPECT_EQ(a->path, "/media/videos/a b.mp4");
  EXPECT_EQ(a->url(), "http://127.0.0.1:9000/media/videos/a%20b.mp4");
  EXPECT_EQ(a->url({{"uploadId", "x/y+z"}, {"partNumber", "2"}}),
            "http://127.0.0.1:9000/media/videos/a%20b.mp4?partNumber=2&uploadId=x%2Fy%2Bz");
}

TEST(S3ObjectAddress, VirtualHostedStyleMovesTheBucketIntoTheHost) {
  std::string error;
  auto a = make_s3_address("https://s3.eu-west-3.amazonaws.com:443/", "my-media", "clip.mp4", false, error);
  ASSERT_TRUE(a) << error;
  EXPECT_EQ(a->host, "my-media.s3.eu-west-3.amazonaws.com");  // default port dropped, as clients send it
  EXPECT_EQ(a->path, "/clip.mp4");
  EXPECT_EQ(a->url(), "https://my-media.s3.eu-west-3.amazonaws.com/clip.mp4");
}

TEST(S3ObjectAddress, RejectsWhatCannotBeAnEndpointOrBucket) {
  std::string error;
  EXPECT_FALSE(make_s3_address("s3.amazonaws.com", "b", "k", true, error));
  EXPECT_NE(error.find("param 'endpoint'"), std::string::npos) << error;
  EXPECT_FALSE(make_s3_address("https://user:pw@host", "bkt", "k", true, error));
  EXPECT_FALSE(make_s3_address("https://host", "a/b", "k", true, error));
  EXPECT_NE(error.find("param 'bucket'"), std::string::npos) << error;
  EXPECT_FALSE(make_s3_address("https://host", "Upper_Case", "k", false, error));
  EXPECT_NE(error.find("path_style"), std::string::npos) << error;
}

TEST(S3Xml, ReadsUploadIdAndErrors) {
  const std::string created =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult "
      "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>b</Bucket><Key>k</Key>"
      "<UploadId>VXBsb2FkIElE&amp;x</UploadId></InitiateMultipartUploadResult>";
  EXPECT_EQ(xml_element_text(created, "UploadId"), "VXBsb2FkIElE&x");
  EXPECT_FALSE(is_s3_error(created));
  EXPECT_EQ(s3_error_summary(created), "");

  const std::string failed =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<Error><Code>InternalError</Code>"
      "<Message>We encountered an internal error.</Message></Error>";
  EXPECT_TRUE(is_s3_error(failed));
  EXPECT_EQ(s3_error_summary(failed), "InternalError: We encountered an internal error.");
}

TEST(S3Xml, CompleteListsPartsInOrderWithEscapedEtags) {
  EXPECT_EQ(complete_multipart_xml({"\"a1\"", "\"b2\""}),
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            "<Part><PartNumber>1</PartNumber><ETag>&quot;a1&quot;</ETag></Part>"
            "<Part><PartNumber>2</PartNumber><ETag>&quot;b2&quot;</ETag></Part>"
            "</CompleteMultipartUpload>");
}

}  // namespace
}  // namespace reelflow::uploader
