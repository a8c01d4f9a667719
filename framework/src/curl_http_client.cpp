#include "curl_http_client.hpp"

#include "retry_backoff.hpp"

#include <reelflow/atomic_file.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace reelflow::framework {
namespace {

// How often a running transfer or a backoff pause looks at the cancel flag.
constexpr std::chrono::milliseconds kCancelPollInterval{25};

void ensure_curl_initialized() {
  // curl_global_init is not thread-safe itself; it must run once before any handle exists.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using HeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Keeps an easy handle attached to a multi handle for its own lifetime.
class MultiAttachment {
 public:
  MultiAttachment(CURLM* multi, CURL* easy) : multi_(multi), easy_(easy) {
    attached_ = curl_multi_add_handle(multi_, easy_) == CURLM_OK;
  }
  ~MultiAttachment() {
    if (attached_) curl_multi_remove_handle(multi_, easy_);
  }
  MultiAttachment(const MultiAttachment&) = delete;
  MultiAttachment& operator=(const MultiAttachment&) = delete;
  bool attached() const { return attached_; }

 private:
  CURLM* multi_;
  CURL* easy_;
  bool attached_ = false;
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// The URL as it may appear in messages: no user:password@, no query string or fragment
// (API keys often travel there).
std::string display_url(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  std::string out(url);
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority = scheme_end + 3;
    const auto authority_end = std::min(out.find('/', authority), out.size());
    const auto at = out.rfind('@', authority_end);
    if (at != std::string::npos && at >= authority) out.erase(authority, at + 1 - authority);
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

bool is_credential_header(std::string_view name) {
  const std::string lower = lowercase(name);
  for (std::string_view marker : {"auth", "key", "token", "secret", "cookie", "password"})
    if (lower.find(marker) != std::string::npos) return true;
  return false;
}

// Replaces every secret of a request with *** and folds a message onto one line. The
// secrets are the request's own plus credential-looking header values and URL passwords,
// each also in its percent-encoded form.
class Redactor {
 public:
  explicit Redactor(const HttpRequest& request) {
    for (const auto& secret : request.secrets) add(secret);
    for (const auto& [name, value] : request.headers) {
      if (!is_credential_header(name)) continue;
      add(value);
      const auto space = value.find(' ');  // "Bearer <token>": the token alone too
      if (space != std::string::npos) add(std::string(trim(std::string_view(value).substr(space + 1))));
    }
    const auto scheme_end = request.url.find("://");
    if (scheme_end != std::string::npos) {
      const auto authority = scheme_end + 3;
      const auto at = request.url.find('@', authority);
      const auto colon = request.url.find(':', authority);
      if (at != std::string::npos && colon < at && at < request.url.find('/', authority))
        add(request.url.substr(colon + 1, at - colon - 1));
    }
    // Longest first, so a secret containing another is replaced whole.
    std::sort(secrets_.begin(), secrets_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }

  std::string operator()(std::string text) const {
    for (const auto& secret : secrets_) {
      for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3))
        text.replace(pos, secret.size(), "***");
    }
    std::replace_if(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return text;
  }

 private:
  void add(const std::string& secret) {
    if (secret.empty()) return;
    for (std::string form : {secret, percent_encode(secret)})
      if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end()) secrets_.push_back(std::move(form));
  }

  std::vector<std::string> secrets_;
};

// The request body of one attempt, from memory or from a file opened afresh for each
// attempt (so a retry re-sends it from the start).
class BodySource {
 public:
  static BodySource from_memory(std::string_view data) {
    BodySource body;
    body.memory_ = data;
    body.size_ = static_cast<curl_off_t>(data.size());
    return body;
  }

  // Empty error string on success.
  static BodySource from_file(const std::filesystem::path& path, std::string& error) {
    BodySource body;
    body.path_ = path;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
      error = "reading " + path.string() + ": " + ec.message();
      return body;
    }
    body.file_.reset(std::fopen(path.c_str(), "rb"));
    if (!body.file_) {
      error = "reading " + path.string() + ": " + std::strerror(errno);
      return body;
    }
    body.size_ = static_cast<curl_off_t>(size);
    return body;
  }

  curl_off_t size() const { return size_; }
  const std::string& error() const { return error_; }

  static size_t on_read(char* buffer, size_t size, size_t count, void* user) {
    return static_cast<BodySource*>(user)->read(buffer, size * count);
  }

  static int on_seek(void* user, curl_off_t offset, int origin) {
    return static_cast<BodySource*>(user)->seek(offset, origin);
  }

 private:
  size_t read(char* buffer, size_t capacity) {
    if (!file_) {
      const size_t n = std::min(capacity, memory_.size() - position_);
      std::memcpy(buffer, memory_.data() + position_, n);
      position_ += n;
      return n;
    }
    const size_t n = std::fread(buffer, 1, capacity, file_.get());
    if (n == 0 && std::ferror(file_.get())) {
      error_ = "reading " + path_.string() + ": " + std::strerror(errno);
      return CURL_READFUNC_ABORT;
    }
    return n;
  }

  // curl rewinds the body when a redirect (307/308) makes it send again.
  int seek(curl_off_t offset, int origin) {
    if (origin != SEEK_SET || offset < 0 || offset > size_) return CURL_SEEKFUNC_CANTSEEK;
    if (!file_) {
      position_ = static_cast<size_t>(offset);
      return CURL_SEEKFUNC_OK;
    }
    return fseeko(file_.get(), static_cast<off_t>(offset), SEEK_SET) == 0 ? CURL_SEEKFUNC_OK : CURL_SEEKFUNC_FAIL;
  }

  std::string_view memory_;
  size_t position_ = 0;
  std::filesystem::path path_;
  FilePtr file_;
  curl_off_t size_ = 0;
  std::string error_;
};

// Where the response of one attempt goes: a 2xx body into the download file when the
// request has one, anything else into memory; both bounded by max_response_bytes.
class ResponseSink {
 public:
  ResponseSink(CURL* easy, std::size_t limit, std::FILE* file) : easy_(easy), limit_(limit), file_(file) {}

  static size_t on_write(char* data, size_t size, size_t count, void* user) {
    return static_cast<ResponseSink*>(user)->write(data, size * count);
  }

  static size_t on_header(char* data, size_t size, size_t count, void* user) {
    static_cast<ResponseSink*>(user)->header(std::string_view(data, size * count));
    return size * count;
  }

  bool too_large() const { return too_large_; }
  const std::string& write_error() const { return write_error_; }
  std::string take_body() { return std::move(body_); }
  HttpHeaders take_headers() { return std::move(headers_); }

 private:
  size_t write(const char* data, size_t n) {
    if (!sink_chosen_) {
      long status = 0;
      curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
      to_file_ = file_ != nullptr && status >= 200 && status < 300;
      sink_chosen_ = true;
    }
    if (n > limit_ - std::min(received_, limit_)) {
      too_large_ = true;
      return 0;  // anything but n makes curl stop with CURLE_WRITE_ERROR
    }
    received_ += n;
    if (!to_file_) {
      body_.append(data, n);
      return n;
    }
    if (std::fwrite(data, 1, n, file_) != n) {
      write_error_ = std::strerror(errno);
      return 0;
    }
    return n;
  }

  void header(std::string_view line) {
    // Each response (1xx, redirects, the final one) starts with a status line.
    if (line.starts_with("HTTP/")) {
      headers_.clear();
      return;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    headers_.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }

  CURL* easy_;
  std::size_t limit_;
  std::FILE* file_;
  bool sink_chosen_ = false;
  bool to_file_ = false;
  bool too_large_ = false;
  std::size_t received_ = 0;
  std::string write_error_;
  std::string body_;
  HttpHeaders headers_;
};

// Transport failures worth another attempt: the network or the server may do better.
bool is_retryable_transport_error(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

struct AttemptResult {
  long status = 0;
  HttpHeaders headers;
  std::string body;
  std::string error;  // empty when a complete response arrived
  bool retryable = false;
  bool cancelled = false;
};

bool is_token(std::string_view method) {
  return !method.empty() && std::all_of(method.begin(), method.end(), [](unsigned char c) {
    return std::isalnum(c) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
  });
}

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// Builds the header list; an empty value needs "Name;" for curl to send it at all.
// Curl's own "Expect: 100-continue" is suppressed: it costs a round trip (or a 1 s stall
// with servers that ignore it) for no benefit on our uploads. A body without a declared
// type goes as application/octet-stream, not as curl's default of a urlencoded form.
HeaderList build_header_list(const HttpHeaders& headers, bool has_body, std::string& error) {
  HeaderList list;
  bool has_expect = false;
  bool has_content_type = false;
  auto append = [&list, &error](const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown) {
      error = "out of memory building headers";
      return;
    }
    list.release();
    list.reset(grown);
  };
  for (const auto& [name, value] : headers) {
    if (!is_token(name) || has_line_break(value)) {
      error = "header '" + (is_token(name) ? name : std::string("?")) + "' is not a valid header line";
      return {};
    }
    has_expect = has_expect || iequals(name, "Expect");
    has_content_type = has_content_type || iequals(name, "Content-Type");
    append(value.empty() ? name + ";" : name + ": " + value);
  }
  if (!has_expect) append("Expect:");
  if (has_body && !has_content_type) append("Content-Type: application/octet-stream");
  return error.empty() ? std::move(list) : HeaderList{};
}

std::chrono::milliseconds random_backoff(const RetryPolicy& policy, int retry) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return backoff_delay(policy, retry, std::uniform_real_distribution<double>(0.0, 1.0)(rng));
}

std::string format_ms(std::chrono::milliseconds delay) { return std::to_string(delay.count()) + " ms"; }

// PUT uploads; any other method with a body sends it the way POST does.
void set_method(CURL* h, const std::string& method, bool has_body, curl_off_t body_size) {
  if (method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (method == "PUT") {
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, body_size);
  } else if (method == "POST" || has_body) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, body_size);
    if (method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else if (method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
}

struct TransferOutcome {
  CURLcode code = CURLE_OK;
  bool cancelled = false;
  std::string error;  // set when the transfer could not be driven at all
};

// Drives one easy handle through its own multi handle, so that the cancel flag is looked
// at every kCancelPollInterval even while the server sends nothing. Returning early
// detaches the handle, which aborts the transfer.
TransferOutcome run_transfer(CURL* easy, const std::function<bool()>& cancelled) {
  TransferOutcome outcome;
  MultiHandle multi(curl_multi_init());
  if (!multi) {
    outcome.error = "cannot create a curl handle";
    return outcome;
  }
  MultiAttachment attachment(multi.get(), easy);
  if (!attachment.attached()) {
    outcome.error = "cannot start the transfer";
    return outcome;
  }
  for (;;) {
    if (cancelled && cancelled()) {
      outcome.cancelled = true;
      outcome.error = "cancelled";
      return outcome;
    }
    int running = 0;
    CURLMcode mc = curl_multi_perform(multi.get(), &running);
    if (mc == CURLM_OK && running > 0)
      mc = curl_multi_poll(multi.get(), nullptr, 0, static_cast<int>(kCancelPollInterval.count()), nullptr);
    if (mc != CURLM_OK) {
      outcome.error = std::string("curl: ") + curl_multi_strerror(mc);
      return outcome;
    }
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg == CURLMSG_DONE && message->easy_handle == easy) {
        outcome.code = message->data.result;
        return outcome;
      }
    }
  }
}

// Closes a complete download and renames it into place; the error text, or empty.
std::string commit_download(FilePtr file, AtomicFile& download) {
  const bool flushed = std::fflush(file.get()) == 0;
  const bool closed = std::fclose(file.release()) == 0;
  if (!flushed || !closed) return std::strerror(errno);
  try {
    download.commit();
  } catch (const std::filesystem::filesystem_error& e) {
    return e.code().message();
  }
  return {};
}

// One attempt with a fresh easy handle, body source and temp file.
AttemptResult perform_attempt(const HttpRequest& request, const std::string& method,
                              const std::function<bool()>& cancelled) {
  AttemptResult result;
  const std::string response_file = request.response_file.string();

  std::string error;
  const bool has_body = !request.body_file.empty() || !request.body.empty();
  HeaderList header_list = build_header_list(request.headers, has_body, error);
  if (!error.empty()) {
    result.error = error;
    return result;
  }
  BodySource body = request.body_file.empty() ? BodySource::from_memory(request.body)
                                              : BodySource::from_file(request.body_file, error);
  if (!error.empty()) {
    result.error = error;
    return result;
  }

  // Only a complete 2xx response is renamed into place; the temp file goes otherwise.
  std::optional<AtomicFile> download;
  FilePtr download_file;
  if (!request.response_file.empty()) {
    try {
      download.emplace(request.response_file);
    } catch (const std::exception& e) {
      result.error = "writing " + response_file + ": " + e.what();
      return result;
    }
    download_file.reset(std::fopen(download->temp_path().c_str(), "wb"));
    if (!download_file) {
      result.error = "writing " + response_file + ": " + std::strerror(errno);
      return result;
    }
  }

  EasyHandle easy(curl_easy_init());
  if (!easy) {
    result.error = "cannot create a curl handle";
    return result;
  }
  CURL* h = easy.get();
  ResponseSink sink(h, request.max_response_bytes, download_file.get());
  char curl_error[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "reelflow/0.1");
  if (request.connect_timeout_ms > 0)
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
  if (request.timeout_ms > 0) curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  if (request.max_response_bytes < static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max()))
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_response_bytes));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &ResponseSink::on_write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &ResponseSink::on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &BodySource::on_read);
  curl_easy_setopt(h, CURLOPT_READDATA, &body);
  curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, &BodySource::on_seek);
  curl_easy_setopt(h, CURLOPT_SEEKDATA, &body);
  set_method(h, method, has_body, body.size());

  const TransferOutcome outcome = run_transfer(h, cancelled);
  if (!outcome.error.empty()) {
    result.cancelled = outcome.cancelled;
    result.error = outcome.error;
    return result;
  }
  const CURLcode code = outcome.code;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
  result.headers = sink.take_headers();
  result.body = sink.take_body();

  if (code == CURLE_OK) {
    // An empty 2xx body never reaches the sink but is still an (empty) download.
    if (download && result.status >= 200 && result.status < 300) {
      error = commit_download(std::move(download_file), *download);
      if (!error.empty()) result.error = "writing " + response_file + ": " + error;
    }
    return result;
  }

  result.body.clear();  // never hand out a partial body
  if (sink.too_large() || code == CURLE_FILESIZE_EXCEEDED) {
    result.error = "response larger than " + std::to_string(request.max_response_bytes) + " bytes";
  } else if (!sink.write_error().empty()) {
    result.error = "writing " + response_file + ": " + sink.write_error();
  } else if (!body.error().empty()) {
    result.error = body.error();
  } else {
    result.error = curl_error[0] != '\0' ? std::string(curl_error) : std::string(curl_easy_strerror(code));
    result.retryable = is_retryable_transport_error(code);
  }
  return result;
}

}  // namespace

