#pragma once
// A headless Chromium driven over the W3C WebDriver protocol by Debian's
// chromedriver, both started by the test (loopback only, a fresh profile in a temp
// dir). Enough of the protocol for page tests: open a page, find, type, click, run a
// script, take a screenshot.
#include "subprocess.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace reelflow::testing {

class WebDriver {
 public:
  // Throws std::runtime_error (with chromedriver's output) when no session starts.
  explicit WebDriver(const std::filesystem::path& dir);
  ~WebDriver();
  WebDriver(const WebDriver&) = delete;
  WebDriver& operator=(const WebDriver&) = delete;

  void open(const std::string& url);
  std::string find(const std::string& css);  // the element's id; throws when absent
  void type(const std::string& css, const std::string& text);  // clears the field first
  void click(const std::string& css);
  // Runs `script` (a function body) in the page and returns its value.
  nlohmann::json run(const std::string& script);
  // A PNG of the viewport, written to `file`.
  void screenshot(const std::filesystem::path& file);

 private:
  nlohmann::json call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);
  // Runs `act` on the element's WebDriver path, finding it again while it goes stale.
  void on_fresh_element(const std::string& css, const std::function<void(const std::string&)>& act);

  std::unique_ptr<Subprocess> driver_;
  std::unique_ptr<httplib::Client> http_;
  std::string session_;
};

}  // namespace reelflow::testing
