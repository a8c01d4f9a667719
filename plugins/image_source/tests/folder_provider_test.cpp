// provider: folder — the user's own pictures, cover-cropped to size.
#include "image_source_test_support.hpp"

#include <stage_harness.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace reelflow::image_source::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

const cv::Scalar kRed(40, 40, 220), kGreen(40, 200, 40), kBlue(220, 60, 30), kGrey(128, 128, 128);

std::string folder_params(const std::filesystem::path& folder, const std::string& extra = "") {
  return "provider: folder\nfolder: '" + folder.string() + "'\nwidth: 180\nheight: 320\n" + extra;
}

TEST(ImageSourceFolder, NormalisesEveryPictureAndAssignsThemCyclically) {
  TempDir pictures("image-source-pictures");
  // Different formats, sizes and aspects; names sort as a, b, c. Other files are ignored.
  write_bytes(pictures / "a-landscape.jpg", encoded(solid_picture(640, 360, kRed), ".jpg"));
  write_bytes(pictures / "b-tall.PNG", encoded(solid_picture(200, 900, kGreen), ".png"));
  write_bytes(pictures / "c-square.jpeg", encoded(solid_picture(300, 300, kBlue), ".jpg"));
  write_bytes(pictures / "notes.txt", "not a picture");

  StageHarness harness;
  const auto images = images_of(harness.run("image_source", folder_params(pictures.path()),
                                            {{"scenes", make_scenes(5)}}));
  ASSERT_EQ(images.size(), 5u);
  const cv::Scalar expected[] = {kRed, kGreen, kBlue, kRed, kGreen};
  for (std::size_t i = 0; i < images.size(); ++i) {
    const cv::Mat image = decode(images[i]);
    ASSERT_FALSE(image.empty()) << images[i];
    EXPECT_EQ(image.cols, 180);
    EXPECT_EQ(image.rows, 320);
    EXPECT_TRUE(colour_near(mean_colour(image), expected[i], 6.0))
        << "scene " << i + 1 << " has mean colour " << mean_colour(image);
  }
}

TEST(ImageSourceFolder, CropsToFillInsteadOfSqueezing) {
  // 2:1 picture: red | green | blue thirds. A 9:16 cover crop keeps only the middle.
  TempDir pictures("image-source-pictures");
  cv::Mat stripes(300, 600, CV_8UC3, kGreen);
  stripes(cv::Rect(0, 0, 150, 300)).setTo(kRed);
  stripes(cv::Rect(450, 0, 150, 300)).setTo(kBlue);
  write_bytes(pictures / "stripes.png", encoded(stripes, ".png"));

  StageHarness harness;
  const auto images =
      images_of(harness.run("image_source", folder_params(pictures.path()), {{"scenes", make_scenes(1)}}));
  ASSERT_EQ(images.size(), 1u);
  const cv::Mat image = decode(images[0]);
  EXPECT_TRUE(colour_near(mean_colour(image), kGreen, 4.0)) << mean_colour(image);
  // Enlarged from 169x300: the left and right edges are green too, not red or blue.
  EXPECT_TRUE(colour_near(mean_colour(image.colRange(0, 8)), kGreen, 8.0));
  EXPECT_TRUE(colour_near(mean_colour(image.colRange(172, 180)), kGreen, 8.0));
}

TEST(ImageSourceFolder, ShuffleSeededIsAFixedPermutation) {
  TempDir pictures("image-source-pictures");
  std::vector<cv::Scalar> colours;
  for (int i = 0; i < 6; ++i) {
    colours.emplace_back(20 + 40 * i, 230 - 40 * i, 128);
    write_bytes(pictures / ("p" + std::to_string(i) + ".png"), encoded(solid_picture(90, 160, colours.back()), ".png"));
  }
  auto picked = [&](const std::vector<std::filesystem::path>& images) {
    std::vector<int> order;
    for (const auto& path : images) {
      const cv::Scalar mean = mean_colour(decode(path));
      int found = -1;
      for (int i = 0; i < 6; ++i)
        if (colour_near(mean, colours[static_cast<std::size_t>(i)], 6.0)) found = i;
      order.push_back(found);
    }
    return order;
  };

  StageHarness harness;
  const std::string shuffled = folder_params(pictures.path(), "order: shuffle-seeded\nseed: 3\n");
  const auto first = picked(images_of(harness.run("image_source", shuffled, {{"scenes", make_scenes(6)}})));
  const auto again = picked(images_of(harness.run("image_source", shuffled, {{"scenes", make_scenes(6)}})));
  const auto by_name =
      picked(images_of(harness.run("image_source", folder_params(pictures.path()), {{"scenes", make_scenes(6)}})));

  EXPECT_EQ(by_name, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  std::vector<int> sorted = first;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, by_name) << "every picture once";
  EXPECT_NE(first, by_name) << "seed 3 shuffles";
  EXPECT_EQ(first, again) << "the same seed gives the same order";
}

