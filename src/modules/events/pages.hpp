#pragma once
// Page data shared by the public and the staff event pages.
#include <string>
#include <vector>

#include "modules/events/model.hpp"
#include "modules/events/service.hpp"
#include "platform/web/forms.hpp"
#include "platform/web/views.hpp"

namespace renkei::events {

// Title, kind, date and time in 和暦, place, lecturers, seats left: what a card and a page show.
web::Data EventCard(const Event& e, const Counts& c, const std::string& location, const std::string& lang);
// The registration form's choices and values, with problems named.
void SetRegistrationForm(web::Data& d, const std::string& csrf, const RegistrationInput& in, const std::vector<FieldError>& errors,
                         const std::string& lang);

}  // namespace renkei::events
