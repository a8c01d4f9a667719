#include "http/curl_transfer.hpp"

#include "http/curl_body_source.hpp"
#include "http/curl_handles.hpp"
#include "http/curl_response_sink.hpp"
#include "http/http_syntax.hpp"

#include <reelflow/atomic_file.hpp>

#include <curl/curl.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

namespace reelflow::framework {
namespace {

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

// Builds the header list; an empty value needs "Name;" for curl to send it at all.
// Curl's own "Expect: 100-continue" is suppressed: it costs a round trip (or a 1 s stall
// with servers that ignore it) for no benefit on our uploads. A body without a declared
// type goes as application/octet-stream, not as curl's default of a urlencoded form.
CurlHeaderList build_header_list(const HttpHeaders& headers, bool has_body, std::string& error) {
  CurlHeaderList list;
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
    if (!is_http_token(name) || has_line_break(value)) {
      error = "header '" + (is_http_token(name) ? name : std::string("?")) + "' is not a valid header line";
      return {};
    }
    has_expect = has_expect || iequals_ascii(name, "Expect");
    has_content_type = has_content_type || iequals_ascii(name, "Content-Type");
    append(value.empty() ? name + ";" : name + ": " + value);
  }
  if (!has_expect) append("Expect:");
  if (has_body && !has_content_type) append("Content-Type: application/octet-stream");
  return error.empty() ? std::move(list) : CurlHeaderList{};
}

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
  CurlMultiHandle multi(curl_multi_init());
  if (!multi) {
    outcome.error = "cannot create a curl handle";
    return outcome;
  }
  CurlMultiAttachment attachment(multi.get(), easy);
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

}  // namespace

AttemptResult perform_attempt(const HttpRequest& request, const std::string& method,
                              const std::function<bool()>& cancelled) {
  AttemptResult result;
  const std::string response_file = request.response_file.string();

  std::string error;
  const bool has_body = !request.body_file.empty() || !request.body.empty();
  CurlHeaderList header_list = build_header_list(request.headers, has_body, error);
  if (!error.empty()) {
    result.error = error;
    return result;
  }
  CurlBodySource body = request.body_file.empty() ? CurlBodySource::from_memory(request.body)
                                                  : CurlBodySource::from_file(request.body_file, error);
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

  CurlEasyHandle easy(curl_easy_init());
  if (!easy) {
    result.error = "cannot create a curl handle";
    return result;
  }
  CURL* h = easy.get();
  CurlResponseSink sink(h, request.max_response_bytes, download_file.get());
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
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &CurlResponseSink::on_write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &CurlResponseSink::on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &CurlBodySource::on_read);
  curl_easy_setopt(h, CURLOPT_READDATA, &body);
  curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, &CurlBodySource::on_seek);
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

}  // namespace reelflow::framework
