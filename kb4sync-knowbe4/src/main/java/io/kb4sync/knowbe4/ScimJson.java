package io.kb4sync.knowbe4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.scim2.common.BaseScimResource;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.utils.JsonUtils;

/** JSON for SCIM bodies, through the UnboundID model classes. */
final class ScimJson {
  static {
    // KnowBe4's SCIM responses are undocumented beyond the attribute list: a core attribute the
    // UnboundID model does not know must not fail the read. (This is the SDK's own global switch;
    // only this adapter uses the SDK.)
    BaseScimResource.IGNORE_UNKNOWN_FIELDS = true;
  }

  private static final ObjectMapper MAPPER =
      JsonUtils.createObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .addMixIn(BaseScimResource.class, WithoutMeta.class);

  /**
   * {@code meta} (created, lastModified, location, version) is read by nobody here, and its two
   * timestamps were the dearest part of reading a user (the SDK parses each into a calendar):
   * skipped when reading, never sent (kb4sync sets no meta).
   */
  @JsonIgnoreProperties("meta")
  private abstract static class WithoutMeta {}

  private ScimJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a SCIM body: " + e.getOriginalMessage(), e);
    }
  }

  static <T> T read(String body, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(body, type);
  }

  static <T> ListResponse<T> readList(String body, Class<T> type) throws JsonProcessingException {
    JavaType listType = MAPPER.getTypeFactory().constructParametricType(ListResponse.class, type);
    return MAPPER.readValue(body, listType);
  }
}