CurlHttpClient::CurlHttpClient(Options options) : options_(std::move(options)) { ensure_curl_initialized(); }

bool CurlHttpClient::cancelled() const { return options_.cancelled && options_.cancelled(); }

void CurlHttpClient::log(LogLevel level, const std::string& message) const {
  if (options_.log) options_.log(level, message);
}

void CurlHttpClient::pause(std::chrono::milliseconds delay) const {
  if (options_.sleep) {
    options_.sleep(delay);
    return;
  }
  const auto until = std::chrono::steady_clock::now() + delay;
  while (!cancelled()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) return;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(until - now, kCancelPollInterval));
  }
}

HttpResponse CurlHttpClient::send(const HttpRequest& request) {
  const Redactor redact(request);
  std::string method = request.method;
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string what = method + " " + display_url(request.url);
  const RetryPolicy policy = request.retry.value_or(options_.retry);
  const int max_attempts = std::max(policy.max_attempts, 1);

  HttpResponse response;
  if (!is_token(method)) {
    response.error = redact("invalid HTTP method '" + request.method + "' for " + display_url(request.url));
    return response;
  }

  for (int attempt = 1;; ++attempt) {
    if (cancelled()) {
      response.error = redact(what + ": cancelled");
      return response;
    }
    AttemptResult result = perform_attempt(request, method, options_.cancelled);
    response.attempts = attempt;
    response.status = result.status;
    response.headers = std::move(result.headers);
    response.body = std::move(result.body);
    response.error = result.error.empty() ? std::string() : redact(what + ": " + result.error);

    const bool retryable = result.error.empty() ? is_retryable_status(result.status) : result.retryable;
    if (result.cancelled || !retryable) return response;
    if (attempt >= max_attempts) {
      if (!response.error.empty() && attempt > 1)
        response.error += " (gave up after " + std::to_string(attempt) + " attempts)";
      return response;
    }

    std::chrono::milliseconds delay = random_backoff(policy, attempt);
    if (result.status == 429 || result.status == 503) {
      if (auto retry_after = response.header("Retry-After"))
        if (auto parsed = parse_retry_after(*retry_after, std::chrono::system_clock::now())) delay = *parsed;
    }
    const std::string reason = result.error.empty() ? "HTTP " + std::to_string(result.status) : result.error;
    log(LogLevel::Warn, redact(what + ": " + reason + ", retrying in " + format_ms(delay) + " (attempt " +
                               std::to_string(attempt + 1) + "/" + std::to_string(max_attempts) + ")"));
    pause(delay);
  }
}

}  // namespace reelflow::framework
