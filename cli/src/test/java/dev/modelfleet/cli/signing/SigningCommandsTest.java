package dev.modelfleet.cli.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.cli.Main;
import dev.modelfleet.cli.common.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys/sign/verify commands, run in-process as a user would run them. */
class SigningCommandsTest {
  @TempDir Path tmp;

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Path testdata() {
    return Path.of(System.getProperty("modelfleet.testdata"));
  }

  static Path oms(String rel) {
    return testdata().resolve("oms").resolve(rel);
  }

  Path model() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(dir.resolve("weights.gguf"), "GGUF weights ".repeat(1000));
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/tokenizer.json"), "{\"vocab\": []}");
    return dir;
  }

  Path[] keys(String alg) {
    Path key = tmp.resolve(alg + ".pem");
    Path pub = tmp.resolve(alg + ".pub.pem");
    Result r =
        run(
            "keys",
            "generate",
            "--algorithm",
            alg,
            "--out",
            key.toString(),
            "--public-out",
            pub.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new Path[] {key, pub};
  }

  @Test
  void keysGenerateWritesAnOwnerOnlyPrivateKeyAndItsPublicKey() throws IOException {
    Path[] k = keys("ecdsa-p256");
    assertThat(Files.readString(k[0])).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(k[1])).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k[0])))
        .isEqualTo("rw-------");
    // The public key is not a secret: it gets what any new file gets here (the umask's mode).
    Path usual = Files.createFile(k[1].resolveSibling("usual"));
    assertThat(Files.getPosixFilePermissions(k[1]))
        .isEqualTo(Files.getPosixFilePermissions(usual))
        .contains(PosixFilePermission.OWNER_READ);
  }

  @Test
  void keysGenerateWithAnUnknownAlgorithmIsAUsageError() {
    Result r =
        run(
            "keys",
            "generate",
            "--algorithm",
            "rsa-1024",
            "--out",
            tmp.resolve("k.pem").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("rsa-1024");
  }

  @Test
  void signRefusesToWriteTheBundleOverTheModelItSigns() throws IOException {
    Path[] k = keys("ecdsa-p256");
    Path weights = model().resolve("weights.gguf");
    String before = Files.readString(weights);

    Result r =
        run("sign", "--key", k[0].toString(), "--out", weights.toString(), weights.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--out names the model itself");
    assertThat(Files.readString(weights)).isEqualTo(before);
  }

  @Test
  void keysGenerateRefusesToOverwriteAnExistingKey() throws IOException {
    Path key = tmp.resolve("k.pem");
    Files.writeString(key, "precious");
    Result r = run("keys", "generate", "--algorithm", "ed25519", "--out", key.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("file already exists");
    assertThat(Files.readString(key)).isEqualTo("precious");
  }

  @Test
  void passwordProtectedKeySignsOnlyWithItsPassword() throws IOException {
    Path key = tmp.resolve("enc.pem");
    Path pub = tmp.resolve("enc.pub.pem");
    assertThat(
            run(
                    "keys",
                    "generate",
                    "--algorithm",
                    "ecdsa-p384",
                    "--out",
                    key.toString(),
                    "--public-out",
                    pub.toString(),
                    "--password-env",
                    "MODELFLEET_TEST_PASSWORD")
                .exitCode())
        .isZero();
    assertThat(Files.readString(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    Path model = model();
    Path sig = tmp.resolve("model.sig");

    Result noPassword =
        run("sign", "--key", key.toString(), "--out", sig.toString(), model.toString());
    assertThat(noPassword.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(noPassword.err()).contains("password is required");

    Result signed =
        run(
            "sign",
            "--key",
            key.toString(),
            "--password-env",
            "MODELFLEET_TEST_PASSWORD",
            "--out",
            sig.toString(),
            model.toString());
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    assertThat(
            run(
                    "verify",
                    "--signature",
                    sig.toString(),
                    "--public-key",
                    pub.toString(),
                    model.toString())
                .exitCode())
        .isZero();
  }

  @Test
  void signedDirectoryVerifiesAndATamperedCopyFailsNamingTheFile() throws IOException {
    Path[] k = keys("ecdsa-p256");
    Path model = model();
    Path sig = tmp.resolve("model.sig");
    assertThat(
            run("sign", "--key", k[0].toString(), "--out", sig.toString(), model.toString())
                .exitCode())
        .isZero();

    Result ok =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            k[1].toString(),
            model.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("Verified").contains("2 signed resource(s)");

    Files.writeString(model.resolve("sub/tokenizer.json"), "{\"vocab\": [1]}");
    Result bad =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            k[1].toString(),
            model.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(bad.err()).contains("digest mismatch for file sub/tokenizer.json");
  }

  @Test
  void unsignedFileIsReportedUnlessIgnored() throws IOException {
    Path[] k = keys("ecdsa-p256");
    Path model = model();
    Path sig = tmp.resolve("model.sig");
    run("sign", "--key", k[0].toString(), "--out", sig.toString(), model.toString());
    Files.writeString(model.resolve("extra.bin"), "surprise");

    Result bad =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            k[1].toString(),
            model.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(bad.err()).contains("unsigned file extra.bin present");

    Result ignored =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            k[1].toString(),
            "--ignore-paths",
            model.resolve("extra.bin").toString(),
            model.toString());
    assertThat(ignored.exitCode()).as(ignored.err()).isZero();
  }

  @Test
  void ed25519KeysCannotSignModelsBecauseOmsVerifiersExpectEcdsa() throws IOException {
    Path[] k = keys("ed25519");
    Result r =
        run(
            "sign",
            "--key",
            k[0].toString(),
            "--out",
            tmp.resolve("m.sig").toString(),
            model().toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("ECDSA P-256 or P-384");
  }

  @Test
  void failedSigningLeavesNoSignatureFile() throws IOException {
    Path[] k = keys("ecdsa-p256");
    Path model = model();
    Files.createSymbolicLink(model.resolve("link"), model.resolve("weights.gguf"));
    Path sig = tmp.resolve("model.sig");
    Result r = run("sign", "--key", k[0].toString(), "--out", sig.toString(), model.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("symbolic link link refused");
    assertThat(sig).doesNotExist();
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void missingSignedFileFailsVerification() throws IOException {
    Path[] k = keys("ecdsa-p384");
    Path model = model();
    Path sig = tmp.resolve("model.sig");
    run(
        "sign",
        "--key",
        k[0].toString(),
        "--serialization",
        "files",
        "--out",
        sig.toString(),
        model.toString());
    Files.delete(model.resolve("weights.gguf"));
    Result bad =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            k[1].toString(),
            model.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(bad.err()).contains("signed file weights.gguf is missing");
  }

  @Test
  void signatureFileInsideTheModelDirectoryIsExcludedAutomatically() throws IOException {
    Path[] k = keys("ecdsa-p384");
    Path model = model();
    Path sig = model.resolve("model.sig");
    assertThat(
            run("sign", "--key", k[0].toString(), "--out", sig.toString(), model.toString())
                .exitCode())
        .isZero();
    Result ok =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            k[1].toString(),
            model.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
  }

  @Test
  void ignorePathsAreResolvedAgainstTheWorkingDirectory() throws IOException {
    Path[] k = keys("ecdsa-p256");
    Path model = model();
    Files.writeString(model.resolve("notes.txt"), "draft");
    Path sig = tmp.resolve("model.sig");
    Path relative = Path.of("").toAbsolutePath().relativize(model.resolve("notes.txt"));
    assertThat(
            run(
                    "sign",
                    "--key",
                    k[0].toString(),
                    "--ignore-paths",
                    relative.toString(),
                    "--out",
                    sig.toString(),
                    model.toString())
                .exitCode())
        .isZero();
    Files.writeString(model.resolve("notes.txt"), "changed after signing");
    Result ok =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            k[1].toString(),
            model.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
  }

  @Test
  void wrongPublicKeyIsReportedAsUnknownKey() throws IOException {
    Path[] k = keys("ecdsa-p256");
    Path[] other = keys("ecdsa-p384");
    Path model = model();
    Path sig = tmp.resolve("model.sig");
    run("sign", "--key", k[0].toString(), "--out", sig.toString(), model.toString());
    Result bad =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            other[1].toString(),
            model.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(bad.err()).contains("unknown key");
  }

  @Test
  void verifyNeedsExactlyOneSourceOfTrust() throws IOException {
    Path model = model();
    Result none = run("verify", "--signature", "x.sig", model.toString());
    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    Result both =
        run(
            "verify",
            "--signature",
            "x.sig",
            "--public-key",
            "a.pem",
            "--certificate-chain",
            "b.pem",
            model.toString());
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  /** Runs openssl in {@code tmp}; the certificate tests use it as a real CA would. */
  void openssl(String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("openssl"));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }

  @Test
  void keySignedWithAnOpensslIssuedCertificateVerifiesAgainstTheRootOnly() throws Exception {
    openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "ca.key");
    openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        "ca.key",
        "-subj",
        "/CN=test-root",
        "-days",
        "3650",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
        "-out",
        "ca.pem");
    openssl(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key");
    openssl("req", "-new", "-key", "leaf.key", "-subj", "/CN=acme-publisher", "-out", "leaf.csr");
    Files.writeString(
        tmp.resolve("ext.cnf"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n");
    openssl(
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "365",
        "-extfile",
        "ext.cnf",
        "-out",
        "leaf.pem");
    Path model = model();
    Path sig = tmp.resolve("model.sig");

    Result signed =
        run(
            "sign",
            "--key",
            tmp.resolve("leaf.key").toString(),
            "--certificate-chain",
            tmp.resolve("leaf.pem").toString(),
            "--out",
            sig.toString(),
            model.toString());
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("certificate method");
    Result ok =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--certificate-chain",
            tmp.resolve("ca.pem").toString(),
            model.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("CN=acme-publisher");

    Path[] other = keys("ecdsa-p256");
    Result wrongTrust =
        run(
            "verify",
            "--signature",
            sig.toString(),
            "--public-key",
            other[1].toString(),
            model.toString());
    assertThat(wrongTrust.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(wrongTrust.err()).contains("certificate method");
  }

  @Test
  void fixtureKeyVectorVerifiesEndToEnd() throws IOException {
    Path model = vectorModel("signme-1\n");
    Result r =
        run(
            "verify",
            "--signature",
            oms("test-vectors/v1.0/valid/key.bundle.json").toString(),
            "--public-key",
            oms("keys/signing-key-pub.pem").toString(),
            model.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void fixtureCertificateVectorVerifiesEndToEnd() throws IOException {
    Path model = vectorModel("signme-1\n");
    Result r =
        run(
            "verify",
            "--signature",
            oms("test-vectors/v1.0/valid/certificate.bundle.json").toString(),
            "--certificate-chain",
            oms("keys/ca-cert.pem").toString(),
            model.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void fixtureSigstoreVectorVerifiesOfflineWithFulcioRootsAndRekorKey() throws Exception {
    Path model = Files.createDirectories(tmp.resolve("sigstore-model"));
    Files.writeString(model.resolve("signme-1"), "signme-1");
    Files.writeString(model.resolve("signme-2"), "signme-2");
    Path fulcio = Path.of(getClass().getResource("/sigstore/fulcio-roots.pem").toURI());
    Path rekor = Path.of(getClass().getResource("/sigstore/rekor.pub.pem").toURI());
    Result r =
        run(
            "verify",
            "--signature",
            oms("test-vectors/v1.0/valid/sigstore.bundle.json").toString(),
            "--sigstore-roots",
            fulcio.toString(),
            "--rekor-key",
            rekor.toString(),
            model.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Result misuse =
        run(
            "verify",
            "--signature",
            "x.sig",
            "--public-key",
            rekor.toString(),
            "--rekor-key",
            rekor.toString(),
            model.toString());
    assertThat(misuse.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void tamperedCopyOfTheFixtureModelExitsOne() throws IOException {
    Path model = vectorModel("signme-1 tampered\n");
    Result r =
        run(
            "verify",
            "--signature",
            oms("test-vectors/v1.0/valid/key.bundle.json").toString(),
            "--public-key",
            oms("keys/signing-key-pub.pem").toString(),
            model.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("digest mismatch for file signme-1");
  }

  @Test
  void invalidFixtureVectorsExitOneWithTheirReason() throws IOException {
    Path model = vectorModel("signme-1\n");
    String key = oms("keys/signing-key-pub.pem").toString();
    assertThat(verifyVector("invalid/empty.bundle.json", key, model).err())
        .contains("not valid JSON");
    assertThat(verifyVector("invalid/missing-envelope.bundle.json", key, model).err())
        .contains("no dsseEnvelope");
    assertThat(verifyVector("invalid/missing-verification-material.bundle.json", key, model).err())
        .contains("no verificationMaterial");
    assertThat(verifyVector("invalid/missing-tlog-entries.bundle.json", key, model).err())
        .contains("no transparency log entries");
    assertThat(verifyVector("invalid-payload/wrong-predicate.bundle.json", key, model).err())
        .contains("wrong predicate type");
  }

  Result verifyVector(String name, String key, Path model) {
    Result r =
        run(
            "verify",
            "--signature",
            oms("test-vectors/v1.0/" + name).toString(),
            "--public-key",
            key,
            model.toString());
    assertThat(r.exitCode()).as(name).isEqualTo(ExitCode.FAILURE);
    return r;
  }

  Path vectorModel(String signme1) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("vector"));
    Files.writeString(dir.resolve("signme-1"), signme1);
    Files.writeString(dir.resolve("signme-2"), "signme-2");
    Files.writeString(dir.resolve("ignore-me"), "not signed");
    return dir;
  }
}
