package dev.modelfleet.registry.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How devices must validate a release by inference before activating it.
 *
 * @param goldenPrompts prompts with reference outputs, greedy-decoded
 * @param perplexity evaluation text and the highest acceptable perplexity
 * @param minTokensPerSecond per hardware profile name, the lowest acceptable generation speed
 * @param maxLoadTimeMs longest acceptable model load time
 * @param maxMemoryMb highest acceptable peak memory
 */
public record ValidationSpec(
    @Nullable @Size(max = 100) List<@Valid GoldenPrompt> goldenPrompts,
    @Nullable @Valid Perplexity perplexity,
    @Nullable Map<String, @Positive Double> minTokensPerSecond,
    @Nullable @Positive Long maxLoadTimeMs,
    @Nullable @Positive Long maxMemoryMb) {

  /**
   * @param prompt the prompt
   * @param reference the expected greedy output
   * @param maxTokens tokens to generate
   * @param minMatch fraction of reference tokens that must match (0..1)
   */
  public record GoldenPrompt(
      @NotBlank @Size(max = 20_000) String prompt,
      @NotNull @Size(max = 20_000) String reference,
      @Nullable @Min(1) Integer maxTokens,
      @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double minMatch) {}

  /**
   * @param text evaluation text
   * @param max highest acceptable perplexity
   */
  public record Perplexity(@NotBlank @Size(max = 1_000_000) String text, @Positive double max) {}
}
