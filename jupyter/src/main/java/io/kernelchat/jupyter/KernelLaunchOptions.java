package io.kernelchat.jupyter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how a kernel process runs. The kernel inherits nothing from this JVM's environment except
 * PATH, HOME, LANG and TMPDIR, plus what {@link Builder#environment} adds.
 */
public final class KernelLaunchOptions {
  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final Path logFile;
  private final Duration startupTimeout;
  private final KernelWrapper wrapper;

  private KernelLaunchOptions(Builder b) {
    this.workingDirectory = b.workingDirectory;
    this.environment = Map.copyOf(b.environment);
    this.logFile = b.logFile;
    this.startupTimeout = b.startupTimeout;
    this.wrapper = b.wrapper;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Default options: the JVM's working directory, a temporary log file, a 60 s startup timeout. */
  public static KernelLaunchOptions defaults() {
    return builder().build();
  }

  /** The kernel's working directory; the JVM's when not set. */
  public Path workingDirectory() {
    return workingDirectory;
  }

  /** Variables added to (and overriding) the safe minimum environment. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Where the kernel's stdout and stderr go; a temporary file when empty. */
  public Optional<Path> logFile() {
    return Optional.ofNullable(logFile);
  }

  /** How long to wait for the kernel to answer on IOPub before giving up. */
  public Duration startupTimeout() {
    return startupTimeout;
  }

  /** What the kernel runs inside; empty when it is started directly, listening on loopback TCP. */
  public Optional<KernelWrapper> wrapper() {
    return Optional.ofNullable(wrapper);
  }

  /** Builds {@link KernelLaunchOptions}. */
  public static final class Builder {
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path logFile;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private KernelWrapper wrapper;

    private Builder() {}

    public Builder workingDirectory(Path value) {
      this.workingDirectory = value.toAbsolutePath();
      return this;
    }

    /** Adds these variables to the kernel's environment (later calls add more). */
    public Builder environment(Map<String, String> value) {
      this.environment.putAll(value);
      return this;
    }

    public Builder logFile(Path value) {
      this.logFile = value;
      return this;
    }

    public Builder startupTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("startup timeout must be positive, was " + value);
      }
      this.startupTimeout = value;
      return this;
    }

    /** Runs the kernel inside {@code value} (e.g. a sandbox), its channels over Unix sockets. */
    public Builder wrapper(KernelWrapper value) {
      this.wrapper = value;
      return this;
    }

    public KernelLaunchOptions build() {
      return new KernelLaunchOptions(this);
    }
  }
}
