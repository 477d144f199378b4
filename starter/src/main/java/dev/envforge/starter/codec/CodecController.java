package dev.envforge.starter.codec;

import com.google.protobuf.ByteString;
import dev.envforge.starter.environments.InvalidRequestException;
import dev.envforge.workflows.codec.AesGcmPayloadCodec;
import io.swagger.v3.oas.annotations.Hidden;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Temporal's remote codec protocol, so the Temporal UI (or {@code temporal --codec-endpoint}) can
 * show decrypted payloads to callers allowed to see them: {@code POST /codec/decode} and {@code
 * /codec/encode} take and answer {@code {"payloads":[{"metadata":{k:base64},"data":base64}]}}.
 */
@RestController
@Hidden
@ConditionalOnProperty(name = "envforge.codec.enabled", havingValue = "true")
public class CodecController {

  private static final Logger log = LoggerFactory.getLogger(CodecController.class);

  /** The UI sends a page of events at a time; this bounds one call's work. */
  static final int MAX_PAYLOADS = 1000;

  private final PayloadCodec codec;

  public CodecController(AesGcmPayloadCodec codec) {
    this.codec = codec;
  }

  @PostMapping(path = "/codec/encode", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> encode(
      @RequestBody JsonNode body,
      @RequestHeader(name = "X-Namespace", required = false) String namespace) {
    return answer(codec.encode(payloads(body)));
  }

  @PostMapping(path = "/codec/decode", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> decode(
      @RequestBody JsonNode body,
      @RequestHeader(name = "X-Namespace", required = false) String namespace) {
    try {
      return answer(codec.decode(payloads(body)));
    } catch (PayloadCodecException e) {
      log.info("codec decode refused a payload (namespace {}): {}", namespace, e.getMessage());
      throw new InvalidRequestException("payloads", e.getMessage());
    }
  }

  private static List<Payload> payloads(JsonNode body) {
    JsonNode list = body == null ? null : body.get("payloads");
    if (list == null || !list.isArray()) {
      throw new InvalidRequestException("payloads", "must be a list of payloads");
    }
    if (list.size() > MAX_PAYLOADS) {
      throw new InvalidRequestException("payloads", "at most " + MAX_PAYLOADS + " per call");
    }
    List<Payload> payloads = new ArrayList<>();
    Base64.Decoder base64 = Base64.getDecoder();
    try {
      for (JsonNode item : list) {
        Payload.Builder payload = Payload.newBuilder();
        JsonNode metadata = item.get("metadata");
        if (metadata != null && metadata.isObject()) {
          for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            payload.putMetadata(
                entry.getKey(), ByteString.copyFrom(base64.decode(entry.getValue().asString())));
          }
        }
        JsonNode data = item.get("data");
        if (data != null && !data.isNull()) {
          payload.setData(ByteString.copyFrom(base64.decode(data.asString())));
        }
        payloads.add(payload.build());
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      throw new InvalidRequestException("payloads", "metadata values and data must be base64");
    }
    return payloads;
  }

  private static Map<String, Object> answer(List<Payload> payloads) {
    Base64.Encoder base64 = Base64.getEncoder();
    List<Map<String, Object>> items = new ArrayList<>();
    for (Payload payload : payloads) {
      Map<String, String> metadata = new LinkedHashMap<>();
      payload
          .getMetadataMap()
          .forEach((key, value) -> metadata.put(key, base64.encodeToString(value.toByteArray())));
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("metadata", metadata);
      item.put("data", base64.encodeToString(payload.getData().toByteArray()));
      items.add(item);
    }
    return Map.of("payloads", items);
  }
}
