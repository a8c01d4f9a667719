// The service's page in a real headless Chromium (Debian's, driven by chromedriver):
// sign in with the token, start a job from the form, watch its stage progress
// arrive over SSE, and see the finished video play in the <video> element: its
// time advances, and screenshots at two moments show the moving ball of the test
// pattern the job was asked for. The screenshots are kept in
// <build>/test-artifacts/service-page-*.png.
#include "media_probe.hpp"
#include "service_test_env.hpp"
#include "web_driver.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
using nlohmann::json;

// The videotestsrc "ball" as the screenshot shows it inside the player's picture.
struct BallSeen {
  double dark = 0;    // share of near-black pixels (the pattern's background)
  double bright = 0;  // share of near-white pixels (the ball)
  double x = 0, y = 0;  // the bright pixels' centre, in fractions of the picture
};

BallSeen look_at_player(const std::filesystem::path& png, const json& rect) {
  BallSeen seen;
  auto shot = decode_picture(png);
  if (!shot) {
    ADD_FAILURE() << "cannot decode " << png;
    return seen;
  }
  // The picture's part of the element, above its controls bar.
  const double scale = rect["dpr"].get<double>();
  const int x0 = static_cast<int>(rect["x"].get<double>() * scale), y0 = static_cast<int>(rect["y"].get<double>() * scale);
  const int w = static_cast<int>(rect["w"].get<double>() * scale), h = static_cast<int>(rect["h"].get<double>() * scale * 0.8);
  std::size_t dark = 0, bright = 0, total = 0;
  double sx = 0, sy = 0;
  for (int y = std::max(0, y0); y < std::min(shot->height, y0 + h); ++y)
    for (int x = std::max(0, x0); x < std::min(shot->width, x0 + w); ++x) {
      const auto* p = reinterpret_cast<const unsigned char*>(shot->pixels.data()) + (static_cast<std::size_t>(y) * shot->width + x) * 3;
      ++total;
      dark += p[0] < 40 && p[1] < 40 && p[2] < 40;
      if (p[0] > 200 && p[1] > 200 && p[2] > 200) {
        ++bright;
        sx += x - x0;
        sy += y - y0;
      }
    }
  if (total == 0) return seen;
  seen.dark = static_cast<double>(dark) / total;
  seen.bright = static_cast<double>(bright) / total;
  if (bright > 0) {
    seen.x = sx / bright / w;
    seen.y = sy / bright / h;
  }
  return seen;
}

