package dev.envforge.workflows.access;

import dev.envforge.workflows.activities.SealedToken;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a credential to a one-time public key and opens it with the private half: a fresh AES-256
 * key encrypts the credential (GCM, the grant id as associated data, so a sealed token cannot be
 * passed off as another grant's), and RSA-OAEP with SHA-256 wraps that key. The API makes the key
 * pair per request and keeps the private key in memory only, so neither Temporal's history nor its
 * payload codec key can recover the credential.
 */
public final class SealedTokens {

  private static final int RSA_BITS = 3072;
  private static final int AES_BITS = 256;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String RSA = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  private static final String AES = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SealedTokens() {}

  /** A fresh key pair for one request. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(RSA_BITS, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make RSA keys", e);
    }
  }

  /** The public key as the workflow carries it: X.509, base64. */
  public static String encode(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Whether a carried public key can be read as an RSA key. */
  public static boolean readable(String publicKey) {
    try {
      decodePublicKey(publicKey);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static SealedToken seal(String publicKey, String grantId, String credential) {
    try {
      SecretKey contentKey = newContentKey();
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher aes = Cipher.getInstance(AES);
      aes.init(Cipher.ENCRYPT_MODE, contentKey, new GCMParameterSpec(TAG_BITS, nonce));
      aes.updateAAD(grantId.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = aes.doFinal(credential.getBytes(StandardCharsets.UTF_8));
      Cipher rsa = Cipher.getInstance(RSA);
      rsa.init(Cipher.WRAP_MODE, decodePublicKey(publicKey), OAEP);
      byte[] wrappedKey = rsa.wrap(contentKey);
      Base64.Encoder base64 = Base64.getEncoder();
      return new SealedToken(
          base64.encodeToString(wrappedKey),
          base64.encodeToString(nonce),
          base64.encodeToString(ciphertext));
    } catch (GeneralSecurityException e) {
      // The message names the algorithm, never the credential.
      throw new IllegalStateException("cannot seal the credential: " + e.getClass().getName());
    }
  }

  public static String open(PrivateKey privateKey, String grantId, SealedToken sealed) {
    try {
      Base64.Decoder base64 = Base64.getDecoder();
      Cipher rsa = Cipher.getInstance(RSA);
      rsa.init(Cipher.UNWRAP_MODE, privateKey, OAEP);
      SecretKey contentKey =
          (SecretKey) rsa.unwrap(base64.decode(sealed.wrappedKey()), "AES", Cipher.SECRET_KEY);
      Cipher aes = Cipher.getInstance(AES);
      aes.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(contentKey.getEncoded(), "AES"),
          new GCMParameterSpec(TAG_BITS, base64.decode(sealed.nonce())));
      aes.updateAAD(grantId.getBytes(StandardCharsets.UTF_8));
      return new String(aes.doFinal(base64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot open the sealed credential: " + e.getClass().getName());
    }
  }

  private static SecretKey newContentKey() throws GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(AES_BITS, RANDOM);
    return generator.generateKey();
  }

  private static PublicKey decodePublicKey(String publicKey) {
    if (publicKey == null || publicKey.isBlank()) {
      throw new IllegalArgumentException("no public key");
    }
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an RSA public key", e);
    }
  }
}
