package dev.envforge.workflows.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/** The data converter of worker and starter when payload encryption is on. */
public final class EncryptedDataConverter {

  private EncryptedDataConverter() {}

  /**
   * The default JSON conversion, then AES-GCM. Failure attributes (messages and stack traces) are
   * encrypted too: a failure's message may quote whatever the failing step was handed.
   */
  public static DataConverter create(CodecKeys keys) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(), List.of(new AesGcmPayloadCodec(keys)), true);
  }
}
