#include "modules/sharing/card.hpp"

#include "core/wareki.hpp"

namespace renkei::sharing {
namespace {

constexpr size_t kShort = 200, kLong = 1000;  // bytes of UTF-8: about 65 and 330 characters

}  // namespace

const std::vector<ProviderSlot>& ProviderSlots() {
  static const std::vector<ProviderSlot> slots = {
      {"doctor", {"clinic", "hospital"}},
      {"hospital", {"hospital"}},
      {"care_manager", {"care_management", "support_center"}},
      {"nurse", {"home_nursing"}},
  };
  return slots;
}

Provider& SlotOf(ContactCard& c, std::string_view field) {
  if (field == "hospital") return c.hospital;
  if (field == "care_manager") return c.care_manager;
  if (field == "nurse") return c.nurse;
  return c.doctor;
}

const Provider& SlotOf(const ContactCard& c, std::string_view field) { return SlotOf(const_cast<ContactCard&>(c), field); }

std::vector<FieldError> Validate(const ContactCard& c) {
  std::vector<FieldError> e;
  auto len = [&](const std::string& v, size_t max, const std::string& field) {
    if (v.size() > max) e.push_back({field, "@sharing.error.too_long"});
  };
  for (auto [v, f] :
       {std::pair{&c.name, "name"}, {&c.kana, "kana"}, {&c.address, "address"}, {&c.phone, "phone"}, {&c.care_level, "care_level"}})
    len(*v, kShort, f);
  for (int i = 0; i < 2; ++i) {
    std::string f = "contact" + std::to_string(i + 1);
    len(c.contacts[i].name, kShort, f);
    len(c.contacts[i].relation, kShort, f);
    len(c.contacts[i].phone, kShort, f);
  }
  for (const auto& slot : ProviderSlots()) {
    const Provider& p = SlotOf(c, slot.field);
    len(p.name, kShort, slot.field);
    len(p.phone, kShort, slot.field);
    len(p.person, kShort, slot.field);
  }
  for (auto [v, f] : {std::pair{&c.illnesses, "illnesses"}, {&c.medicines, "medicines"}, {&c.allergies, "allergies"}, {&c.notes, "notes"}})
    len(*v, kLong, f);
  if (!c.birth_date.empty() && !core::ParseJapaneseDate(c.birth_date)) e.push_back({"birth_date", "@sharing.error.bad_date"});
  if (!c.written_on.empty() && !core::ParseJapaneseDate(c.written_on)) e.push_back({"written_on", "@sharing.error.bad_date"});
  return e;
}

bool IsEmpty(const ContactCard& c) {
  if (!c.name.empty() || !c.phone.empty() || !c.address.empty() || !c.illnesses.empty() || !c.medicines.empty()) return false;
  for (const auto& slot : ProviderSlots()) {
    const Provider& p = SlotOf(c, slot.field);
    if (!p.facility_id.empty() || !p.name.empty()) return false;
  }
  return c.contacts[0].name.empty() && c.contacts[1].name.empty();
}

}  // namespace renkei::sharing
