package io.kb4sync.core.training;

import java.util.Objects;

/**
 * One attribute set to a new value. A null {@code to} clears the attribute. For {@link
 * Attribute#MANAGER} the values are KnowBe4 user ids.
 */
public record AttributeChange(Attribute attribute, String from, String to) {
  public AttributeChange {
    Objects.requireNonNull(attribute, "attribute");
  }
}
