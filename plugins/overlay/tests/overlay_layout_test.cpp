// The watermark's box for each position, against hand-worked numbers.
#include "overlay_layout.hpp"

#include <gtest/gtest.h>

namespace reelflow::overlay {
namespace {

TEST(OverlayLayout, EachCornerKeepsTheMarginAndTheMarkKeepsItsAspect) {
  // 1280x720, a 200x100 mark at 10% of the width (128x64), 2% margin (26 px).
  EXPECT_EQ(place_mark("top-left", 1280, 720, 200, 100, 0.1, 0.02).x, 26);
  const Box br = place_mark("bottom-right", 1280, 720, 200, 100, 0.1, 0.02);
  EXPECT_EQ(br.width, 128);
  EXPECT_EQ(br.height, 64);
  EXPECT_EQ(br.x, 1280 - 26 - 128);
  EXPECT_EQ(br.y, 720 - 26 - 64);
  const Box tr = place_mark("top-right", 1280, 720, 200, 100, 0.1, 0.02);
  EXPECT_EQ(tr.x, br.x);
  EXPECT_EQ(tr.y, 26);
  const Box c = place_mark("center", 1280, 720, 200, 100, 0.1, 0.02);
  EXPECT_EQ(c.x, (1280 - 128) / 2);
  EXPECT_EQ(c.y, (720 - 64) / 2);
  // scale 0: the picture's own size.
  EXPECT_EQ(place_mark("bottom-left", 1280, 720, 200, 100, 0, 0).width, 200);
  EXPECT_EQ(place_mark("bottom-left", 1280, 720, 200, 100, 0, 0).y, 620);
}

TEST(OverlayLayout, FontSizeFollowsTheFrameHeight) {
  EXPECT_EQ(font_pixels(0.05, 1080), 54);
  EXPECT_EQ(font_pixels(0.05, 120), 6);
  EXPECT_EQ(font_pixels(0.01, 100), 6);  // never unreadably small
}

}  // namespace
}  // namespace reelflow::overlay
