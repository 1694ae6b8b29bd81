#pragma once
// What a consultation request carries, read into the model: a case from a form or a JSON body, a list's
// filter, a statistics period and its percentage format. Pure: the routes pass what the request holds.
#include <boost/json/object.hpp>

#include "modules/consultations/model.hpp"
#include "modules/consultations/stats.hpp"
#include "modules/consultations/store.hpp"
#include "platform/http/parse.hpp"
#include "platform/status.hpp"

namespace renkei::consultations {

// A case from the form's fields (received_date + received_time, lists from repeated fields). Values the
// model refuses (a minute count that is no number) come through as -1 for Validate to name.
CaseInput InputFromForm(const http::Params& f);
// A case from an API body; a field of the wrong type is InvalidArgument naming it.
Result<CaseInput> InputFromJson(const boost::json::object& o);
// The list's filter from the query: dates in any Japanese writing, page and per_page (at most 500).
store::Filter FilterOf(const http::Params& q);
// The statistics' period: from/to (both), or fy (西暦 or 和暦), or this fiscal year.
Result<Period> PeriodOf(const http::Params& q);
// percent=round and decimals=1, or the region's default (truncated, whole numbers).
PercentFormat FormatOf(const http::Params& q);

}  // namespace renkei::consultations
