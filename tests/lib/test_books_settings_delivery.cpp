// books::load_settings: [mail] and [delivery] (SPEC 10.2), every key and every error.
#include "books/identifiers.hpp"
#include "books/load.hpp"
#include "books/settings.hpp"

#include "testutil.hpp"
#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <string>

using testutil::k_settings;
using testutil::report;

namespace {

struct Loaded {
  books::Settings settings;
  std::string diagnostics;
};

// k_settings (13 lines), an empty line, then `tables` from line 15 on.
Loaded load_with(const std::string& tables) {
  diag::Diagnostics diags;
  Loaded out{books::load_settings("honorar.toml", std::string(k_settings) + "\n" + tables, diags), {}};
  out.diagnostics = report(diags);
  return out;
}

} // namespace

TEST_CASE("books::load_settings [mail]") {
  using Security = books::MailSettings::Security;

  SUBCASE("absent: no mail settings") {
    const Loaded l = load_with("");
    CHECK(l.diagnostics == "");
    CHECK_FALSE(l.settings.mail.has_value());
    CHECK_FALSE(l.settings.delivery.has_value());
  }

  SUBCASE("every key") {
    const Loaded l = load_with("[mail]\nhost = \"smtp.example.dk\"\nport = 2525\nsecurity = \"tls\"\n"
                               "user = \"faktura\"\nfrom = \"regnskab@example.dk\"\npassword_file = \"/etc/honorar/smtp\"\n"
                               "ca_file = \"ca.pem\"\n");
    CHECK(l.diagnostics == "");
    REQUIRE(l.settings.mail.has_value());
    const books::MailSettings& m = *l.settings.mail;
    CHECK(m.host == "smtp.example.dk");
    CHECK(m.port == 2525);
    CHECK(m.security == Security::tls);
    CHECK(m.user == "faktura");
    CHECK(m.from == "regnskab@example.dk");
    CHECK(m.password_file == "/etc/honorar/smtp");
    CHECK(m.ca_file == "ca.pem");
  }

  SUBCASE("defaults: STARTTLS on 587, the provider's address as sender, no login") {
    const Loaded l = load_with("[mail]\nhost = \"smtp.example.dk\"\n");
    CHECK(l.diagnostics == "");
    const books::MailSettings& m = *l.settings.mail;
    CHECK(m.security == Security::starttls);
    CHECK(m.port == 587);
    CHECK(m.from == "faktura@example.dk");
    CHECK(m.user == "");
  }

  SUBCASE("the port follows the security: 465 for tls, 25 for none") {
    CHECK(load_with("[mail]\nhost = \"smtp.example.dk\"\nsecurity = \"tls\"\n").settings.mail->port == 465);
    CHECK(load_with("[mail]\nhost = \"smtp.example.dk\"\nsecurity = \"none\"\n").settings.mail->port == 25);
  }

  SUBCASE("a password is an error that says where it goes, without its value") {
    const Loaded l = load_with("[mail]\nhost = \"smtp.example.dk\"\npassword = \"hemmeligt\"\n");
    CHECK(l.diagnostics == "honorar.toml:17:12: error: [mail] must not hold the SMTP password: set "
                           "HONORAR_SMTP_PASSWORD, or name a file holding it with 'password_file'\n");
  }

  SUBCASE("an unknown security") {
    CHECK(load_with("[mail]\nhost = \"smtp.example.dk\"\nsecurity = \"startls\"\n").diagnostics ==
          "honorar.toml:17:12: error: [mail] 'security' must be \"starttls\", \"tls\" or \"none\", not \"startls\" "
          "(did you mean 'starttls'?)\n");
  }

  SUBCASE("a port out of range, a host that is a URL") {
    CHECK(load_with("[mail]\nhost = \"smtp://x.dk\"\nport = 0\n").diagnostics ==
          "honorar.toml:16:8: error: [mail] 'host' must be a host name or address, such as \"smtp.example.dk\"\n"
          "honorar.toml:17:8: error: [mail] 'port' must be 1 to 65535\n");
  }

  SUBCASE("no host, no sender") {
    const std::string no_email = testutil::remove_key(std::string(k_settings), "email");
    diag::Diagnostics diags;
    (void)books::load_settings("honorar.toml", no_email + "\n[mail]\nport = 25\n", diags);
    CHECK(report(diags) == "honorar.toml:14:1: error: [mail] is missing the required key 'host'\n"
                           "honorar.toml:14:1: error: [mail] needs 'from', the sender's e-mail address (or an 'email' "
                           "under [provider])\n");
  }

  SUBCASE("a sender that is not an address") {
    CHECK(load_with("[mail]\nhost = \"smtp.example.dk\"\nfrom = \"Faktura <f@example.dk>\"\n").diagnostics ==
          "honorar.toml:17:8: error: [mail] 'from' is not an e-mail address: \"Faktura <f@example.dk>\"\n");
  }

  SUBCASE("a login without TLS only to this machine") {
    CHECK(load_with("[mail]\nhost = \"smtp.example.dk\"\nsecurity = \"none\"\nuser = \"u\"\n").diagnostics ==
          "honorar.toml:17:12: error: [mail] security = \"none\" would send the password in clear: use \"starttls\" "
          "or \"tls\" (a login without TLS is allowed only to localhost)\n");
    CHECK(load_with("[mail]\nhost = \"127.0.0.1\"\nsecurity = \"none\"\nuser = \"u\"\n").diagnostics == "");
    CHECK(load_with("[mail]\nhost = \"localhost\"\nsecurity = \"none\"\nuser = \"u\"\n").diagnostics == "");
  }

  SUBCASE("an unknown key") {
    CHECK(load_with("[mail]\nhost = \"smtp.example.dk\"\nusr = \"u\"\n").diagnostics ==
          "honorar.toml:17:1: error: unknown key 'usr' in [mail] (did you mean 'user'?)\n");
  }
}

