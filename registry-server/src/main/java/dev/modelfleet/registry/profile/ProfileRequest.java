package dev.modelfleet.registry.profile;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A new hardware profile.
 *
 * @param name unique name, e.g. {@code android-arm64-8gb}
 * @param arch CPU architecture, e.g. {@code arm64}, {@code x86_64}
 * @param cpuFeatures required CPU features, e.g. {@code neon}, {@code avx2}
 * @param minRamMb minimum RAM in MiB
 * @param accelerator required accelerator, e.g. {@code gpu-vulkan}, {@code npu}
 * @param os operating system, e.g. {@code android}, {@code linux}
 * @param minApiLevel minimum OS API level (Android API level, ...)
 */
public record ProfileRequest(
    @NotBlank String name,
    @Nullable @Size(max = 1000) String description,
    @NotBlank @Pattern(regexp = "[a-z0-9_]{1,32}", message = "must be 1-32 of a-z, 0-9, _")
        String arch,
    @Nullable @Size(max = 64)
        List<
                @Pattern(regexp = "[a-z0-9_.]{1,32}", message = "must be 1-32 of a-z, 0-9, _, .")
                String>
            cpuFeatures,
    @Nullable @Min(0) Integer minRamMb,
    @Nullable @Pattern(regexp = "[a-z0-9_-]{1,64}", message = "must be 1-64 of a-z, 0-9, _, -")
        String accelerator,
    @Nullable @Pattern(regexp = "[a-z0-9_-]{1,32}", message = "must be 1-32 of a-z, 0-9, _, -")
        String os,
    @Nullable @Min(0) Integer minApiLevel) {}
