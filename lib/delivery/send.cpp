#include "delivery/send.hpp"

#include "books/identifiers.hpp"
#include "delivery/command.hpp"
#include "delivery/message.hpp"
#include "delivery/smtp.hpp"
#include "invoicing/monthly_run.hpp"
#include "invoicing/reminder_run.hpp"
#include "register/register.hpp"
#include "render/format.hpp"
#include "render/reminder.hpp"
#include "util/file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <map>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace delivery {
namespace fs = std::filesystem;
namespace {

// One send at a time per books directory: an flock on the directory itself, held for the whole
// run. The register's own lock is taken only for a moment per attempt (so that an invoice run is
// never kept waiting by a slow server), so it cannot keep two sends from mailing the same document.
class SendLock {
public:
  SendLock(const fs::path& books_dir, int timeout_ms) {
    m_fd = ::open(books_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_fd < 0)
      throw diag::Error(diag::ErrorKind::missing,
                        fmt::format("cannot open the books directory {}: {}", books_dir.string(), std::strerror(errno)));
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) break; // a file system without flock: no lock
      if (std::chrono::steady_clock::now() >= until) {
        ::close(m_fd);
        throw diag::Error(diag::ErrorKind::busy, "another honorar send is running on these books; try again later");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~SendLock() { ::close(m_fd); }
  SendLock(const SendLock&) = delete;
  SendLock& operator=(const SendLock&) = delete;

private:
  int m_fd = -1;
};

// One document to deliver: an invoice or credit note (`doc`), or a reminder (`reminder`, by
// e-mail only: a reminder has no e-invoice).
struct Planned {
  std::string key; // "1004", "R3"
  std::optional<render::IssuedDocument> doc;
  std::optional<render::ReminderDocument> reminder;
  Route route;
};

std::string read_password_file(const fs::path& books_dir, const std::string& name) {
  const fs::path path = fs::path(name).is_absolute() ? fs::path(name) : books_dir / name;
  util::FileContent content = util::read_file(path, 64 * 1024);
  if (content.status != util::FileContent::Status::ok)
    throw diag::Error(diag::ErrorKind::missing,
                      fmt::format("cannot read the SMTP password from {} ([mail] password_file)", path.string()));
  std::string text = std::move(content.text);
  const auto end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.erase(end);
  if (text.empty())
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("{} ([mail] password_file) holds no password on its first line", path.string()));
  return text;
}

// The login for [mail]: the password from $HONORAR_SMTP_PASSWORD, else from password_file.
SmtpLogin login_for(const books::MailSettings& mail, const fs::path& books_dir, const Request& request) {
  SmtpLogin login;
  if (mail.user.empty()) return login;
  login.user = mail.user;
  if (request.password && !request.password->empty()) login.password = *request.password;
  else if (!mail.password_file.empty()) login.password = read_password_file(books_dir, mail.password_file);
  else
    throw diag::Error(diag::ErrorKind::data, "[mail] names a 'user' but there is no password: set "
                                             "HONORAR_SMTP_PASSWORD, or name a file holding it with 'password_file'");
  return login;
}

std::string joined(const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

// The PDF a mail carries: the document's file if it is there, else rendered from the register
// (the same bytes: documents render byte for byte as issued).
std::string pdf_of(const fs::path& books_dir, const render::IssuedDocument& doc) {
  const fs::path path = invoicing::document_file(books_dir, doc, "pdf");
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    util::FileContent content = util::read_file(path);
    if (content.status == util::FileContent::Status::ok) return std::move(content.text);
  }
  return render::pdf_format().render(doc);
}

// A reminder's PDF: its file invoices/YYYY/R<n>.pdf as written, else rendered again from the register.
std::string pdf_of(const fs::path& books_dir, const render::ReminderDocument& reminder) {
  const fs::path path =
      books_dir / "invoices" / std::to_string(reminder.date.year()) / (render::reminder_name(reminder) + ".pdf");
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    util::FileContent content = util::read_file(path);
    if (content.status == util::FileContent::Status::ok) return std::move(content.text);
  }
  return render::reminder_pdf(reminder);
}

