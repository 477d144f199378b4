package dev.envforge.workflows.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.envforge.workflows.request.EnvironmentRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  private static final byte[] OLD_KEY = filled(1);
  private static final byte[] NEW_KEY = filled(2);

  private static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  @Test
  void givenAPayload_whenEncoded_itShouldHideItsDataAndNameTheKey() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(new CodecKeys(Map.of("k1", OLD_KEY), "k1"));

    Payload encoded = codec.encode(List.of(json("{\"team\":\"payments-secret\"}"))).get(0);

    assertThat(encoded.getData().toStringUtf8()).doesNotContain("payments-secret");
    assertThat(encoded.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo(AesGcmPayloadCodec.ENCODING);
    assertThat(encoded.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    assertThat(encoded.getMetadataMap()).doesNotContainKey("json/plain");
    assertThat(codec.decode(List.of(encoded)))
        .containsExactly(json("{\"team\":\"payments-secret\"}"));
  }

  @Test
  void givenTheSamePayloadTwice_whenEncoded_itShouldUseAFreshNonceEachTime() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(new CodecKeys(Map.of("k1", OLD_KEY), "k1"));

    List<Payload> encoded = codec.encode(List.of(json("same"), json("same")));

    assertThat(encoded.get(0).getData()).isNotEqualTo(encoded.get(1).getData());
  }

  @Test
  void givenARotatedKey_whenAnOldPayloadIsDecoded_itShouldStillReadIt() {
    Payload old =
        new AesGcmPayloadCodec(new CodecKeys(Map.of("k1", OLD_KEY), "k1"))
            .encode(List.of(json("before rotation")))
            .get(0);
    AesGcmPayloadCodec rotated =
        new AesGcmPayloadCodec(new CodecKeys(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2"));

    Payload fresh = rotated.encode(List.of(json("after rotation"))).get(0);

    assertThat(fresh.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k2");
    assertThat(rotated.decode(List.of(old, fresh)))
        .containsExactly(json("before rotation"), json("after rotation"));
  }

  @Test
  void givenAPayloadOfAnUnknownKey_whenDecoded_itShouldFailNamingOnlyTheKeyId() {
    Payload foreign =
        new AesGcmPayloadCodec(new CodecKeys(Map.of("k9", NEW_KEY), "k9"))
            .encode(List.of(json("x")))
            .get(0);
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(new CodecKeys(Map.of("k1", OLD_KEY), "k1"));

    assertThatThrownBy(() -> codec.decode(List.of(foreign)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("'k9'");
  }

  @Test
  void givenATamperedPayloadOrARelabelledKey_whenDecoded_itShouldRefuseIt() {
    CodecKeys keys = new CodecKeys(Map.of("k1", OLD_KEY, "k2", OLD_KEY), "k1");
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(keys);
    Payload encoded = codec.encode(List.of(json("intact"))).get(0);
    byte[] data = encoded.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = encoded.toBuilder().setData(ByteString.copyFrom(data)).build();
    // Same key bytes under another id: the id is authenticated, so this must fail too.
    Payload relabelled =
        encoded.toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("k2")).build();

    assertThatThrownBy(() -> codec.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class);
    assertThatThrownBy(() -> codec.decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void givenAPlainPayload_whenDecoded_itShouldPassUnchanged() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(new CodecKeys(Map.of("k1", OLD_KEY), "k1"));

    assertThat(codec.decode(List.of(json("written before encryption"))))
        .containsExactly(json("written before encryption"));
  }

  @Test
  void givenKeysAsStoredText_whenLoaded_itShouldDecodeEachIgnoringTheTrailingNewline() {
    CodecKeys keys =
        CodecKeys.fromBase64(
            Map.of(
                "2026-01",
                Base64.getEncoder().encodeToString(OLD_KEY) + "\n",
                "2026-06",
                Base64.getEncoder().encodeToString(NEW_KEY)),
            "2026-06");

    assertThat(keys.ids()).containsExactly("2026-01", "2026-06");
    assertThat(keys.activeKeyId()).isEqualTo("2026-06");
  }

  @Test
  void givenAKeyThatIsNotBase64_whenLoaded_itShouldNameItsIdOnly() {
    assertThatThrownBy(() -> CodecKeys.fromBase64(Map.of("k1", "not*base64"), "k1"))
        .hasMessageContaining("'k1'")
        .hasMessageNotContaining("not*base64");
  }

  @Test
  void givenAShortKeyOrAMissingActiveKey_whenLoaded_itShouldRefuseWithoutShowingTheKey() {
    assertThatThrownBy(() -> new CodecKeys(Map.of("k1", new byte[16]), "k1"))
        .hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> new CodecKeys(Map.of("k1", OLD_KEY), "k2"))
        .hasMessageContaining("'k2'")
        .hasMessageNotContaining(Base64.getEncoder().encodeToString(OLD_KEY));
  }

  @Test
  void givenTheEncryptedConverter_whenARequestRoundTrips_itShouldComeBackEqual() {
    DataConverter converter =
        EncryptedDataConverter.create(new CodecKeys(Map.of("k1", OLD_KEY), "k1"));
    EnvironmentRequest request =
        new EnvironmentRequest("payments", "checkout", null, null, null, "PT3H");

    Payload payload = converter.toPayload(request).orElseThrow();

    assertThat(payload.getData().toString(StandardCharsets.UTF_8)).doesNotContain("checkout");
    assertThat(converter.fromPayload(payload, EnvironmentRequest.class, EnvironmentRequest.class))
        .isEqualTo(request);
    assertThat(Optional.of(payload)).isPresent();
  }

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) value);
    return key;
  }
}
