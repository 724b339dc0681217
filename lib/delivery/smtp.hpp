#pragma once
// Sending mails through one SMTP server with libcurl's SMTP and MIME support: one CURL easy handle
// for the whole run, so every mail after the first goes over the same connection (libcurl keeps
// it open between transfers and reconnects by itself when the server has closed it).

#include "books/model.hpp"
#include "delivery/message.hpp"
#include "delivery/outcome.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace delivery {

struct SmtpLogin {
  std::string user;     // empty: no AUTH
  std::string password; // never printed, never recorded
};

class SmtpSender {
public:
  // `books_dir` resolves a relative [mail] ca_file. Loads libcurl (exit 69 when it cannot).
  SmtpSender(const books::MailSettings& settings, SmtpLogin login, const std::filesystem::path& books_dir);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  // Sends one mail, dated `when`. Never throws for what the server or the network does: that is
  // the outcome.
  Outcome send(const Mail& mail, std::chrono::system_clock::time_point when);

  // "smtp://host:port" (or smtps://) for messages: no user, no password.
  const std::string& url() const { return m_url; }

  struct State; // (public only for libcurl's callback in smtp.cpp)

private:
  std::unique_ptr<State> m_state;
  std::string m_url;
};

} // namespace delivery