TEST(ServiceBrowserTest, JobStartedFromThePageFinishesAndItsVideoPlays) {
  TempDir dir("reelflow-browser-test");
  RedisServer redis(dir / "redis");
  std::unique_ptr<Subprocess> serve;
  const int port = start_serve(serve, redis, dir, {"--embedded-workers", "1"});
  ASSERT_GT(port, 0) << serve->out() << serve->err();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  const auto screenshot = std::filesystem::path(REELFLOW_BINARY_DIR) / "test-artifacts/service-page.png";

  WebDriver browser(dir.path());
  browser.open(url);
  // Without a token the page asks for one, and a wrong one is refused.
  ASSERT_TRUE(wait_until([&] { return browser.run("return !document.getElementById('login-panel').hidden;") == true; },
                         std::chrono::seconds(20)));
  browser.type("#token", "wrong-token-0123456789abcd");
  browser.click("#login");
  ASSERT_TRUE(wait_until([&] {
    return browser.run("return document.getElementById('login-error').textContent;").get<std::string>().find("not accepted") !=
           std::string::npos;
  }, std::chrono::seconds(20)));

  browser.type("#token", kTestToken);
  browser.click("#login");
  ASSERT_TRUE(wait_until([&] { return browser.run("return !document.getElementById('app').hidden;") == true; },
                         std::chrono::seconds(20)));
  // Signed in by the server's HttpOnly cookie: the page's script cannot read it.
  EXPECT_EQ(browser.run("return document.cookie;"), "");
  // The form lists the allowed graph and its variables with their defaults.
  EXPECT_EQ(browser.run("return document.getElementById('graph').value;"), "clip");
  EXPECT_EQ(browser.run("return document.getElementById('var-pattern').value;"), "smpte");
  // Each variable's field follows its declaration: a number with its bounds, a list of choices.
  EXPECT_EQ(browser.run("const f = document.getElementById('var-frames'); return [f.type, f.min, f.max];"),
            (json{"number", "1", "3000"}));
  EXPECT_EQ(browser.run("return document.getElementById('var-pattern').tagName;"), "SELECT");
  EXPECT_EQ(browser.run("return document.getElementById('var-live').checked;"), true);
  browser.type("#var-frames", "45");
  browser.click("#var-pattern option[value='ball']");
  browser.click("#submit");

  // Live progress: the stage row appears and completes, then the job succeeds.
  json page;
  const bool played = wait_until([&] {
    page = browser.run(R"(
      const v = document.getElementById('player');
      const row = document.getElementById('stage-clip');
      return { state: document.getElementById('job-state').textContent,
               stage_done: !!row && row.classList.contains('done'),
               error: document.getElementById('job-error').textContent + document.getElementById('submit-error').textContent,
               video_shown: !v.hidden, ready: v.readyState, duration: v.duration || 0,
               width: v.videoWidth, media_error: v.error ? v.error.code : 0,
               rows: document.querySelectorAll('#jobs tr').length };)");
    return page["state"] == "succeeded" && page["ready"].get<int>() >= 1;
  }, std::chrono::seconds(120));
  ASSERT_TRUE(played) << page.dump() << "\n" << serve->err();
  EXPECT_TRUE(page["stage_done"].get<bool>()) << page.dump();
  EXPECT_TRUE(page["video_shown"].get<bool>());
  EXPECT_EQ(page["media_error"], 0);
  EXPECT_NEAR(page["duration"].get<double>(), 45 / 15.0, 0.2) << "the browser decoded the MP4's metadata";
  EXPECT_EQ(page["width"], 160);
  EXPECT_GE(page["rows"].get<int>(), 1) << "the job list shows the job";

  // It plays: the time advances past half a second without a media error.
  browser.run("const v = document.getElementById('player'); v.muted = true; v.play(); return true;");
  json playing;
  EXPECT_TRUE(wait_until([&] {
    playing = browser.run(R"(const v = document.getElementById('player');
      return { t: v.currentTime, error: v.error ? v.error.code : 0 };)");
    return playing["error"] != 0 || playing["t"].get<double>() > 0.5;
  }, std::chrono::seconds(30))) << playing.dump();
  EXPECT_EQ(playing["error"], 0) << playing.dump();

  // What it shows: paused at two moments, each frame on screen (a video frame callback
  // says when), the ball of the "ball" pattern on black, in two different places.
  std::vector<BallSeen> seen;
  for (const double at : {0.5, 2.0}) {
    browser.run("const v = document.getElementById('player'); v.pause(); window.shown = -1;"
                "v.requestVideoFrameCallback((now, frame) => { window.shown = frame.mediaTime; });"
                "v.currentTime = " + std::to_string(at) + "; return true;");
    ASSERT_TRUE(wait_until([&] { return browser.run("return window.shown;").get<double>() >= 0; },
                           std::chrono::seconds(20))) << "no frame shown at " << at << " s";
    const json rect = browser.run(R"(const r = document.getElementById('player').getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, dpr: window.devicePixelRatio };)");
    const auto screenshot =
        std::filesystem::path(REELFLOW_BINARY_DIR) / ("test-artifacts/service-page-" + std::to_string(seen.size()) + ".png");
    browser.screenshot(screenshot);
    seen.push_back(look_at_player(screenshot, rect));
    SCOPED_TRACE(screenshot.string());
    EXPECT_GT(seen.back().dark, 0.6) << "not the pattern's black background";
    EXPECT_GT(seen.back().bright, 0.003) << "no ball";
    EXPECT_LT(seen.back().bright, 0.2) << "not a ball";
  }
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_GT(std::hypot(seen[0].x - seen[1].x, seen[0].y - seen[1].y), 0.05)
      << "the ball did not move between the two moments: the frames shown are not the video's";
}

