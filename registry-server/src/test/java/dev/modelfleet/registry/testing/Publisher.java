package dev.modelfleet.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Publishes a file through the upload API the way a client does: open, chunks, commit. */
public final class Publisher {
  private Publisher() {}

  public static Api.Response publish(
      Api api, String model, String release, String profile, Path file, String signature) {
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("model", model);
      body.put("release", release);
      body.put("profile", profile);
      body.put("fileName", file.getFileName().toString());
      body.put("size", Files.size(file));
      Api.Response opened = api.post("/api/v1/uploads", body);
      if (opened.status() != 201) {
        return opened;
      }
      String id = opened.json().get("id").asString();
      byte[] all = Files.readAllBytes(file);
      int chunk = 1 << 20;
      for (int off = 0; off < all.length; off += chunk) {
        Api.Response r =
            api.putBytes(
                "/api/v1/uploads/" + id,
                Arrays.copyOfRange(all, off, Math.min(all.length, off + chunk)),
                Map.of("Upload-Offset", Integer.toString(off)));
        if (r.status() != 200) {
          return r;
        }
      }
      return api.post("/api/v1/uploads/" + id + "/commit", Map.of("signatureBundle", signature));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
