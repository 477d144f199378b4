package dev.envforge.activities.crossplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of a structure as sorted lines, one per property: {@code spec.nodeCount: integer
 * required}. Built either from an OpenAPI schema or from Java classes as Jackson serializes them,
 * so that the two can be compared line by line. Descriptions, formats and bounds are left out: Java
 * types do not carry them.
 */
final class SchemaShape {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SchemaShape() {}

  /** The lines of an object schema's properties, paths prefixed by {@code prefix}. */
  static List<String> of(JSONSchemaProps schema, String prefix) {
    Map<String, String> lines = new TreeMap<>();
    walkSchema(schema, prefix, lines);
    return List.copyOf(lines.values());
  }

  /** The lines of a Java class's properties as Jackson writes them. */
  static List<String> of(Class<?> type, String prefix) {
    Map<String, String> lines = new TreeMap<>();
    walkType(MAPPER.constructType(type), prefix, lines);
    return List.copyOf(lines.values());
  }

  private static void walkSchema(JSONSchemaProps schema, String path, Map<String, String> lines) {
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach(
              (name, property) -> {
                String child = path + "." + name;
                boolean required =
                    schema.getRequired() != null && schema.getRequired().contains(name);
                lines.put(child, line(child, describeSchema(property), required));
                walkSchema(property, child, lines);
              });
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      walkSchema(schema.getItems().getSchema(), path + "[]", lines);
    }
  }

  private static String describeSchema(JSONSchemaProps property) {
    String type = property.getType();
    if (property.getEnum() != null && !property.getEnum().isEmpty()) {
      List<String> values = new ArrayList<>();
      for (JsonNode value : property.getEnum()) {
        values.add(value.asText());
      }
      type += " enum" + values;
    }
    return type;
  }

  private static void walkType(JavaType type, String path, Map<String, String> lines) {
    if (type.isCollectionLikeType()) {
      walkType(type.getContentType(), path + "[]", lines);
      return;
    }
    if (!isObject(type)) {
      return;
    }
    BeanDescription bean = MAPPER.getSerializationConfig().introspect(type);
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (!property.couldSerialize()) {
        continue;
      }
      String child = path + "." + property.getName();
      JavaType propertyType = property.getPrimaryType();
      lines.put(child, line(child, describeType(propertyType), property.isRequired()));
      walkType(propertyType, child, lines);
    }
  }

  private static String describeType(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (type.isCollectionLikeType()) {
      return "array";
    }
    if (raw == String.class) {
      return "string";
    }
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      return "integer";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "boolean";
    }
    if (type.isEnumType()) {
      List<String> values = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        values.add(serializedName(constant));
      }
      return "string enum" + values;
    }
    if (isObject(type)) {
      return "object";
    }
    return "unsupported " + raw.getName();
  }

  private static boolean isObject(JavaType type) {
    Class<?> raw = type.getRawClass();
    return !type.isEnumType()
        && !type.isPrimitive()
        && !type.isContainerType()
        && !raw.getName().startsWith("java.");
  }

  private static String serializedName(Object constant) {
    try {
      return MAPPER.writeValueAsString(constant).replace("\"", "");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String line(String path, String type, boolean required) {
    return path + ": " + type + (required ? " required" : "");
  }
}