TEST(ImageSourceFolder, MissingFolderIsAClearError) {
  TempDir root("image-source-pictures");
  const auto missing = root / "no-such-folder";
  StageHarness harness;
  const auto run = harness.run("image_source", folder_params(missing), {{"scenes", make_scenes(2)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find(missing.string()), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("does not exist"), std::string::npos) << run.status.message();
}

TEST(ImageSourceFolder, FolderWithoutPicturesIsAClearError) {
  TempDir pictures("image-source-pictures");
  write_bytes(pictures / "readme.md", "# no pictures here");
  StageHarness harness;
  const auto run = harness.run("image_source", folder_params(pictures.path()), {{"scenes", make_scenes(2)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("no image files matching"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find(pictures.path().string()), std::string::npos) << run.status.message();
}

TEST(ImageSourceFolder, FolderParameterIsRequiredForTheFolderProvider) {
  StageHarness harness;
  const auto run = harness.run("image_source", "provider: folder\n", {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("'folder'"), std::string::npos) << run.status.message();
}

TEST(ImageSourceFolder, CorruptPictureIsAClearErrorNamingTheFile) {
  TempDir pictures("image-source-pictures");
  write_bytes(pictures / "a-good.jpg", encoded(solid_picture(90, 160, kGrey), ".jpg"));
  std::string broken = encoded(solid_picture(90, 160, kGrey), ".png").substr(0, 40);  // header, no data
  write_bytes(pictures / "b-broken.png", broken);
  StageHarness harness;
  const auto run = harness.run("image_source", folder_params(pictures.path()), {{"scenes", make_scenes(2)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("b-broken.png"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("cannot be decoded"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.outputs.count("images"), 0u) << "no partial output";
}

TEST(ImageSourceFolder, ImplausiblyLargePictureIsRefusedBeforeDecoding) {
  TempDir pictures("image-source-pictures");
  // A PNG of 12001 x 2 px, over the per-side limit, cut after its header: decoding it
  // would fail ("cannot be decoded"), so only a check of the header gives the size.
  const std::string png = encoded(cv::Mat(2, 12001, CV_8UC3, kGrey), ".png");
  write_bytes(pictures / "wide.png", png.substr(0, 64));
  StageHarness harness;
  const auto run = harness.run("image_source", folder_params(pictures.path()), {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("12001x2 px, over the limit"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("wide.png"), std::string::npos) << run.status.message();
}

// Encoded pictures whose headers are patched to claim 40000x30000 px.
void put_big_endian(std::string& bytes, std::size_t at, std::uint32_t value, int size) {
  for (int i = 0; i < size; ++i) bytes[at + i] = static_cast<char>(value >> (8 * (size - 1 - i)));
}
void put_little_endian(std::string& bytes, std::size_t at, std::uint32_t value, int size) {
  for (int i = 0; i < size; ++i) bytes[at + i] = static_cast<char>(value >> (8 * i));
}
std::uint32_t little_endian(const std::string& bytes, std::size_t at, int size) {
  std::uint32_t value = 0;
  for (int i = size - 1; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::string png_claiming_huge_size(const cv::Mat& picture) {
  std::string png = encoded(picture, ".png");
  put_big_endian(png, 16, 40000, 4);  // IHDR width, height
  put_big_endian(png, 20, 30000, 4);
  return png;
}

std::string jpeg_claiming_huge_size(const cv::Mat& picture) {
  std::string jpeg = encoded(picture, ".jpg");
  const std::size_t frame = jpeg.find("\xFF\xC0");  // baseline start of frame: length, precision, height, width
  EXPECT_NE(frame, std::string::npos);
  put_big_endian(jpeg, frame + 5, 30000, 2);
  put_big_endian(jpeg, frame + 7, 40000, 2);
  return jpeg;
}

std::string tiff_claiming_huge_size(const cv::Mat& picture) {
  std::string tiff = encoded(picture, ".tiff");
  EXPECT_EQ(tiff.substr(0, 2), "II") << "little-endian TIFF expected";
  const std::uint32_t ifd = little_endian(tiff, 4, 4);
  const std::uint32_t entries = little_endian(tiff, ifd, 2);
  for (std::uint32_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    const std::uint32_t tag = little_endian(tiff, entry, 2), type = little_endian(tiff, entry + 2, 2);
    if (tag == 256 || tag == 257) put_little_endian(tiff, entry + 8, tag == 256 ? 40000 : 30000, type == 3 ? 2 : 4);
  }
  return tiff;
}

TEST(ImageSourceFolder, HeaderClaimingAHugeSizeIsRefusedBeforeDecoding) {
  // Refused from the header alone (OpenCV itself would only say it cannot
  // decode), so nothing that size is ever allocated.
  const cv::Mat picture = solid_picture(64, 48, kGrey);
  TempDir pictures("image-source-pictures");
  write_bytes(pictures / "huge.png", png_claiming_huge_size(picture));
  write_bytes(pictures / "huge.jpg", jpeg_claiming_huge_size(picture));
  write_bytes(pictures / "huge.tif", tiff_claiming_huge_size(picture));
  StageHarness harness;
  for (const char* name : {"huge.png", "huge.jpg", "huge.tif"}) {
    const auto run = harness.run("image_source", folder_params(pictures.path(), std::string("pattern: ") + name + "\n"),
                                 {{"scenes", make_scenes(1)}});
    ASSERT_FALSE(run.status.is_ok()) << name;
    EXPECT_NE(run.status.message().find("40000x30000 px"), std::string::npos) << run.status.message();
    EXPECT_NE(run.status.message().find(name), std::string::npos) << run.status.message();
  }
}

}  // namespace
}  // namespace reelflow::image_source::testing
