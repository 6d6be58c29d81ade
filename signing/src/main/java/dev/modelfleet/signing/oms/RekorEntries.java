package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.internal.Pem;
import dev.modelfleet.signing.internal.Sha;
import dev.modelfleet.signing.json.CanonicalJson;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.oms.OmsBundle.TlogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Offline checks of a Sigstore bundle's Rekor entries: the signed entry timestamp (SET) with a
 * trusted Rekor key, and that the entry's body is about this envelope and certificate. Inclusion
 * proofs and checkpoints are not checked.
 */
final class RekorEntries {
  private RekorEntries() {}

  /**
   * The integration time of the first entry that passes every check.
   *
   * @throws VerificationException naming why the last entry failed
   */
  static Instant verifiedIntegratedTime(
      OmsBundle bundle, List<VerificationKey> rekorKeys, byte[] leafCertificate)
      throws VerificationException {
    VerificationException last = null;
    for (TlogEntry e : bundle.tlogEntries()) {
      try {
        check(e, bundle, rekorKeys, leafCertificate);
        return Instant.ofEpochSecond(e.integratedTime());
      } catch (VerificationException ex) {
        last = ex;
      }
    }
    if (last == null) {
      throw new VerificationException(Failure.MALFORMED, "sigstore bundle has no tlog entries");
    }
    throw last;
  }

  private static void check(
      TlogEntry e, OmsBundle bundle, List<VerificationKey> rekorKeys, byte[] leafCertificate)
      throws VerificationException {
    @Nullable VerificationKey log = null;
    for (VerificationKey k : rekorKeys) {
      if (k.keyId().equals(e.logIdHex())) {
        log = k;
      }
    }
    if (log == null) {
      throw new VerificationException(
          Failure.UNKNOWN_KEY,
          "transparency log " + e.logIdHex() + " is not one of the trusted Rekor logs");
    }
    if (e.signedEntryTimestamp().isEmpty() || e.canonicalizedBody().isEmpty()) {
      throw new VerificationException(
          Failure.MALFORMED, "tlog entry lacks a signed entry timestamp or canonicalized body");
    }
    byte[] signed =
        CanonicalJson.encode(
            JsonObject.builder()
                .put("body", e.canonicalizedBody())
                .put("integratedTime", e.integratedTime())
                .put("logID", e.logIdHex())
                .put("logIndex", e.logIndex())
                .build());
    if (!log.verify(signed, Base64s.decode(e.signedEntryTimestamp()))) {
      throw new VerificationException(
          Failure.BAD_SIGNATURE,
          "bad signature: the signed entry timestamp of log entry "
              + e.logIndex()
              + " does not verify");
    }
    JsonObject body;
    try {
      body = Json.parseObject(Base64s.decode(e.canonicalizedBody()));
    } catch (JsonException | IllegalArgumentException ex) {
      throw new VerificationException(Failure.MALFORMED, "tlog entry body is not valid JSON", ex);
    }
    try {
      if (!body.getString("kind").equals("dsse") || !body.getString("apiVersion").equals("0.0.1")) {
        throw new VerificationException(
            Failure.UNSUPPORTED,
            "tlog entry of kind "
                + body.getString("kind")
                + " "
                + body.getString("apiVersion")
                + " (only dsse 0.0.1)");
      }
      JsonObject spec = body.getObject("spec");
      JsonObject payloadHash = spec.getObject("payloadHash");
      if (!payloadHash.getString("algorithm").equals("sha256")
          || !payloadHash.getString("value").equals(Sha.sha256Hex(bundle.payloadBytes()))) {
        throw new VerificationException(
            Failure.INCONSISTENT, "the transparency log entry is for another payload");
      }
      for (JsonObject s : spec.getArray("signatures").objects()) {
        byte[] sig = Base64s.decode(s.getString("signature"));
        String verifier =
            new String(Base64s.decode(s.getString("verifier")), StandardCharsets.UTF_8);
        boolean sameSig = bundle.signatures().stream().anyMatch(b -> Arrays.equals(b, sig));
        boolean sameCert =
            Pem.parse(verifier).stream().anyMatch(p -> Arrays.equals(p.der(), leafCertificate));
        if (sameSig && sameCert) {
          return;
        }
      }
    } catch (JsonException | IllegalArgumentException ex) {
      throw new VerificationException(
          Failure.MALFORMED, "malformed tlog entry body: " + ex.getMessage(), ex);
    }
    throw new VerificationException(
        Failure.INCONSISTENT,
        "the transparency log entry does not record this signature and certificate");
  }
}
