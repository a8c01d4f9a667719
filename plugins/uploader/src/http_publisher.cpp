#include "http_publisher.hpp"

#include "failure_message.hpp"
#include "http_auth.hpp"
#include "transfer_settings.hpp"
#include "uri_encode.hpp"

namespace reelflow::uploader {
namespace {

class HttpPublisher {
 public:
  HttpPublisher(StageContext& ctx, const UploadJob& job, std::string base_url, HttpAuth auth)
      : ctx_(ctx),
        job_(job),
        base_url_(std::move(base_url)),
        auth_(std::move(auth)),
        settings_(TransferSettings::from(ctx)),
        url_(base_url_ + "/" + uri_encode(job.name, /*keep_slash=*/true)) {}

  Status run(std::string& location) {
    // A WebDAV server refuses a PUT into a missing collection (RFC 4918 says 409; stock
    // nginx says 500, which would be retried as a server error): make the parents first.
    if (Status made = make_collections(); !made) return made;
    if (ctx_.cancelled()) return Status::error("cancelled");
    ctx_.progress(0.05, "PUT " + job_.name);
    HttpResponse put = send_put();
    if (!put.error.empty() || (put.status != 200 && put.status != 201 && put.status != 204))
      return Status::error(describe_failure(put, "PUT " + url_, auth_.secrets));

    if (ctx_.cancelled()) return Status::error("cancelled");
    ctx_.progress(0.9, "verifying " + job_.name);
    if (Status confirmed = confirm_size(); !confirmed) return confirmed;
    location = url_;
    ctx_.progress(1.0, "published");
    return Status::ok();
  }

 private:
  HttpRequest request(std::string method, std::string url) const {
    HttpRequest request = settings_.request(std::move(method), std::move(url), auth_.secrets);
    request.headers = auth_.headers;
    return request;
  }

  HttpResponse send_put() {
    HttpRequest put = request("PUT", url_);
    put.headers.emplace_back("Content-Type", job_.content_type);
    put.body_file = job_.source;
    return ctx_.http().send(put);
  }

  // MKCOL each parent of the name, outermost first: 201 made it, 405 means it exists
  // already. A server without MKCOL (404, 501, ...: a plain PUT server) gets the PUT
  // anyway and its answer decides; refused credentials and server errors end here.
  Status make_collections() {
    for (std::size_t slash = job_.name.find('/'); slash != std::string::npos;
         slash = job_.name.find('/', slash + 1)) {
      if (ctx_.cancelled()) return Status::error("cancelled");
      std::string collection = base_url_ + "/" + uri_encode(job_.name.substr(0, slash), true) + "/";
      HttpResponse made = ctx_.http().send(request("MKCOL", collection));
      if (made.error.empty() && (made.status == 201 || made.status == 405)) continue;
      const bool without_mkcol = made.error.empty() && made.status >= 400 && made.status < 500;
      if (without_mkcol && !made.refused_credentials()) return Status::ok();
      return Status::error(describe_failure(made, "MKCOL " + collection, auth_.secrets));
    }
    return Status::ok();
  }

  // The server has the file only if it reports it with the size we sent.
  Status confirm_size() {
    HttpResponse head = ctx_.http().send(request("HEAD", url_));
    if (!head.error.empty() || head.status != 200)
      return Status::error(describe_failure(head, "upload not confirmed: HEAD " + url_, auth_.secrets));
    auto length = head.header("Content-Length");
    std::string expected = std::to_string(job_.size);
    if (!length || *length != expected)
      return Status::error(redact("upload not confirmed: HEAD " + url_ + " reports " +
                                      (length ? *length + " bytes" : "no Content-Length") + ", sent " +
                                      expected + " bytes",
                                  auth_.secrets));
    return Status::ok();
  }

  StageContext& ctx_;
  const UploadJob& job_;
  std::string base_url_;
  HttpAuth auth_;
  TransferSettings settings_;
  std::string url_;
};

}  // namespace

Status publish_http(StageContext& ctx, const UploadJob& job, std::string& location) {
  std::string base = ctx.params().str("url");
  if (base.rfind("http://", 0) != 0 && base.rfind("https://", 0) != 0)
    return Status::error("target 'http' needs param 'url' (an http:// or https:// collection URL), got '" +
                         base + "'");
  while (!base.empty() && base.back() == '/') base.pop_back();
  HttpAuth auth;
  if (Status ok = make_http_auth(ctx.params(), auth); !ok) return ok;
  return HttpPublisher(ctx, job, std::move(base), std::move(auth)).run(location);
}

}  // namespace reelflow::uploader
