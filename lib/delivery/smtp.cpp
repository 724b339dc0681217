#include "delivery/smtp.hpp"

#include "delivery/curl_api.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <vector>

namespace delivery {
namespace fs = std::filesystem;

std::string failure_name(Failure f) {
  switch (f) {
  case Failure::none: return "";
  case Failure::temporary: return "temporary";
  case Failure::unavailable: return "unavailable";
  case Failure::refused: return "refused";
  }
  return "";
}

struct SmtpSender::State {
  const CurlApi& api;
  CURL* handle = nullptr;
  std::string password;    // kept for libcurl, which reads it at each login
  std::string domain;      // of the sender's address, for Message-ID
  std::string pending;     // an incomplete line from the server
  std::string last_line;   // the last complete line the server sent in this transfer
  std::string error_line;  // the first 4xx or 5xx reply in this transfer (libcurl says QUIT after it)
  unsigned long sent = 0;  // mails sent by this run, for unique Message-IDs

  explicit State(const CurlApi& a) : api(a) {}
};

namespace {

// libcurl's debug callback: keeps the server's replies only (CURLINFO_HEADER_IN). What honorar
// sends (HEADER_OUT, with the AUTH line) is never looked at, let alone kept.
int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* state = static_cast<SmtpSender::State*>(user);
  state->pending.append(data, size);
  std::size_t end;
  while ((end = state->pending.find('\n')) != std::string::npos) {
    std::string line = state->pending.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    state->pending.erase(0, end + 1);
    if (line.empty()) continue;
    if (state->error_line.empty() && (line[0] == '4' || line[0] == '5')) state->error_line = line;
    state->last_line = std::move(line);
  }
  return 0;
}

bool is_unreachable(CURLcode rc) {
  switch (rc) {
  case CURLE_UNSUPPORTED_PROTOCOL:
  case CURLE_URL_MALFORMAT:
  case CURLE_COULDNT_RESOLVE_PROXY:
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_USE_SSL_FAILED:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_LOGIN_DENIED:
  case CURLE_AUTH_ERROR: return true;
  default: return false;
  }
}

// The reply code of an SMTP reply line ("550 5.1.1 ..."), 0 if it is not one.
int reply_code(const std::string& line) {
  if (line.size() < 3 || line[0] < '2' || line[0] > '5' || line[1] < '0' || line[1] > '9' || line[2] < '0' ||
      line[2] > '9')
    return 0;
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

// `said`: the server's first error reply in the transfer, else its last reply ("" if none).
Failure classify(CURLcode rc, const std::string& said) {
  if (rc == CURLE_OK) return Failure::none;
  if (is_unreachable(rc)) return Failure::unavailable;
  const int code = reply_code(said);
  // A login refused (530 needed, 534/538 mechanism, 535 credentials) fails every mail alike.
  if (code == 530 || code == 534 || code == 535 || code == 538) return Failure::unavailable;
  if (code >= 400 && code < 500) return Failure::temporary;
  if (code >= 500) return Failure::refused;
  // No word from the server at all: it was never reached (a connect that timed out).
  if (said.empty() && rc == CURLE_OPERATION_TIMEDOUT) return Failure::unavailable;
  return Failure::temporary; // the connection was lost or timed out on the way
}

} // namespace

SmtpSender::SmtpSender(const books::MailSettings& settings, SmtpLogin login, const fs::path& books_dir)
    : m_state(std::make_unique<State>(curl_api())) {
  const CurlApi& api = m_state->api;
  m_state->handle = api.easy_init();
  if (!m_state->handle) throw diag::Error(diag::ErrorKind::internal, "curl_easy_init failed");
  CURL* h = m_state->handle;
  const std::string host = settings.host.find(':') != std::string::npos ? "[" + settings.host + "]" : settings.host;
  m_url = fmt::format("{}://{}:{}", settings.security == books::MailSettings::Security::tls ? "smtps" : "smtp", host,
                      settings.port);
  api.easy_setopt(h, CURLOPT_URL, m_url.c_str());
  api.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  api.easy_setopt(h, CURLOPT_USE_SSL,
                  static_cast<long>(settings.security == books::MailSettings::Security::none ? CURLUSESSL_NONE
                                                                                            : CURLUSESSL_ALL));
  if (!settings.ca_file.empty()) {
    const fs::path ca = fs::path(settings.ca_file).is_absolute() ? fs::path(settings.ca_file) : books_dir / settings.ca_file;
    api.easy_setopt(h, CURLOPT_CAINFO, ca.c_str());
  }
  if (!login.user.empty()) {
    m_state->password = std::move(login.password);
    api.easy_setopt(h, CURLOPT_USERNAME, login.user.c_str()); // libcurl copies strings it is given
    api.easy_setopt(h, CURLOPT_PASSWORD, m_state->password.c_str());
  }
  api.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
  // A server that stops answering: give up on the mail after a minute below 1 byte/s.
  api.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  api.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
  api.easy_setopt(h, CURLOPT_VERBOSE, 1L);
  api.easy_setopt(h, CURLOPT_DEBUGFUNCTION, &on_debug);
  api.easy_setopt(h, CURLOPT_DEBUGDATA, m_state.get());
  const auto at = settings.from.find('@');
  m_state->domain = at == std::string::npos ? "localhost" : settings.from.substr(at + 1);
}

SmtpSender::~SmtpSender() {
  if (m_state->handle) m_state->api.easy_cleanup(m_state->handle); // says QUIT and closes
}

Outcome SmtpSender::send(const Mail& mail, std::chrono::system_clock::time_point when) {
  const CurlApi& api = m_state->api;
  CURL* h = m_state->handle;
  m_state->pending.clear();
  m_state->last_line.clear();
  m_state->error_line.clear();

  curl_mime* mime = api.mime_init(h);
  // CRLF line ends: libcurl's quoted-printable encoder keeps CRLF as the lines of the encoded
  // text, and would write a bare LF as "=0A" (one long encoded line).
  std::string text_crlf;
  for (const char c : mail.text) {
    if (c == '\n' && (text_crlf.empty() || text_crlf.back() != '\r')) text_crlf += '\r';
    text_crlf += c;
  }
  curl_mimepart* text = api.mime_addpart(mime);
  api.mime_data(text, text_crlf.data(), text_crlf.size());
  api.mime_type(text, "text/plain; charset=UTF-8");
  api.mime_encoder(text, "quoted-printable");
  curl_mimepart* pdf = api.mime_addpart(mime);
  api.mime_data(pdf, mail.attachment.data(), mail.attachment.size());
  api.mime_type(pdf, "application/pdf");
  api.mime_encoder(pdf, "base64");
  api.mime_filename(pdf, mail.attachment_name.c_str());

  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
  const std::vector<std::string> header_lines = {
      "Date: " + rfc5322_date(when),
      "From: " + mail.from,
      "To: " + mail.to,
      "Subject: " + mail.subject,
      fmt::format("Message-ID: <honorar.{}.{}.{}.{}@{}>", mail.attachment_name, seconds, ::getpid(), ++m_state->sent,
                  m_state->domain),
  };
  curl_slist* headers = nullptr;
  for (const std::string& line : header_lines) headers = api.slist_append(headers, line.c_str());
  curl_slist* recipients = api.slist_append(nullptr, ("<" + mail.to_address + ">").c_str());
  const std::string mail_from = "<" + mail.from_address + ">";

  api.easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  api.easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  api.easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  api.easy_setopt(h, CURLOPT_MIMEPOST, mime);
  const CURLcode rc = api.easy_perform(h);
  api.easy_setopt(h, CURLOPT_MIMEPOST, static_cast<curl_mime*>(nullptr));
  api.easy_setopt(h, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  api.easy_setopt(h, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));
  api.mime_free(mime);
  api.slist_free_all(headers);
  api.slist_free_all(recipients);

  // The server's word on a failure is its first error reply (libcurl ends with QUIT: "221 Bye").
  const std::string& said = m_state->error_line.empty() ? m_state->last_line : m_state->error_line;
  Outcome out;
  out.failure = classify(rc, said);
  if (out.ok()) out.answer = m_state->last_line;
  else if (said.empty()) out.answer = api.easy_strerror(rc);
  else out.answer = fmt::format("{}; the server said: {}", api.easy_strerror(rc), said);
  return out;
}

} // namespace delivery
