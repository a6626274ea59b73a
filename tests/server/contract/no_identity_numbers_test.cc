// Privacy by design: the contract has no field that could carry a BSN,
// passport, residence permit or other identity document number. A journey
// records only that the newcomer has one and when (issue 3, point 10).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "welkom/v1/common.pb.h"

namespace welkom {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Parts of a field name (lower case, underscores removed) that point at an
// identity number.
constexpr const char* kForbidden[] = {
    "bsn",
    "burgerservicenummer",
    "sofinummer",
    "passport",
    "permitnumber",
    "permitno",
    "documentnumber",
    "documentno",
    "idnumber",
    "identitynumber",
    "idcard",
    "vnumber",
    "ssn",
    "socialsecurity",
    "nationalid",
    "taxnumber",
    "fiscalnumber",
    "visanumber",
};

// "welkom.v1.Msg.field" for every field of `message` (nested types
// included) whose name looks like an identity number. Only fields that can
// hold a number themselves count: a bool ("has_bsn") holds none, and a
// message-typed field ("arrival_to_bsn", a KPI of days) holds its own fields,
// which are checked where that message is walked.
void CollectSuspicious(const Descriptor* message,
                       std::vector<std::string>* out) {
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* f = message->field(i);
    if (f->type() == FieldDescriptor::TYPE_BOOL ||
        f->type() == FieldDescriptor::TYPE_MESSAGE ||
        f->type() == FieldDescriptor::TYPE_ENUM) {
      continue;
    }
    std::string name =
        absl::StrReplaceAll(absl::AsciiStrToLower(f->name()), {{"_", ""}});
    for (const char* bad : kForbidden) {
      if (name.find(bad) != std::string::npos) {
        out->push_back(f->full_name());
        break;
      }
    }
  }
  for (int i = 0; i < message->nested_type_count(); ++i) {
    CollectSuspicious(message->nested_type(i), out);
  }
}

std::vector<std::string> SuspiciousFields(
    const google::protobuf::FileDescriptor* file) {
  std::vector<std::string> out;
  for (int i = 0; i < file->message_type_count(); ++i) {
    CollectSuspicious(file->message_type(i), &out);
  }
  return out;
}

TEST(ContractTest, NoFieldAnywhereHoldsAnIdentityNumber) {
  // Referencing a symbol keeps libwelkom_proto.so linked, so every file of
  // the contract is in the generated pool.
  (void)v1::Role_descriptor();
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  int files = 0;
  int messages = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(WELKOM_PROTO_DIR "/welkom/v1")) {
    if (entry.path().extension() != ".proto") continue;
    std::string name = "welkom/v1/" + entry.path().filename().string();
    const google::protobuf::FileDescriptor* file = pool->FindFileByName(name);
    ASSERT_NE(file, nullptr) << name << " is not compiled into welkom_proto";
    ++files;
    messages += file->message_type_count();
    EXPECT_EQ(SuspiciousFields(file), std::vector<std::string>())
        << name << " has a field for an identity number";
  }
  EXPECT_GE(files, 5);
  EXPECT_GE(messages, 40);
}

TEST(ContractTest, TheCheckFindsIdentityNumberFieldsWhenTheyExist) {
  google::protobuf::FileDescriptorProto proto;
  proto.set_name("bad.proto");
  proto.set_package("bad");
  auto* msg = proto.add_message_type();
  msg->set_name("Newcomer");
  auto add = [](google::protobuf::DescriptorProto* m, const char* name,
                FieldDescriptor::Type type, int number) {
    auto* f = m->add_field();
    f->set_name(name);
    f->set_number(number);
    f->set_type(
        static_cast<google::protobuf::FieldDescriptorProto::Type>(type));
    f->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
  };
  add(msg, "has_bsn", FieldDescriptor::TYPE_BOOL, 1);
  add(msg, "BSN", FieldDescriptor::TYPE_STRING, 2);
  add(msg, "passport_number", FieldDescriptor::TYPE_STRING, 3);
  auto* nested = msg->add_nested_type();
  nested->set_name("Permit");
  add(nested, "permit_number", FieldDescriptor::TYPE_INT64, 1);
  add(nested, "permit_type", FieldDescriptor::TYPE_INT32, 2);
  google::protobuf::DescriptorPool pool;
  const google::protobuf::FileDescriptor* file = pool.BuildFile(proto);
  ASSERT_NE(file, nullptr);
  std::vector<std::string> found = SuspiciousFields(file);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{
                       "bad.Newcomer.BSN", "bad.Newcomer.Permit.permit_number",
                       "bad.Newcomer.passport_number"}));
}

}  // namespace
}  // namespace welkom
