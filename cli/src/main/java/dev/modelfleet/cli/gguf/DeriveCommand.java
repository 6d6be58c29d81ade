package dev.modelfleet.cli.gguf;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.cli.common.OutputFiles;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufFormatException;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.GgufValueType;
import dev.modelfleet.gguf.generate.DeriveSpec;
import dev.modelfleet.gguf.generate.ModelDeriver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelfleet gguf derive}: a realistic next version of a model. */
@Command(
    name = "derive",
    mixinStandardHelpOptions = true,
    description = {
      "Write a new version of a GGUF model: metadata edits, a fine-tune (Gaussian noise of"
          + " relative size R on every weight, or on those of --layers, re-quantized to each"
          + " tensor's type), tensors added or removed. Unchanged tensors are copied byte for"
          + " byte.",
      "",
      "--set KEY=VALUE keeps an existing key's type (new keys are strings); give a type with"
          + " KEY:TYPE=VALUE, TYPE one of str, bool, u8, i8, u16, i16, u32, i32, u64, i64, f32,"
          + " f64."
    })
final class DeriveCommand implements Callable<Integer> {
  private static final Pattern SET =
      Pattern.compile("([^=:]+)(?::([a-z0-9]+))?=(.*)", Pattern.DOTALL);
  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");
  private static final Pattern TENSOR =
      Pattern.compile("([^:]+):([A-Za-z0-9_]+):(\\d+(?:x\\d+){0,3})");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FILE",
      description = "The model to start from.")
  Path from;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
  Path out;

  @Option(names = "--finetune", paramLabel = "R", description = "Relative noise size, e.g. 0.01.")
  @Nullable Double finetune;

  @Option(
      names = "--layers",
      paramLabel = "A-B",
      description = "Fine-tune only blocks A..B (inclusive).")
  @Nullable String layers;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the noise and of added tensors (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--set",
      paramLabel = "KEY[:TYPE]=VALUE",
      description = "Set a metadata key (repeatable).")
  List<String> set = new ArrayList<>();

  @Option(
      names = "--unset",
      paramLabel = "KEY",
      description = "Remove a metadata key (repeatable).")
  List<String> unset = new ArrayList<>();

  @Option(
      names = "--add-tensor",
      paramLabel = "NAME:TYPE:D0xD1",
      description =
          "Append a tensor with generated weights, e.g. extra.weight:F16:64x8 (repeatable).")
  List<String> addTensor = new ArrayList<>();

  @Option(
      names = "--remove-tensor",
      paramLabel = "NAME",
      description = "Drop a tensor (repeatable).")
  List<String> removeTensor = new ArrayList<>();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: all cores).")
  @Nullable Integer threads;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (finetune == null
        && set.isEmpty()
        && unset.isEmpty()
        && addTensor.isEmpty()
        && removeTensor.isEmpty()) {
      throw usage(
          "Nothing to derive: give --finetune, --set, --unset, --add-tensor or --remove-tensor");
    }
    if (layers != null && finetune == null) {
      throw usage("--layers needs --finetune");
    }
    if (threads != null && (threads < 1 || threads > 256)) {
      throw usage("--threads must be between 1 and 256");
    }
    GgufFile source = GgufFiles.readHeader(from);
    DeriveSpec d = deriveSpec(source);
    OutputFiles.refuseToOverwrite(out, force || out.toAbsolutePath().equals(from.toAbsolutePath()));
    int t =
        threads != null
            ? threads
            : Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    GgufFile f;
    try {
      f = ModelDeriver.derive(from, out, d, (done, total) -> {}, t);
    } catch (GgufFormatException e) {
      throw new CommandFailedException(from + " is not a valid GGUF file: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("Cannot derive from " + from + ": " + e.getMessage(), e);
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s%n", out, GgufFiles.summary(f));
    return 0;
  }

  private DeriveSpec deriveSpec(GgufFile source) {
    DeriveSpec.Builder b = DeriveSpec.builder().seed(seed);
    try {
      if (finetune != null) {
        if (!(finetune > 0) || finetune > 10) {
          throw usage("--finetune must be > 0 and <= 10, not " + finetune);
        }
        b.finetune(finetune);
      }
      if (layers != null) {
        Matcher m = RANGE.matcher(layers);
        if (!m.matches()) {
          throw usage("--layers must be A-B or A, not '" + layers + "'");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        b.layers(first, last);
      }
      for (String s : set) {
        Matcher m = SET.matcher(s);
        if (!m.matches()) {
          throw usage("--set must be KEY=VALUE or KEY:TYPE=VALUE, not '" + s + "'");
        }
        String key = m.group(1);
        GgufValue existing = source.metadata().find(key).orElse(null);
        b.set(key, parseValue(key, m.group(2), m.group(3), existing));
      }
      unset.forEach(b::unset);
      removeTensor.forEach(b::removeTensor);
      for (String s : addTensor) {
        Matcher m = TENSOR.matcher(s);
        if (!m.matches()) {
          throw usage("--add-tensor must be NAME:TYPE:D0xD1..., not '" + s + "'");
        }
        GgmlType type =
            GgmlType.byName(m.group(2))
                .orElseThrow(() -> usage("Unknown tensor type '" + m.group(2) + "'"));
        String[] parts = m.group(3).split("x");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
          dims[i] = Long.parseLong(parts[i]);
        }
        b.addTensor(GgufTensorSpec.of(m.group(1), type, dims));
      }
      return b.build();
    } catch (NumberFormatException e) {
      throw usage("Not a number: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw usage(String.valueOf(e.getMessage()));
    }
  }

  private GgufValue parseValue(
      String key, @Nullable String typeName, String text, @Nullable GgufValue existing) {
    GgufValueType type;
    if (typeName != null) {
      type = typeOf(typeName);
    } else if (existing != null) {
      type = existing.type();
      if (type == GgufValueType.ARRAY) {
        throw usage("--set cannot replace array key '" + key + "'");
      }
    } else {
      type = GgufValueType.STRING;
    }
    try {
      return switch (type) {
        case STRING -> GgufValue.string(text);
        case BOOL -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw usage("'" + key + "' is a bool: give true or false, not '" + text + "'");
          }
          yield GgufValue.bool(Boolean.parseBoolean(text));
        }
        case FLOAT32 -> GgufValue.float32(Float.parseFloat(text));
        case FLOAT64 -> GgufValue.float64(Double.parseDouble(text));
        case UINT64 -> GgufValue.uint64(Long.parseUnsignedLong(text));
        default -> GgufValue.ofInteger(type, Long.parseLong(text));
      };
    } catch (NumberFormatException e) {
      throw usage("'" + key + "' is a " + type + ": '" + text + "' is not one");
    }
  }

  private GgufValueType typeOf(String name) {
    return switch (name) {
      case "str" -> GgufValueType.STRING;
      case "bool" -> GgufValueType.BOOL;
      case "u8" -> GgufValueType.UINT8;
      case "i8" -> GgufValueType.INT8;
      case "u16" -> GgufValueType.UINT16;
      case "i16" -> GgufValueType.INT16;
      case "u32" -> GgufValueType.UINT32;
      case "i32" -> GgufValueType.INT32;
      case "u64" -> GgufValueType.UINT64;
      case "i64" -> GgufValueType.INT64;
      case "f32" -> GgufValueType.FLOAT32;
      case "f64" -> GgufValueType.FLOAT64;
      default ->
          throw usage("Unknown value type '" + name + "' (str, bool, u8..u64, i8..i64, f32, f64)");
    };
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
