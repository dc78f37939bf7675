package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.server.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Kernels confined by bubblewrap, as {@link SandboxPolicy} says. */
public final class SandboxProvisioner implements ProcessProvisioner {
  private final SandboxSettings settings;
  private final KernelInstallation installation;
  private final Path ipythonDir;
  private final Path passwd;
  private final FontCache fontCache;

  /**
   * @param ipythonDir kernelchat's settings for kernels (IPython's, readline's), shown read-only
   * @param stateDir where the generated passwd file is kept
   * @param protectedDirs directories no kernel may see even read-only (the homes)
   */
  public SandboxProvisioner(SandboxSettings settings, Path ipythonDir, Path stateDir, List<Path> protectedDirs) {
    this.settings = settings;
    this.ipythonDir = ipythonDir;
    this.installation = new KernelInstallation(protectedDirs);
    this.passwd = stateDir.resolve("passwd");
    this.fontCache = new FontCache(stateDir.resolve("font-cache"));
    writePasswd();
  }

  @Override
  public KernelManager start(KernelSpec spec, KernelPlacement placement) {
    List<Path> fontLists = fontCache.files(spec, fonts -> policy(spec, Map.of(), List.of(), fonts, false));
    SandboxPolicy policy = policy(spec, placement.environment(), fontLists, placement.workspace(),
        placement.network());
    return KernelManager.start(spec, LocalProvisioner.options(placement).wrapper(policy).build());
  }

  private SandboxPolicy policy(KernelSpec spec, Map<String, String> environment, List<Path> fontLists,
                               Path workspace, boolean network) {
    return new SandboxPolicy(installation.directories(spec, environment), KernelEnvironment.config(ipythonDir),
        KernelEnvironment.inputrc(ipythonDir), passwd, fontLists, workspace, network, settings);
  }

  FontCache fontCache() {
    return fontCache;
  }

  @Override
  public String sandbox() {
    return "on";
  }

  /** Names this user (some libraries look themselves up) and nobody else; HOME is the sandbox's /tmp. */
  private void writePasswd() {
    String user = System.getProperty("user.name", "kernel");
    long uid = OwnIds.uid();
    long gid = OwnIds.gid();
    try {
      OwnerOnly.directories(passwd.getParent());
      Files.writeString(OwnerOnly.file(passwd), user + ":x:" + uid + ":" + gid + ":kernelchat kernel:" + SandboxPolicy.TMP + ":/bin/sh\n"
          + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + passwd + ": " + e.getMessage(), e);
    }
  }
}