// A batch from the page's batch form, then one scene of a finished job made again
// with the redo control: both through the API routes the page uses.
TEST(ServiceBrowserTest, BatchFormAndRedoControlSubmitThroughTheApi) {
  TempDir dir("reelflow-browser-batch-test");
  RedisServer redis(dir / "redis");
  std::unique_ptr<Subprocess> serve;
  const auto topic_clip = clip_graph().parent_path() / "topic-clip.yaml";
  const int port = start_serve(serve, redis, dir, {"--embedded-workers", "1", "--graphs", "topic-clip=" + topic_clip.string()});
  ASSERT_GT(port, 0) << serve->out() << serve->err();
  WebDriver browser(dir.path());
  browser.open("http://127.0.0.1:" + std::to_string(port) + "/");
  ASSERT_TRUE(wait_until([&] { return browser.run("return !document.getElementById('login-panel').hidden;") == true; },
                         std::chrono::seconds(20)));
  browser.type("#token", kTestToken);
  browser.click("#login");
  ASSERT_TRUE(wait_until([&] { return browser.run("return !document.getElementById('app').hidden;") == true; },
                         std::chrono::seconds(20)));
  const auto text = [&](const std::string& id) {
    return browser.run("return document.getElementById('" + id + "').textContent;").get<std::string>();
  };
  // "clip" has no topic: no batch form for it.
  EXPECT_EQ(browser.run("return document.getElementById('batch-panel').hidden;"), true);
  browser.click("#graph option[value='topic-clip']");
  ASSERT_EQ(browser.run("return document.getElementById('batch-panel').hidden;"), false);

  // The page's own bounds come first: too many topics, a topic past the graph's rule.
  browser.run("document.getElementById('batch-topics').value = Array(101).fill('t').join('\\n'); return true;");
  browser.click("#batch-submit");
  EXPECT_NE(text("batch-error").find("At most 100 topics"), std::string::npos) << text("batch-error");
  browser.run("document.getElementById('batch-topics').value = 'ok\\n' + 'x'.repeat(41); return true;");
  browser.click("#batch-submit");
  EXPECT_NE(text("batch-error").find("topic 2 is longer than 40"), std::string::npos) << text("batch-error");

  browser.type("#var-frames", "5");
  browser.run("document.getElementById('batch-topics').value = 'Owls\\n\\n  Bats \\n'; return true;");
  browser.click("#batch-submit");
  ASSERT_TRUE(wait_until([&] { return text("batch-status").find("2 jobs queued") != std::string::npos; },
                         std::chrono::seconds(20))) << text("batch-error");
  const auto jobs = [&] { return browser.run("return fetch('/api/v1/jobs?limit=10').then((r) => r.json());")["jobs"]; };
  json listed;
  ASSERT_TRUE(wait_until([&] {
    listed = jobs();
    int done = 0;
    for (const auto& j : listed) done += j["graph"] == "topic-clip" && j["state"] == "succeeded";
    return done == 2;
  }, std::chrono::seconds(60))) << listed.dump();
  ASSERT_EQ(listed.size(), 2u);
  std::set<std::string> topics;
  for (const auto& j : listed) {
    topics.insert(j["variables"]["topic"].get<std::string>());
    EXPECT_EQ(j["variables"]["frames"], "5");
  }
  EXPECT_EQ(topics, (std::set<std::string>{"Owls", "Bats"}));

  // Redo scene 2 of a finished job: a new job with the same graph and variables.
  const json original = listed[0];
  browser.click("tr[data-id='" + original["id"].get<std::string>() + "']");
  ASSERT_TRUE(wait_until([&] { return browser.run("return !document.getElementById('redo-form').hidden;") == true; },
                         std::chrono::seconds(20)));
  browser.type("#redo-scene", "2");
  browser.click("#redo");
  json redone;
  ASSERT_TRUE(wait_until([&] {
    for (const auto& j : jobs())
      if (j.contains("redo")) redone = j;
    return redone.is_object() && redone["state"] == "succeeded";
  }, std::chrono::seconds(60))) << redone.dump() << text("redo-error");
  EXPECT_EQ(redone["redo"], (json{{"scenes", {2}}, {"take", 1}}));
  EXPECT_EQ(redone["graph"], "topic-clip");
  EXPECT_EQ(redone["variables"], original["variables"]);
  EXPECT_EQ(text("detail-title"), "Job " + redone["id"].get<std::string>()) << "the page watches the new job";
}

}  // namespace
}  // namespace reelflow::service
