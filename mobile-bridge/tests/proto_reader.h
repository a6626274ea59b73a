/* A minimal protobuf wire reader, enough for the C test to pick fields out
 * of the serialized messages the C ABI returns, in plain C99. */
#ifndef WELKOM_MOBILE_BRIDGE_TESTS_PROTO_READER_H_
#define WELKOM_MOBILE_BRIDGE_TESTS_PROTO_READER_H_

#include <stddef.h>
#include <stdint.h>

#include "welkom.h"

/* The first top-level field `field` of the message in [p, end): its varint
 * value in *value, or its bytes in *data / *size. 0 if absent. */
int find_field(const uint8_t* p, const uint8_t* end, int field, uint64_t* value,
               const uint8_t** data, size_t* size);

/* The `n`-th (0-based) element of the repeated message field 1 of a list
 * response (ListEventsResponse, ListCoursesResponse); 0 if fewer. */
int nth_item(const welkom_buffer* list, int n, const uint8_t** item,
             size_t* size);

/* The varint field `field` of the item whose id (field 1) is `id`; 0 when
 * the field is absent (proto3's default), -1 when the item is. */
int64_t item_value(const welkom_buffer* list, const char* id, int field);

#endif /* WELKOM_MOBILE_BRIDGE_TESTS_PROTO_READER_H_ */
