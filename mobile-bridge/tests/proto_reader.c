/* A minimal protobuf wire reader for the C test (see proto_reader.h). */
#include "proto_reader.h"

#include <string.h>

/* A minimal protobuf reader, enough to pick fields out of results. */
static uint64_t read_varint(const uint8_t** p, const uint8_t* end) {
  uint64_t v = 0;
  int shift = 0;
  while (*p < end) {
    uint8_t b = *(*p)++;
    v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  return v;
}

/* The first top-level field `field` of the message in [p, end): its varint
 * value in *value, or its bytes in *data / *size. 0 if absent. */
int find_field(const uint8_t* p, const uint8_t* end, int field, uint64_t* value,
               const uint8_t** data, size_t* size) {
  while (p < end) {
    uint64_t tag = read_varint(&p, end);
    int wire = (int)(tag & 7);
    if (wire == 0) {
      uint64_t v = read_varint(&p, end);
      if ((int)(tag >> 3) == field && value != NULL) {
        *value = v;
        return 1;
      }
    } else if (wire == 2) {
      uint64_t len = read_varint(&p, end);
      if ((int)(tag >> 3) == field && data != NULL) {
        *data = p;
        *size = (size_t)len;
        return 1;
      }
      p += len;
    } else {
      return 0; /* no fixed-size fields in the messages read here */
    }
  }
  return 0;
}

/* The `n`-th (0-based) element of the repeated message field 1 of a list
 * response (ListEventsResponse, ListCoursesResponse); 0 if fewer. */
int nth_item(const welkom_buffer* list, int n, const uint8_t** item,
             size_t* size) {
  const uint8_t* p = welkom_buffer_data(list);
  const uint8_t* end = p + welkom_buffer_size(list);
  int i;
  for (i = 0; i <= n; ++i) {
    if (!find_field(p, end, 1, NULL, item, size)) return 0;
    p = *item + *size;
  }
  return 1;
}

/* The varint field `field` of the item whose id (field 1) is `id`; 0 when
 * the field is absent (proto3's default), -1 when the item is. */
int64_t item_value(const welkom_buffer* list, const char* id, int field) {
  const uint8_t* item;
  const uint8_t* item_id;
  size_t size, id_size;
  uint64_t value = 0;
  int n;
  for (n = 0; list != NULL && nth_item(list, n, &item, &size); ++n) {
    if (find_field(item, item + size, 1, NULL, &item_id, &id_size) &&
        id_size == strlen(id) && memcmp(item_id, id, id_size) == 0) {
      find_field(item, item + size, field, &value, NULL, NULL);
      return (int64_t)value;
    }
  }
  return -1;
}
