package dev.envforge.activities.crossplane.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** The part of a composite's status envforge reads: Crossplane's conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompositeStatus(@JsonProperty("conditions") List<CompositeCondition> conditions) {

  public CompositeStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  public Optional<CompositeCondition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }
}