TEST_CASE("books::load_settings [delivery]") {
  SUBCASE("a program") {
    const Loaded l = load_with("[delivery]\ncommand = \"/usr/local/bin/peppol-upload\"\n");
    CHECK(l.diagnostics == "");
    CHECK(l.settings.delivery->command == std::vector<std::string>{"/usr/local/bin/peppol-upload"});
  }
  SUBCASE("a program and its arguments") {
    const Loaded l = load_with("[delivery]\ncommand = [\"sftp-upload\", \"--host\", \"ap.example.dk\"]\n");
    CHECK(l.diagnostics == "");
    CHECK(l.settings.delivery->command == std::vector<std::string>{"sftp-upload", "--host", "ap.example.dk"});
  }
  SUBCASE("a timeout") {
    const Loaded l = load_with("[delivery]\ncommand = \"up\"\ntimeout = 30\n");
    CHECK(l.diagnostics == "");
    CHECK(l.settings.delivery->timeout_seconds == 30);
    CHECK(load_with("[delivery]\ncommand = \"up\"\n").settings.delivery->timeout_seconds == 600);
    CHECK(load_with("[delivery]\ncommand = \"up\"\ntimeout = 0\n").diagnostics ==
          "honorar.toml:17:11: error: [delivery] 'timeout' must be 1 to 86400 seconds\n");
  }
  SUBCASE("missing, empty or blank") {
    CHECK(load_with("[delivery]\n").diagnostics ==
          "honorar.toml:15:1: error: [delivery] is missing the required key 'command'\n");
    CHECK(load_with("[delivery]\ncommand = []\n").diagnostics ==
          "honorar.toml:16:11: error: [delivery] 'command' must name a program: [\"program\", \"argument\", ...]\n");
    CHECK(load_with("[delivery]\ncommand = \" \"\n").diagnostics ==
          "honorar.toml:16:11: error: 'command' is empty: give a value\n");
  }
}

TEST_CASE("books::is_mail_address") {
  CHECK(books::is_mail_address("faktura@example.dk"));
  CHECK(books::is_mail_address("a.b+c@sub.example.dk"));
  CHECK(books::is_mail_address("root@localhost"));
  CHECK_FALSE(books::is_mail_address(""));
  CHECK_FALSE(books::is_mail_address("faktura"));
  CHECK_FALSE(books::is_mail_address("@example.dk"));
  CHECK_FALSE(books::is_mail_address("faktura@"));
  CHECK_FALSE(books::is_mail_address("a@b@example.dk"));
  CHECK_FALSE(books::is_mail_address("a b@example.dk"));
  CHECK_FALSE(books::is_mail_address("<a@example.dk>"));
  CHECK_FALSE(books::is_mail_address("a@example"));
  CHECK_FALSE(books::is_mail_address("a@example..dk"));
  CHECK_FALSE(books::is_mail_address("æ@example.dk"));
  CHECK_FALSE(books::is_mail_address("a@example.dk\r\nBcc: x@example.dk"));
}
