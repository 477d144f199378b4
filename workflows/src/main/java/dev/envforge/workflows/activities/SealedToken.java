package dev.envforge.workflows.activities;

/**
 * A credential sealed to a one-time public key (see {@code SealedTokens}); every field is base64.
 *
 * @param wrappedKey the content key, wrapped with RSA-OAEP
 * @param nonce the AES-GCM nonce
 * @param ciphertext the credential, encrypted with the content key
 */
public record SealedToken(String wrappedKey, String nonce, String ciphertext) {}
