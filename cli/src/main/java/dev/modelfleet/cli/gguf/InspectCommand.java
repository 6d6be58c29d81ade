package dev.modelfleet.cli.gguf;

import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufTensorInfo;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.GgufValueType;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonBoolean;
import dev.modelfleet.signing.json.JsonNumber;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.json.JsonString;
import dev.modelfleet.signing.json.JsonValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelfleet gguf inspect FILE [--json]}: reads only the header. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show a GGUF file's header: version, metadata and tensors (reads only the header). Arrays"
          + " longer than 16 elements are summarized."
    })
final class InspectCommand implements Callable<Integer> {
  static final int MAX_ARRAY = 16;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The GGUF file.")
  Path file;

  @Option(names = "--json", description = "Print exactly one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    GgufFile f = GgufFiles.readHeader(file);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.writePretty(toJson(f)));
    } else {
      printTables(f, out);
    }
    return 0;
  }

  static JsonObject toJson(GgufFile f) {
    JsonObject.Builder metadata = JsonObject.builder();
    for (Map.Entry<String, GgufValue> e : f.metadata().entries().entrySet()) {
      metadata.put(e.getKey(), value(e.getValue()));
    }
    JsonArray.Builder tensors = JsonArray.builder();
    for (GgufTensorInfo t : f.tensors()) {
      JsonArray.Builder dims = JsonArray.builder();
      t.dims().forEach(dims::add);
      tensors.add(
          JsonObject.builder()
              .put("name", t.name())
              .put("type", t.type().name())
              .put("dims", dims.build())
              .put("offset", t.absoluteOffset())
              .put("size", t.byteSize())
              .build());
    }
    return JsonObject.builder()
        .put("version", f.version())
        .put("kvCount", f.metadata().size())
        .put("tensorCount", f.tensors().size())
        .put(
            "architecture",
            f.architecture()
                .<JsonValue>map(JsonString::new)
                .orElse(dev.modelfleet.signing.json.JsonNull.INSTANCE))
        .put("alignment", f.alignment())
        .put("dataOffset", f.dataOffset())
        .put("fileSize", f.fileSize())
        .put("parameterCount", f.parameterCount())
        .put("tensorTypes", JsonArray.ofStrings(f.tensorTypeNames()))
        .put("metadata", metadata.build())
        .put("tensors", tensors.build())
        .build();
  }

  private static JsonValue value(GgufValue v) {
    GgufValueType t = v.type();
    if (t == GgufValueType.STRING) {
      return new JsonString(v.asString());
    } else if (t == GgufValueType.BOOL) {
      return JsonBoolean.of(v.asBoolean());
    } else if (t == GgufValueType.UINT64) {
      return new JsonNumber(new BigDecimal(Long.toUnsignedString(v.asLong())));
    } else if (t.isInteger()) {
      return JsonNumber.of(v.asLong());
    } else if (t.isFloat()) {
      double d = v.asDouble();
      if (!Double.isFinite(d)) {
        return new JsonString(Double.toString(d));
      }
      // Float.toString gives the shortest decimal that reads back as the same float.
      return new JsonNumber(
          new BigDecimal(
              t == GgufValueType.FLOAT32 ? Float.toString((float) d) : Double.toString(d)));
    }
    JsonArray.Builder items = JsonArray.builder();
    int shown = Math.min(v.size(), MAX_ARRAY);
    for (int i = 0; i < shown; i++) {
      items.add(value(v.get(i)));
    }
    if (v.size() <= MAX_ARRAY) {
      return items.build();
    }
    return JsonObject.builder()
        .put("type", "array")
        .put("elementType", v.elementType().map(Enum::name).orElse("?"))
        .put("length", v.size())
        .put("head", items.build())
        .build();
  }

  private void printTables(GgufFile f, PrintWriter out) {
    out.printf(Locale.ROOT, "file          %s%n", file);
    out.printf(Locale.ROOT, "version       %d%n", f.version());
    out.printf(Locale.ROOT, "architecture  %s%n", f.architecture().orElse("(none)"));
    out.printf(
        Locale.ROOT, "size          %,d bytes (%s)%n", f.fileSize(), GgufFiles.size(f.fileSize()));
    out.printf(Locale.ROOT, "alignment     %d%n", f.alignment());
    out.printf(Locale.ROOT, "data offset   %,d%n", f.dataOffset());
    out.printf(Locale.ROOT, "parameters    %,d%n", f.parameterCount());
    out.printf(Locale.ROOT, "tensor types  %s%n", String.join(", ", f.tensorTypeNames()));
    out.println();
    out.printf(Locale.ROOT, "%d metadata keys%n", f.metadata().size());
    int keyWidth = 3;
    for (String k : f.metadata().keys()) {
      keyWidth = Math.max(keyWidth, k.length());
    }
    for (Map.Entry<String, GgufValue> e : f.metadata().entries().entrySet()) {
      GgufValue v = e.getValue();
      String type =
          v.type() == GgufValueType.ARRAY
              ? "[" + v.elementType().map(Enum::name).orElse("?") + "]"
              : v.type().name();
      out.printf(
          Locale.ROOT,
          "  %-" + keyWidth + "s  %-9s  %s%n",
          e.getKey(),
          type,
          oneLine(v.toString()));
    }
    out.println();
    out.printf(Locale.ROOT, "%d tensors%n", f.tensors().size());
    int nameWidth = 4;
    for (GgufTensorInfo t : f.tensors()) {
      nameWidth = Math.max(nameWidth, t.name().length());
    }
    out.printf(
        Locale.ROOT,
        "  %-" + nameWidth + "s  %-7s  %-22s  %14s  %12s%n",
        "name",
        "type",
        "dims",
        "offset",
        "size");
    for (GgufTensorInfo t : f.tensors()) {
      out.printf(
          Locale.ROOT,
          "  %-" + nameWidth + "s  %-7s  %-22s  %,14d  %,12d%n",
          t.name(),
          t.type(),
          t.dims().toString(),
          t.absoluteOffset(),
          t.byteSize());
    }
  }

  private static String oneLine(String s) {
    String flat = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    return flat.length() > 100 ? flat.substring(0, 97) + "..." : flat;
  }
}
