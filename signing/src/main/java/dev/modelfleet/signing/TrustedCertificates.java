package dev.modelfleet.signing;

import dev.modelfleet.signing.internal.Pem;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * X.509 certificates trusted as roots of certificate chains (for the OMS {@code certificate} and
 * {@code sigstore} methods). Every certificate given is a trust anchor.
 */
public final class TrustedCertificates {
  private final List<X509CertificateHolder> anchors;

  private TrustedCertificates(List<X509CertificateHolder> anchors) {
    this.anchors = List.copyOf(anchors);
  }

  /**
   * Every {@code CERTIFICATE} block in {@code pem}; other text is ignored.
   *
   * @throws KeyFormatException if there is none or one is malformed
   */
  public static TrustedCertificates fromPem(String pem) throws KeyFormatException {
    List<byte[]> ders = new ArrayList<>();
    try {
      for (Pem.Block b : Pem.parse(pem)) {
        if (b.label().equals("CERTIFICATE")) {
          ders.add(b.der());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("malformed PEM: " + e.getMessage(), e);
    }
    return fromDer(ders);
  }

  /**
   * @throws KeyFormatException if {@code ders} is empty or holds a malformed certificate
   */
  public static TrustedCertificates fromDer(List<byte[]> ders) throws KeyFormatException {
    if (ders.isEmpty()) {
      throw new KeyFormatException("no trusted certificate given");
    }
    List<X509CertificateHolder> out = new ArrayList<>();
    for (byte[] der : ders) {
      out.add(CertificateChain.parse(der));
    }
    return new TrustedCertificates(out);
  }

  List<X509CertificateHolder> anchors() {
    return anchors;
  }

  public int size() {
    return anchors.size();
  }
}