// Records an attempt. The mail is out: a register kept busy by another run (an invoice run of
// many documents) is waited for up to ten minutes rather than the busy timeout, so that the
// record is not lost (which would send the document again).
void record(invoice_register::Register& reg, const invoice_register::DeliveryRecord& attempt) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  for (;;) {
    try {
      reg.record_delivery(attempt);
      return;
    } catch (const diag::Error& e) {
      if (e.kind() != diag::ErrorKind::busy || std::chrono::steady_clock::now() >= until) throw;
    }
  }
}

// Commits the attempts on a thread of its own, one transaction each, while the next mail is on
// its way: each commit is a few fsyncs (~5-15 ms), as long as sending a mail, so a run of 500 is
// twice as fast. At most one attempt waits to be recorded while another is sent (wait_room), so a
// crash loses the records of at most the two attempts in flight (ARCHITECTURE.md "Sending").
class Recorder {
public:
  explicit Recorder(invoice_register::Register& reg) : m_reg(reg), m_thread([this] { work(); }) {}
  ~Recorder() {
    {
      const std::lock_guard lock(m_mutex);
      m_closing = true;
    }
    m_changed.notify_all();
    m_thread.join();
  }
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  void add(invoice_register::DeliveryRecord attempt) {
    {
      const std::lock_guard lock(m_mutex);
      m_queue.push_back(std::move(attempt));
    }
    m_changed.notify_all();
  }
  // Before the next attempt: waits until at most one attempt is not yet on disk. Throws what
  // recording threw: nothing more is sent that could not be recorded.
  void wait_room() { wait_until(1); }
  // Waits until every attempt is on disk; throws what recording threw.
  void finish() { wait_until(0); }

private:
  void wait_until(std::size_t unrecorded) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_error || m_queue.size() + (m_busy ? 1 : 0) <= unrecorded; });
    if (m_error) std::rethrow_exception(m_error);
  }

  void work() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_changed.wait(lock, [&] { return m_closing || !m_queue.empty(); });
      if (m_queue.empty() || m_error) return;
      invoice_register::DeliveryRecord attempt = std::move(m_queue.front());
      m_queue.pop_front();
      m_busy = true;
      lock.unlock();
      std::exception_ptr error;
      try {
        record(m_reg, attempt);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      m_busy = false;
      if (error) m_error = error;
      m_changed.notify_all();
    }
  }

  invoice_register::Register& m_reg;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<invoice_register::DeliveryRecord> m_queue;
  bool m_busy = false;
  bool m_closing = false;
  std::exception_ptr m_error;
  std::thread m_thread; // last: started when the rest is ready
};

} // namespace

std::string channel_name(Channel c) { return c == Channel::email ? "email" : "einvoice"; }

std::optional<Route> route_of(const render::IssuedDocument& doc, const books::Books& books) {
  if (books.settings.documents.gets_einvoice(doc.buyer.kind)) return Route{Channel::einvoice, doc.buyer.ean};
  const books::Contract* contract = books.find_contract(doc.contract);
  const std::string& email = contract && !contract->payer.email.empty() ? contract->payer.email : doc.buyer.email;
  if (!email.empty()) return Route{Channel::email, email};
  return std::nullopt;
}

Failure Report::worst() const {
  Failure worst = Failure::none;
  for (const Item& item : items) {
    if (item.failure == Failure::unavailable || item.failure == Failure::refused) return Failure::unavailable;
    if (item.failure == Failure::temporary || item.status == Status::skipped) worst = Failure::temporary;
  }
  return worst;
}

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                     utc.tm_min, utc.tm_sec);
}

