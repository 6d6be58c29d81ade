package dev.modelfleet.signing.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM blocks (RFC 7468). Text before, between and after blocks is ignored, so files with a
 * human-readable preamble (as {@code openssl} and the OMS fixtures write) load.
 */
public final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int MAX_BLOCKS = 64;

  private Pem() {}

  /** One block: its label (e.g. {@code PUBLIC KEY}) and decoded DER. */
  public static final class Block {
    private final String label;
    private final byte[] der;

    Block(String label, byte[] der) {
      this.label = label;
      this.der = der;
    }

    public String label() {
      return label;
    }

    public byte[] der() {
      return der.clone();
    }
  }

  /**
   * Every PEM block in {@code text}, in order.
   *
   * @throws IllegalArgumentException if a block is unterminated, mislabelled or not base64
   */
  public static List<Block> parse(String text) {
    List<Block> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return blocks;
      }
      int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
      if (labelEnd < 0) {
        throw new IllegalArgumentException("PEM BEGIN line is not terminated");
      }
      String label = text.substring(begin + BEGIN.length(), labelEnd);
      if (label.isEmpty() || label.length() > 64 || label.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("PEM BEGIN line has an invalid label");
      }
      int bodyStart = labelEnd + DASHES.length();
      String endLine = END + label + DASHES;
      int end = text.indexOf(endLine, bodyStart);
      if (end < 0) {
        throw new IllegalArgumentException("PEM block \"" + label + "\" has no END line");
      }
      String body = text.substring(bodyStart, end);
      if (body.contains(":")) {
        // RFC 1421 headers (Proc-Type, DEK-Info): legacy OpenSSL encryption we do not read.
        throw new IllegalArgumentException(
            "PEM block \"" + label + "\" has headers (legacy OpenSSL encryption is not supported)");
      }
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(strictBase64(body, label));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PEM block \"" + label + "\" is not valid base64", e);
      }
      if (der.length == 0) {
        throw new IllegalArgumentException("PEM block \"" + label + "\" is empty");
      }
      blocks.add(new Block(label, der));
      if (blocks.size() > MAX_BLOCKS) {
        throw new IllegalArgumentException("more than " + MAX_BLOCKS + " PEM blocks");
      }
      from = end + endLine.length();
    }
  }

  /** The MIME decoder skips garbage; we refuse anything but base64 and whitespace. */
  private static String strictBase64(String body, String label) {
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '+'
          || c == '/'
          || c == '=') {
        sb.append(c);
      } else {
        throw new IllegalArgumentException(
            "PEM block \"" + label + "\" contains a character that is not base64");
      }
    }
    return sb.toString();
  }

  /** Encodes one block: 64-character lines, LF line ends, a final newline. */
  public static String encode(String label, byte[] der) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder(b64.length() + 100);
    sb.append(BEGIN).append(label).append(DASHES).append('\n');
    for (int i = 0; i < b64.length(); i += 64) {
      sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    sb.append(END).append(label).append(DASHES).append('\n');
    return sb.toString();
  }

  public static byte[] encodeUtf8(String label, byte[] der) {
    return encode(label, der).getBytes(StandardCharsets.UTF_8);
  }
}
