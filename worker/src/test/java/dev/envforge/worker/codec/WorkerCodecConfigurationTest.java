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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The worker's DataConverter bean: present only when encryption is on, and then encrypting. The
 * Temporal starter uses the context's DataConverter bean for the worker's client.
 */
class WorkerCodecConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(WorkerCodecConfiguration.class);

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
  void givenEncryptionOnWithoutKeys_whenTheWorkerStarts_itShouldRefuseToStart() {
    context
        .withPropertyValues("envforge.codec.enabled=true")
        .run(started -> assertThat(started).hasFailed());
  }
}