Report send_documents(const fs::path& books_dir, const books::Books& books, const Request& request) {
  Report report;
  std::error_code ec;
  const bool resending = !request.resend.empty() || !request.resend_reminders.empty();
  if (!fs::exists(books_dir / invoice_register::k_file_name, ec)) {
    if (!request.resend.empty())
      throw diag::Error(diag::ErrorKind::missing,
                        fmt::format("no document number {} in the register", request.resend.front()));
    if (!request.resend_reminders.empty())
      throw diag::Error(diag::ErrorKind::missing,
                        fmt::format("no reminder R{} in the register", request.resend_reminders.front()));
    return report; // no register yet: nothing issued, nothing to send
  }

  // What is registered and what was delivered, read once; a real run takes the send lock first.
  std::optional<SendLock> lock;
  std::unique_ptr<invoice_register::Register> reg;
  if (request.dry_run) {
    reg = invoice_register::Register::open_read_only(books_dir, request.busy_timeout_ms);
    if (!reg) return report;
  } else {
    lock.emplace(books_dir, request.busy_timeout_ms);
    reg = invoice_register::Register::open_for_run(books_dir, request.busy_timeout_ms); // migrates the schema
  }
  const std::vector<invoice_register::StoredDocument> stored = reg->documents();
  const std::vector<invoice_register::StoredReminder> reminders = reg->reminders();
  const std::map<std::string, invoice_register::DeliveryRecord> delivered = reg->deliveries();
  if (!request.dry_run) reg->commit();

  std::vector<Planned> plan;
  std::vector<std::string> unaddressed; // e-mail routes whose address is not one
  for (const std::int64_t n : request.resend)
    if (std::none_of(stored.begin(), stored.end(), [n](const auto& d) { return d.number == n; }))
      throw diag::Error(diag::ErrorKind::missing, fmt::format("no document number {} in the register", n));
  for (const std::int64_t n : request.resend_reminders)
    if (std::none_of(reminders.begin(), reminders.end(), [n](const auto& r) { return r.number == n; }))
      throw diag::Error(diag::ErrorKind::missing, fmt::format("no reminder R{} in the register", n));
  for (const invoice_register::StoredDocument& d : stored) {
    const std::string key = invoice_register::Register::document_key(d.number);
    const bool named = std::find(request.resend.begin(), request.resend.end(), d.number) != request.resend.end();
    if (resending ? !named : delivered.contains(key)) continue;
    render::IssuedDocument doc = invoicing::parse_stored_document(d.number, d.json);
    std::optional<Route> route = route_of(doc, books);
    if (!route) {
      if (named)
        throw diag::Error(diag::ErrorKind::data,
                          fmt::format("document {} cannot be sent: its payer has no e-mail address and gets no "
                                      "e-invoice",
                                      key));
      report.without_route.push_back(key);
      continue;
    }
    if (route->channel == Channel::email && !books::is_mail_address(route->to))
      unaddressed.push_back(fmt::format("{} (contract {}: \"{}\")", key, doc.contract, route->to));
    plan.push_back({key, std::move(doc), std::nullopt, std::move(*route)});
  }
  // Reminders (SPEC 9.4) go by e-mail to the payer of their contract, as invoices without an
  // e-invoice do; --resend R<n> names one.
  for (const invoice_register::StoredReminder& r : reminders) {
    const std::string key = "R" + std::to_string(r.number);
    const bool named = std::find(request.resend_reminders.begin(), request.resend_reminders.end(), r.number) !=
                       request.resend_reminders.end();
    if (resending ? !named : delivered.contains(key)) continue;
    render::ReminderDocument reminder = invoicing::parse_stored_reminder(r.number, r.json);
    const books::Contract* contract = books.find_contract(reminder.contract);
    const std::string& email =
        contract && !contract->payer.email.empty() ? contract->payer.email : reminder.buyer.email;
    if (email.empty()) {
      if (named)
        throw diag::Error(diag::ErrorKind::data,
                          fmt::format("reminder {} cannot be sent: its payer has no e-mail address", key));
      report.without_route.push_back(key);
      continue;
    }
    if (!books::is_mail_address(email))
      unaddressed.push_back(fmt::format("{} (contract {}: \"{}\")", key, reminder.contract, email));
    plan.push_back({key, std::nullopt, std::move(reminder), Route{Channel::email, email}});
  }

  // Everything that would stop a send is found before the first one.
  std::vector<std::string> by_mail, by_command;
  for (const Planned& p : plan) (p.route.channel == Channel::email ? by_mail : by_command).push_back(p.key);
  if (!by_mail.empty() && !books.settings.mail)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.toml has no [mail]: documents {} go by e-mail (their payers have an e-mail "
                                  "address and get no e-invoice)",
                                  joined(by_mail)));
  if (!by_command.empty() && !books.settings.delivery)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.toml has no [delivery] command: documents {} are e-invoices ([documents] "
                                  "gives their payers \"xml\")",
                                  joined(by_command)));
  if (!unaddressed.empty())
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("not an e-mail address: document {}", joined(unaddressed)));
  std::optional<SmtpLogin> login;
  if (!by_mail.empty()) login = login_for(*books.settings.mail, books_dir, request);

  for (const Planned& p : plan)
    report.items.push_back({p.key, p.route.channel, p.route.to, Status::planned, Failure::none, "", ""});
  if (!by_mail.empty()) {
    const books::MailSettings& m = *books.settings.mail;
    report.mail_server = fmt::format("{}://{}:{}", m.security == books::MailSettings::Security::tls ? "smtps" : "smtp",
                                     m.host, m.port);
  }
  if (request.dry_run) return report;

  // The e-invoices' files (a run that failed to write them left them to the next run).
  std::vector<render::IssuedDocument> einvoices;
  for (const Planned& p : plan)
    if (p.route.channel == Channel::einvoice) einvoices.push_back(*p.doc);
  invoicing::write_missing_files(books_dir, einvoices, books.settings.documents);

  // One connection for every mail of the run; libcurl loaded before anything is sent (exit 69
  // with nothing done when it cannot be).
  std::unique_ptr<SmtpSender> smtp;
  if (!by_mail.empty()) smtp = std::make_unique<SmtpSender>(*books.settings.mail, *login, books_dir);
  Recorder recorder(*reg);
  std::string mail_down, command_down; // why a channel is unavailable for the rest of the run
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const Planned& p = plan[i];
    Item& item = report.items[i];
    std::string& down = p.route.channel == Channel::email ? mail_down : command_down;
    if (!down.empty()) {
      item.status = Status::skipped;
      item.answer = "not tried: " + down;
      continue;
    }
    recorder.wait_room();
    Outcome outcome;
    if (p.route.channel == Channel::email) {
      const Mail mail = p.reminder ? compose_mail(*p.reminder, books.settings.mail->from, p.route.to,
                                                  pdf_of(books_dir, *p.reminder))
                                   : compose_mail(*p.doc, books.settings.mail->from, p.route.to, pdf_of(books_dir, *p.doc));
      outcome = smtp->send(mail, request.now());
    } else {
      outcome = run_delivery_command(books.settings.delivery->command, invoicing::document_file(books_dir, *p.doc, "xml"),
                                     books_dir, request.environment,
                                     std::chrono::seconds(books.settings.delivery->timeout_seconds));
    }
    item.status = outcome.ok() ? Status::delivered : Status::failed;
    item.failure = outcome.failure;
    item.answer = outcome.answer;
    item.at = utc_timestamp(request.now());
    // On disk while the next attempt is made, before the one after it.
    recorder.add({item.document, item.at, channel_name(item.channel), item.to, outcome.ok(),
                  failure_name(outcome.failure), outcome.answer});
    if (outcome.failure == Failure::unavailable) {
      const auto first_line = outcome.answer.substr(0, outcome.answer.find('\n'));
      down = fmt::format("document {} failed: {}", item.document, first_line);
    }
  }
  recorder.finish();
  return report;
}

} // namespace delivery
