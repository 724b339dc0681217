#include "books/placeholders.hpp"

#include <fmt/format.h>

namespace books::placeholders {
namespace {

std::string still_placeholder(std::string_view key, std::string_view shown) {
  return fmt::format("[provider] {} is still the placeholder {} that honorar init wrote: fill in your own", key,
                     shown);
}

} // namespace

std::vector<std::pair<std::string_view, std::string>> provider_warnings(const Provider& provider) {
  std::vector<std::pair<std::string_view, std::string>> out;
  if (provider.name == k_provider_name)
    out.emplace_back("name", still_placeholder("name", fmt::format("\"{}\"", k_provider_name)));
  if (provider.cvr == k_provider_cvr)
    out.emplace_back("cvr", still_placeholder("cvr", fmt::format("\"{}\"", k_provider_cvr)));
  if (provider.bank.reg == k_bank_reg && provider.bank.account == k_bank_account)
    out.emplace_back("bank", still_placeholder("bank", fmt::format("{{ reg = \"{}\", account = \"{}\" }}", k_bank_reg,
                                                                   k_bank_account)));
  return out;
}

} // namespace books::placeholders
