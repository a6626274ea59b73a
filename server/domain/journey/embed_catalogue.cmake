# Writes OUT, a C++ file defining BuiltinTwenteJson() from the JSON file IN.
# Run by the build whenever the catalogue changes.
file(READ "${IN}" json)
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by embed_catalogue.cmake.
#include \"server/domain/journey/catalogue.h\"
namespace welkom::journey {
absl::string_view BuiltinTwenteJson() {
  static const char kJson[] = R\"welkom_json(${json})welkom_json\";
  return absl::string_view(kJson, sizeof(kJson) - 1);
}
}  // namespace welkom::journey
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
