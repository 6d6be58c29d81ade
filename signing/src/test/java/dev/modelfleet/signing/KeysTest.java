package dev.modelfleet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.signing.internal.Sha;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysTest {
  @TempDir Path tmp;

  static final byte[] MESSAGE = "model bytes".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void generatedKeysRoundTripThroughPemAndSignVerifiably(KeyAlgorithm alg) throws Exception {
    SigningKey key = SeededRandom.key(alg, 42);
    SigningKey loaded = SigningKey.fromPem(key.toPem(), null);
    VerificationKey pub = VerificationKey.fromPem(key.verificationKey().toPem());

    assertThat(loaded.algorithm()).isEqualTo(alg);
    assertThat(pub).isEqualTo(key.verificationKey());
    assertThat(pub.verify(MESSAGE, loaded.sign(MESSAGE))).isTrue();
    assertThat(pub.verify("other".getBytes(StandardCharsets.UTF_8), loaded.sign(MESSAGE)))
        .isFalse();
    assertThat(pub.keyId()).isEqualTo(Sha.sha256Hex(pub.spki()));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void signingIsDeterministic(KeyAlgorithm alg) {
    SigningKey key = SeededRandom.key(alg, 7);
    assertThat(key.sign(MESSAGE)).isEqualTo(key.sign(MESSAGE));
  }

  @Test
  void encryptedKeyNeedsItsPassword() throws Exception {
    SigningKey key = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 1);
    String pem = key.toEncryptedPem("s3cret".toCharArray(), new SeededRandom(2), 1000);

    assertThat(SigningKey.fromPem(pem, "s3cret".toCharArray()).verificationKey())
        .isEqualTo(key.verificationKey());
    assertThatThrownBy(() -> SigningKey.fromPem(pem, "wrong".toCharArray()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("wrong password");
    assertThatThrownBy(() -> SigningKey.fromPem(pem, null))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("password is required");
    assertThatThrownBy(() -> SigningKey.fromPem(key.toPem(), "x".toCharArray()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("not encrypted");
  }

  @Test
  void opensslReadsOurEncryptedKeyAndWeReadOpensslKeys() throws Exception {
    SigningKey key = SeededRandom.key(KeyAlgorithm.ECDSA_P384, 3);
    Files.writeString(
        tmp.resolve("ours.pem"), key.toEncryptedPem("pw".toCharArray(), new SeededRandom(4)));
    String pub =
        OpenSsl.run(
                tmp, Map.of("PW", "pw"), "pkey", "-in", "ours.pem", "-passin", "env:PW", "-pubout")
            .output();
    assertThat(VerificationKey.fromPem(pub)).isEqualTo(key.verificationKey());

    OpenSsl.ok(
        tmp,
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        "pkcs8.pem");
    OpenSsl.ok(tmp, "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "sec1.pem");
    OpenSsl.ok(tmp, "genpkey", "-algorithm", "ED25519", "-out", "ed.pem");
    OpenSsl.ok(
        tmp,
        "pkcs8",
        "-topk8",
        "-in",
        "pkcs8.pem",
        "-v2",
        "aes-256-cbc",
        "-passout",
        "pass:pw",
        "-out",
        "enc.pem");
    assertThat(SigningKey.fromPem(Files.readString(tmp.resolve("pkcs8.pem")), null).algorithm())
        .isEqualTo(KeyAlgorithm.ECDSA_P256);
    assertThat(SigningKey.fromPem(Files.readString(tmp.resolve("sec1.pem")), null).algorithm())
        .isEqualTo(KeyAlgorithm.ECDSA_P384);
    assertThat(SigningKey.fromPem(Files.readString(tmp.resolve("ed.pem")), null).algorithm())
        .isEqualTo(KeyAlgorithm.ED25519);
    assertThat(
            SigningKey.fromPem(Files.readString(tmp.resolve("enc.pem")), "pw".toCharArray())
                .algorithm())
        .isEqualTo(KeyAlgorithm.ECDSA_P256);
  }

  @Test
  void keyIdIsTheSha256OfThePublicKeyDer() throws Exception {
    SigningKey key = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 5);
    Files.writeString(tmp.resolve("pub.pem"), key.verificationKey().toPem());
    OpenSsl.ok(tmp, "pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der");
    assertThat(key.verificationKey().keyId())
        .isEqualTo(Sha.sha256Hex(Files.readAllBytes(tmp.resolve("pub.der"))));
  }

  @Test
  void publicKeyFileWithATextPreambleLoads() throws Exception {
    VerificationKey k =
        VerificationKey.fromPem(Fixtures.text(Fixtures.oms("keys/signing-key-pub.pem")));
    assertThat(k.algorithm()).isEqualTo(KeyAlgorithm.ECDSA_P384);
  }

  @Test
  void weakOrUnsupportedCurvesAreRejected() throws Exception {
    OpenSsl.ok(tmp, "ecparam", "-name", "prime192v1", "-genkey", "-noout", "-out", "p192.pem");
    OpenSsl.ok(tmp, "ecparam", "-name", "secp256k1", "-genkey", "-noout", "-out", "k1.pem");
    OpenSsl.ok(tmp, "pkey", "-in", "k1.pem", "-pubout", "-out", "k1.pub.pem");
    assertThatThrownBy(() -> SigningKey.fromPem(Files.readString(tmp.resolve("p192.pem")), null))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("unsupported or weak EC curve");
    assertThatThrownBy(() -> VerificationKey.fromPem(Files.readString(tmp.resolve("k1.pub.pem"))))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("secp256k1");
  }

  @Test
  void rsaKeysAreRejectedAsUnsupported() throws Exception {
    OpenSsl.ok(
        tmp, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.pem");
    OpenSsl.ok(tmp, "pkey", "-in", "rsa.pem", "-pubout", "-out", "rsa.pub.pem");
    assertThatThrownBy(() -> VerificationKey.fromPem(Files.readString(tmp.resolve("rsa.pub.pem"))))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("unsupported key type RSA");
    assertThatThrownBy(() -> SigningKey.fromPem(Files.readString(tmp.resolve("rsa.pem")), null))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void explicitCurveParametersAreRejected() throws Exception {
    OpenSsl.ok(
        tmp,
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-param_enc",
        "explicit",
        "-out",
        "x.pem");
    OpenSsl.ok(tmp, "pkey", "-in", "x.pem", "-pubout", "-out", "x.pub.pem");
    assertThatThrownBy(() -> VerificationKey.fromPem(Files.readString(tmp.resolve("x.pub.pem"))))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("explicit curve parameters");
  }

  @Test
  void malformedPemIsRejected() {
    String good = SeededRandom.key(KeyAlgorithm.ED25519, 1).verificationKey().toPem();
    assertThatThrownBy(() -> VerificationKey.fromPem(good.substring(0, good.length() / 2)))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("no END line");
    assertThatThrownBy(() -> VerificationKey.fromPem(good.replace("MC", "M*")))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> VerificationKey.fromPem("just text"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("no PEM");
    assertThatThrownBy(() -> VerificationKey.fromSpki(new byte[] {0x30, 0x03, 0x02, 0x01}))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("malformed public key");
  }

  @Test
  void malformedSignaturesDoNotVerify() {
    SigningKey key = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 9);
    byte[] sig = key.sign(MESSAGE);
    byte[] padded = java.util.Arrays.copyOf(sig, sig.length + 1);
    assertThat(key.verificationKey().verify(MESSAGE, padded)).isFalse();
    assertThat(key.verificationKey().verify(MESSAGE, new byte[0])).isFalse();
    assertThat(key.verificationKey().verify(MESSAGE, new byte[] {0x30, 0x00})).isFalse();
  }
}
