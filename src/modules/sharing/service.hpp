#pragma once
// The contact card's service: the directory's facilities offered for each provider on the card, the
// card's providers resolved to the directory's names and phone numbers, and the records of how many
// cards the program handed out (the figures of item エ). Cards are never stored. SQL is in store.cpp.
#include <string>
#include <vector>

#include "core/codes.hpp"
#include "modules/directory/picker.hpp"
#include "modules/sharing/card.hpp"
#include "platform/security/accounts.hpp"
#include "platform/status.hpp"
#include "platform/storage/database.hpp"

namespace renkei::sharing {

using core::CodeList;

// turning_75 (年度内に75歳になる方への送付), newly_certified (新規認定者), care_office (居宅介護支援事業所から),
// counter (窓口), event (講座・イベント), other
const CodeList& Channels();

struct Distribution {
  std::string id, date;
  int fiscal_year = 0;
  std::string municipality, channel;
  long long count = 0;
  std::string notes, created_by, created_at;
};
struct DistributionInput {
  std::string date, municipality, channel, count, notes;
};
std::vector<FieldError> Validate(const DistributionInput& in, Distribution& out);

struct DistributionSummary {
  int fiscal_year = 0;
  long long total = 0;
  std::vector<std::pair<std::string, long long>> by_municipality;  // town code -> cards, in code order
  std::vector<std::pair<std::string, long long>> by_channel;       // channel code -> cards
  std::vector<Distribution> rows;
};

using directory::FacilityChoice;  // label: name（town）

// What the pages show (screens.cpp), gathered in one service call each.
// The card form: the directory's facilities offered for each provider slot (in ProviderSlots() order).
struct CardFormScreen {
  std::vector<std::vector<FacilityChoice>> choices;
  std::vector<FieldError> errors;
};
// A card sent from the form: ready to print (providers resolved), or the form again with its problems.
struct CardScreen {
  bool print = false;
  ContactCard card;
  CardFormScreen form;
};
// The staff's page of cards handed out, with the form to record more (and its problems).
struct DistributionsScreen {
  int fiscal_year = 0;
  DistributionSummary summary;
  DistributionInput input;
  std::vector<FieldError> errors;
  bool saved = false;  // AddFromForm stored it (fiscal_year is the record's)
};

class CardService {
 public:
  explicit CardService(storage::Database& db) : db_(db) {}
  // The region's facilities a provider slot offers, in kana order.
  std::vector<FacilityChoice> ChoicesFor(const ProviderSlot& slot);
  // Providers chosen from the directory take the directory's name, and its phone number when it has one
  // (else the one written); a facility that is not in the region's directory, or not of the slot's kinds,
  // is dropped to what was written by hand.
  ContactCard Resolve(ContactCard card);

  static bool Staff(const security::Principal& p);
  Result<std::string> AddDistribution(const security::Principal& p, const std::string& addr, const DistributionInput& in);
  Status DeleteDistribution(const security::Principal& p, const std::string& addr, const std::string& id);
  Result<DistributionSummary> Summary(const security::Principal& p, int fiscal_year);
  // The pages' screens (screens.cpp). The card is anyone's and is never stored.
  CardFormScreen CardForm(std::vector<FieldError> errors = {});
  // `edit`: the print page's 「直す」, back to the form as filled in.
  CardScreen Card(const ContactCard& in, bool edit);
  Result<DistributionsScreen> Distributions(const security::Principal& p, int fiscal_year);
  Result<DistributionsScreen> AddFromForm(const security::Principal& p, const std::string& addr, const DistributionInput& in);
  // Figures for the plan's text, readable by anyone who may read the plan.
  DistributionSummary FiguresOf(int fiscal_year);

 private:
  storage::Database& db_;
};

}  // namespace renkei::sharing
