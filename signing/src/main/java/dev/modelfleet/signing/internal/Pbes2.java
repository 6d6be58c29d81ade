package dev.modelfleet.signing.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Password-encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}) with PBES2: PBKDF2-HMAC-SHA256 and
 * AES-256-CBC when writing (what {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes); PBKDF2 with
 * HMAC-SHA1/256/384/512 and AES-128/192/256-CBC when reading. Lightweight API only.
 */
public final class Pbes2 {
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** A hostile file must not make us spin for minutes. */
  static final int MAX_ITERATIONS = 10_000_000;

  private Pbes2() {}

  public static byte[] encrypt(
      PrivateKeyInfo key, char[] password, SecureRandom random, int iterations) {
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    random.nextBytes(salt);
    random.nextBytes(iv);
    AlgorithmIdentifier prf =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    byte[] aesKey = derive(password, salt, iterations, new SHA256Digest(), 32);
    byte[] plain;
    try {
      plain = key.getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a private key", e);
    }
    byte[] encrypted = cipher(true, aesKey, iv, plain);
    Arrays.fill(plain, (byte) 0);
    PBES2Parameters params =
        new PBES2Parameters(
            new KeyDerivationFunc(
                PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, iterations, 32, prf)),
            new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
    try {
      return new EncryptedPrivateKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, params), encrypted)
          .getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an encrypted private key", e);
    }
  }

  /**
   * @throws IllegalArgumentException naming what is wrong: unsupported scheme, wrong password or
   *     corrupt data
   */
  public static PrivateKeyInfo decrypt(byte[] der, char[] password) {
    EncryptedPrivateKeyInfo info;
    PBES2Parameters params;
    try {
      info = EncryptedPrivateKeyInfo.getInstance(der);
      AlgorithmIdentifier alg = info.getEncryptionAlgorithm();
      if (!PKCSObjectIdentifiers.id_PBES2.equals(alg.getAlgorithm())) {
        throw new IllegalArgumentException(
            "unsupported private key encryption " + alg.getAlgorithm() + " (only PBES2)");
      }
      params = PBES2Parameters.getInstance(alg.getParameters());
    } catch (IllegalStateException | ClassCastException e) {
      throw new IllegalArgumentException("malformed encrypted private key", e);
    }
    KeyDerivationFunc kdf = params.getKeyDerivationFunc();
    if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
      throw new IllegalArgumentException(
          "unsupported key derivation " + kdf.getAlgorithm() + " (only PBKDF2)");
    }
    PBKDF2Params p = PBKDF2Params.getInstance(kdf.getParameters());
    int iterations = p.getIterationCount().intValueExact();
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("PBKDF2 iteration count " + iterations + " out of range");
    }
    Digest prf = prf(p.getPrf().getAlgorithm());
    ASN1ObjectIdentifier enc = params.getEncryptionScheme().getAlgorithm();
    int keyLength = aesKeyLength(enc);
    byte[] iv =
        ASN1OctetString.getInstance(params.getEncryptionScheme().getParameters()).getOctets();
    if (iv.length != 16) {
      throw new IllegalArgumentException("AES-CBC IV must be 16 bytes");
    }
    byte[] aesKey = derive(password, p.getSalt(), iterations, prf, keyLength);
    byte[] plain;
    try {
      plain = cipher(false, aesKey, iv, info.getEncryptedData());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("wrong password or corrupt private key", e);
    }
    try {
      return PrivateKeyInfo.getInstance(plain);
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
      throw new IllegalArgumentException("wrong password or corrupt private key", e);
    }
  }

  private static Digest prf(ASN1ObjectIdentifier oid) {
    if (PKCSObjectIdentifiers.id_hmacWithSHA1.equals(oid)) {
      return new SHA1Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA256.equals(oid)) {
      return new SHA256Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA384.equals(oid)) {
      return new SHA384Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA512.equals(oid)) {
      return new SHA512Digest();
    }
    throw new IllegalArgumentException("unsupported PBKDF2 pseudo-random function " + oid);
  }

  private static int aesKeyLength(ASN1ObjectIdentifier oid) {
    if (NISTObjectIdentifiers.id_aes128_CBC.equals(oid)) {
      return 16;
    } else if (NISTObjectIdentifiers.id_aes192_CBC.equals(oid)) {
      return 24;
    } else if (NISTObjectIdentifiers.id_aes256_CBC.equals(oid)) {
      return 32;
    }
    throw new IllegalArgumentException("unsupported private key cipher " + oid + " (only AES-CBC)");
  }

  private static byte[] derive(
      char[] password, byte[] salt, int iterations, Digest prf, int keyLength) {
    PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(prf);
    byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
    gen.init(pw, salt, iterations); // keeps a reference to pw: clear it only after deriving
    byte[] key = ((KeyParameter) gen.generateDerivedParameters(keyLength * 8)).getKey();
    Arrays.fill(pw, (byte) 0);
    return key;
  }

  private static byte[] cipher(boolean encrypt, byte[] key, byte[] iv, byte[] in) {
    BufferedBlockCipher c =
        new PaddedBufferedBlockCipher(
            CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
    c.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
    byte[] out = new byte[c.getOutputSize(in.length)];
    int n = c.processBytes(in, 0, in.length, out, 0);
    try {
      n += c.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalArgumentException("decryption failed", e);
    }
    return Arrays.copyOf(out, n);
  }
}
