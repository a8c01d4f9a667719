// The service's page in a real headless Chromium (Debian's, driven by chromedriver):
// sign in with the token, start a job from the form, watch its stage progress
// arrive over SSE, and see the finished video load in the <video> element. The
// final screenshot is kept in <build>/test-artifacts/service-page.png.
#include "service_test_env.hpp"
#include "web_driver.hpp"

#include <gtest/gtest.h>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
using nlohmann::json;

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
  browser.screenshot(screenshot);
  ASSERT_TRUE(played) << page.dump() << "\n" << serve->err();
  EXPECT_TRUE(page["stage_done"].get<bool>()) << page.dump();
  EXPECT_TRUE(page["video_shown"].get<bool>());
  EXPECT_EQ(page["media_error"], 0);
  EXPECT_NEAR(page["duration"].get<double>(), 45 / 15.0, 0.2) << "the browser decoded the MP4's metadata";
  EXPECT_EQ(page["width"], 160);
  EXPECT_GE(page["rows"].get<int>(), 1) << "the job list shows the job";
  EXPECT_GT(std::filesystem::file_size(screenshot), 1000u);
}

}  // namespace
}  // namespace reelflow::service
