// invoice_register::Register: the record of deliveries (schema 4, issue 18, SPEC 10.2).
#include "register/register.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

using invoice_register::Connection;
using invoice_register::DeliveryRecord;
using invoice_register::Register;

TEST_CASE("invoice_register::Register deliveries") {
  testutil::TempDir books("honorar-test-deliveries");
  {
    auto reg = Register::open_for_run(books.path(), 1000);
    reg->commit();
  }

  SUBCASE("document keys are the number as text") { CHECK(Register::document_key(1004) == "1004"); }

  SUBCASE("each attempt is committed at once; deliveries() gives the first success per document") {
    {
      auto reg = Register::open_for_run(books.path(), 1000);
      reg->commit();
      reg->record_delivery({"1004", "2026-12-01T06:10:00Z", "email", "a@example.dk", false, "temporary", "451 later"});
      {
        // Committed already: a second connection sees it (a failure is no delivery).
        auto reader = Register::open_read_only(books.path(), 1000);
        CHECK(reader->deliveries().empty());
        invoice_register::Connection c(books.path() / "honorar.db", invoice_register::Connection::Mode::read_only, 1000);
        auto count = c.prepare("SELECT count(*) FROM deliveries");
        REQUIRE(count.step());
        CHECK(count.int64(0) == 1);
      }
      reg->record_delivery({"1004", "2026-12-01T07:10:00Z", "email", "a@example.dk", true, "", "250 Ok"});
      reg->record_delivery({"1005", "2026-12-01T07:10:01Z", "einvoice", "5798000111226", true, "", "exit 0"});
      reg->record_delivery({"1004", "2026-12-02T08:00:00Z", "email", "b@example.dk", true, "", "250 again"});
    } // never committed with commit(): each attempt was
    auto reg = Register::open_read_only(books.path(), 1000);
    const auto d = reg->deliveries();
    REQUIRE(d.size() == 2);
    CHECK(d.at("1004").at == "2026-12-01T07:10:00Z");
    CHECK(d.at("1004").channel == "email");
    CHECK(d.at("1004").recipient == "a@example.dk");
    CHECK(d.at("1004").answer == "250 Ok");
    CHECK(d.at("1005").channel == "einvoice");
    Connection c(books.path() / "honorar.db", Connection::Mode::read_only, 1000);
    auto s = c.prepare("SELECT count(*), sum(ok) FROM deliveries");
    REQUIRE(s.step());
    CHECK(s.int64(0) == 4);
    CHECK(s.int64(1) == 3);
  }

  SUBCASE("a register of schema 3 has no deliveries, and is migrated by the next writer") {
    {
      Connection c(books.path() / "honorar.db", Connection::Mode::read_write, 1000);
      c.exec("DROP TABLE deliveries; PRAGMA user_version = 3;");
    }
    CHECK(Register::open_read_only(books.path(), 1000)->deliveries().empty());
    auto reg = Register::open_for_run(books.path(), 1000);
    reg->commit();
    reg->record_delivery({"1", "2026-12-01T06:10:00Z", "email", "a@example.dk", true, "", "250 Ok"});
    CHECK(reg->deliveries().size() == 1);
  }

  SUBCASE("the table refuses what is not a channel or a failure kind") {
    auto reg = Register::open_for_run(books.path(), 1000);
    reg->commit();
    CHECK_THROWS(reg->record_delivery({"1", "2026-12-01T06:10:00Z", "fax", "x", true, "", ""}));
    CHECK_THROWS(reg->record_delivery({"1", "2026-12-01T06:10:00Z", "email", "x", false, "maybe", ""}));
    CHECK(reg->deliveries().empty());
    // ... and the register is usable after the failed attempts (rolled back).
    reg->record_delivery({"1", "2026-12-01T06:10:00Z", "email", "x", true, "", ""});
    CHECK(reg->deliveries().size() == 1);
  }
}
