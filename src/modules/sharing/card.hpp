#pragma once
// わたしの連絡先カード (item エ): the card a resident keeps at home and shows in an emergency or at
// admission. Renkei fills it in with the resident (or the staff at a counter) and prints it; it never
// stores it. The doctor, hospital, care manager and visiting nurse may be chosen from the directory, so
// their names and phone numbers are the directory's. Pure: no I/O.
#include <array>
#include <string>
#include <vector>

#include "platform/status.hpp"

namespace renkei::sharing {

struct Contact {
  std::string name, relation, phone;
};

// One of the care providers on the card: a facility of the directory (facility_id) or written by hand.
struct Provider {
  std::string facility_id, name, phone, person;  // person: the doctor's or care manager's name
};

struct ContactCard {
  std::string name, kana, birth_date, address, phone;
  std::array<Contact, 2> contacts;
  Provider doctor, hospital, care_manager, nurse;
  std::string care_level, illnesses, medicines, allergies, notes, written_on;
};

// The slots of the card that name a provider, with the directory kinds offered for each.
struct ProviderSlot {
  const char* field;               // doctor, hospital, care_manager, nurse
  std::vector<std::string> kinds;  // directory kinds to choose from
};
const std::vector<ProviderSlot>& ProviderSlots();
Provider& SlotOf(ContactCard& c, std::string_view field);
const Provider& SlotOf(const ContactCard& c, std::string_view field);

// Checks lengths and the dates; nothing is required (a card with what the resident wants on it).
std::vector<FieldError> Validate(const ContactCard& c);
bool IsEmpty(const ContactCard& c);

}  // namespace renkei::sharing
