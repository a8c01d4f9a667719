#include "web_driver.hpp"

#include "loopback_port.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace reelflow::testing {
namespace {

std::string decode_base64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) throw std::runtime_error("bad base64 from chromedriver");
  size_t size = static_cast<size_t>(n);
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) --size;  // padding decodes to zeros
  out.resize(size);
  return out;
}

}  // namespace

WebDriver::WebDriver(const std::filesystem::path& dir) {
  const int port = free_loopback_port();
  driver_ = std::make_unique<Subprocess>(
      std::vector<std::string>{"/usr/bin/chromedriver", "--port=" + std::to_string(port), "--allowed-ips=127.0.0.1"},
      dir / "chromedriver");
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!loopback_accepts(port)) {
    if (std::chrono::steady_clock::now() > until || driver_->wait(std::chrono::seconds(0)))
      throw std::runtime_error("chromedriver did not start: " + driver_->out() + driver_->err());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  http_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  http_->set_read_timeout(60, 0);
  // The flags keep Chromium off the network (this machine has none) and out of the
  // user's profile; --no-sandbox because CI runs as root.
  const nlohmann::json args = {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                               "--disable-quic", "--no-first-run", "--disable-background-networking",
                               "--disable-component-update", "--disable-sync", "--mute-audio",
                               "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900",
                               "--user-data-dir=" + (dir / "chromium-profile").string()};
  const nlohmann::json capabilities = {
      {"capabilities",
       {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", {{"binary", "/usr/bin/chromium"}, {"args", args}}}}}}}};
  auto reply = call("POST", "/session", capabilities);
  session_ = reply.value("sessionId", "");
  if (session_.empty()) throw std::runtime_error("no WebDriver session: " + reply.dump() + driver_->err());
}

WebDriver::~WebDriver() {
  if (!session_.empty()) {
    try {
      call("DELETE", "/session/" + session_);
    } catch (...) {
    }
  }
}

nlohmann::json WebDriver::call(const std::string& method, const std::string& path, const nlohmann::json& body) {
  httplib::Result res = method == "GET"      ? http_->Get(path.c_str())
                        : method == "DELETE" ? http_->Delete(path.c_str())
                                             : http_->Post(path.c_str(), body.is_null() ? "{}" : body.dump(), "application/json");
  if (!res) throw std::runtime_error("chromedriver: no answer to " + method + " " + path);
  auto json = nlohmann::json::parse(res->body, nullptr, false);
  if (res->status != 200) throw std::runtime_error("chromedriver: " + method + " " + path + ": " + res->body.substr(0, 500));
  return json.contains("value") ? json["value"] : nlohmann::json();
}

void WebDriver::open(const std::string& url) { call("POST", "/session/" + session_ + "/url", {{"url", url}}); }

std::string WebDriver::find(const std::string& css) {
  auto element = call("POST", "/session/" + session_ + "/element", {{"using", "css selector"}, {"value", css}});
  // An element reference is an object with one member (its key is the W3C web
  // element identifier).
  if (!element.is_object() || element.size() != 1) throw std::runtime_error("no element " + css + ": " + element.dump());
  return element.begin().value().get<std::string>();
}

void WebDriver::type(const std::string& css, const std::string& text) {
  on_fresh_element(css, [&](const std::string& element) {
    call("POST", element + "/clear");
    call("POST", element + "/value", {{"text", text}});
  });
}

// The page redraws lists (the job table) on each server event, so an element found a
// moment ago may be gone by the time it is clicked: find it again and retry.
void WebDriver::on_fresh_element(const std::string& css, const std::function<void(const std::string&)>& act) {
  for (int attempt = 1;; ++attempt) {
    try {
      act("/session/" + session_ + "/element/" + find(css));
      return;
    } catch (const std::runtime_error& e) {
      if (attempt == 5 || std::string_view(e.what()).find("stale element reference") == std::string_view::npos) throw;
    }
  }
}

void WebDriver::click(const std::string& css) {
  on_fresh_element(css, [&](const std::string& element) { call("POST", element + "/click"); });
}

nlohmann::json WebDriver::run(const std::string& script) {
  return call("POST", "/session/" + session_ + "/execute/sync", {{"script", script}, {"args", nlohmann::json::array()}});
}

void WebDriver::screenshot(const std::filesystem::path& file) {
  const std::string png = decode_base64(call("GET", "/session/" + session_ + "/screenshot").get<std::string>());
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << png;
}

}  // namespace reelflow::testing
