#pragma once
// Checks of Danish identifiers and of personal data in free text (SPEC §1, §5).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace books {

// An IBAN as it is printed and sent (ISO 13616): spaces removed, upper case. nullopt unless it is
// 15 to 34 letters and digits, starting with two letters and two digits, whose check digits hold
// (mod 97 = 1).
std::optional<std::string> normalise_iban(std::string_view text);

// CVR: 8 digits, weights 2,7,6,5,4,3,2,1, weighted sum divisible by 11.
bool is_valid_cvr(std::string_view cvr);
// GLN/EAN-13: 13 digits with a valid GS1 check digit.
bool is_valid_gln(std::string_view gln);
// FIK 71 (SPEC 9.1): the payment id of document `number` (0 to 10^14 - 1): the number
// zero-padded to 14 digits and its Luhn modulus-10 check digit. 1004 -> "000000000010041".
std::string fik71_payment_id(std::int64_t number);
// An FIK creditor number (kreditornummer): exactly 8 digits.
bool is_valid_fik_creditor(std::string_view creditor);
// An e-mail address honorar sends to or from (SPEC 10.2): LOCAL@DOMAIN in printable ASCII, one
// '@', no spaces, no angle brackets, quotes, commas or other characters SMTP's <...> or a header
// would give a meaning; the domain has a dot or is "localhost", no empty label.
bool is_mail_address(std::string_view address);
// Contract ids: [A-Za-z0-9][A-Za-z0-9._-]{0,63} (they become parts of file names).
bool is_valid_contract_id(std::string_view id);

// The byte offset of the first CPR-like number in `text`, if any (§5): `DDMMYY-XXXX`, a
// standalone run of exactly ten digits, `DDMMYY XXXX`, `DDMMYY/XXXX`, `DD.MM.YY-XXXX` or
// `DD.MM.YYYY-XXXX`, none of them part of a longer run of digits. DDMMYY must be a valid day and
// month (29 February is allowed: the century is unknown); DD.MM.YYYY a date that exists.
std::optional<std::size_t> find_cpr_like(std::string_view text);

} // namespace books
