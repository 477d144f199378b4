package dev.envforge.starter.security;

import dev.envforge.starter.security.SecurityProperties.TokenEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured static API tokens, known only by their SHA-256. A presented token is hashed and
 * compared with every entry in constant time, so neither the timing of a comparison nor the
 * position of the matching entry tells an attacker anything.
 */
public final class StaticApiTokens {

  private static final HexFormat HEX = HexFormat.of();

  private record Known(TokenEntry entry, byte[] hash) {}

  private final List<Known> known;

  public StaticApiTokens(List<TokenEntry> entries) {
    List<Known> checked = new ArrayList<>();
    for (TokenEntry entry : entries) {
      if (entry.name() == null || entry.name().isBlank()) {
        throw new IllegalArgumentException("every API token entry needs a name");
      }
      if (entry.sha256() == null || !entry.sha256().matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "API token '" + entry.name() + "': sha256 must be 64 hex digits (the token's SHA-256)");
      }
      checked.add(new Known(entry, HEX.parseHex(entry.sha256().toLowerCase())));
    }
    this.known = List.copyOf(checked);
  }

  /** The inline entries plus those of the tokens file, if one is configured. */
  public static StaticApiTokens from(SecurityProperties properties) {
    List<TokenEntry> entries = new ArrayList<>(properties.tokens());
    Path file = properties.tokensFile();
    if (file != null && !file.toString().isBlank()) {
      entries.addAll(readFile(file));
    }
    return new StaticApiTokens(entries);
  }

  static List<TokenEntry> readFile(Path file) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      return JsonMapper.builder().build().readValue(content, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API tokens file " + file, e);
    } catch (RuntimeException e) {
      // Jackson's message would quote the file's content; the file's name is enough.
      throw new IllegalArgumentException(
          "the API tokens file " + file + " is not a JSON list of token entries");
    }
  }

  public int size() {
    return known.size();
  }

  /** The caller the token belongs to, if it is one of the configured tokens. */
  public Optional<Caller> authenticate(String token) {
    byte[] presented = sha256(token);
    Known match = null;
    for (Known candidate : known) {
      // Every entry is compared, whether or not an earlier one matched.
      if (MessageDigest.isEqual(candidate.hash(), presented)) {
        match = candidate;
      }
    }
    return Optional.ofNullable(match)
        .map(
            found ->
                new Caller(
                    found.entry().name(),
                    found.entry().teams(),
                    found.entry().admin(),
                    found.entry().approverFor()));
  }

  public static String sha256Hex(String token) {
    return HEX.formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
