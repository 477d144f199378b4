package dev.envforge.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The worker's DataConverter bean: present only when encryption is on, and then encrypting. The
 * Temporal starter uses the context's DataConverter bean for the worker's client.
 */
class WorkerCodecConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withUserConfiguration(WorkerCodecConfiguration.class);

  @Test
  void givenEncryptionOff_whenTheWorkerStarts_itShouldLeaveTheDefaultConverter() {
    context.run(started -> assertThat(started).doesNotHaveBean(DataConverter.class));
  }

  @Test
  void givenEncryptionOn_whenTheWorkerStarts_itShouldEncryptWithTheActiveKey(@TempDir Path keys)
      throws Exception {
    Files.writeString(keys.resolve("k1"), Base64.getEncoder().encodeToString(new byte[32]));

    context
        .withPropertyValues(
            "envforge.codec.enabled=true",
            "envforge.codec.key-directory=" + keys,
            "envforge.codec.active-key-id=k1")
        .run(
            started -> {
              assertThat(started).hasBean("mainDataConverter");
              Payload payload =
                  started.getBean(DataConverter.class).toPayload("team payments").orElseThrow();
              assertThat(payload.getMetadataMap().get("encoding").toStringUtf8())
                  .isEqualTo(AesGcmPayloadCodec.ENCODING);
              assertThat(payload.getData().toStringUtf8()).doesNotContain("payments");
            });
  }

  @Test
  void givenAKeyDirectoryLikeAMountedSecret_whenTheWorkerStarts_itShouldTakeEveryFileAsAKey(
      @TempDir Path keys) throws Exception {
    Files.writeString(keys.resolve("2026-01"), Base64.getEncoder().encodeToString(new byte[32]));
    Files.writeString(
        keys.resolve("2026-06"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    Files.createDirectory(keys.resolve("..2026_06_01"));
    Files.writeString(keys.resolve("..data"), "not a key");

    context
        .withPropertyValues(
            "envforge.codec.enabled=true",
            "envforge.codec.key-directory=" + keys,
            "envforge.codec.active-key-id=2026-06")
        .run(
            started -> {
              DataConverter converter = started.getBean(DataConverter.class);
              Payload payload = converter.toPayload("team payments").orElseThrow();
              assertThat(payload.getMetadataMap().get("encryption-key-id").toStringUtf8())
                  .isEqualTo("2026-06");
              assertThat(converter.fromPayload(payload, String.class, String.class))
                  .isEqualTo("team payments");
            });
  }

  @Test
  void givenEncryptionOnWithoutKeys_whenTheWorkerStarts_itShouldRefuseToStart() {
    context
        .withPropertyValues("envforge.codec.enabled=true")
        .run(started -> assertThat(started).hasFailed());
  }
}
