package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelWrapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a sandboxed kernel may touch, in one place, turned into one bubblewrap command.
 *
 * <ul>
 *   <li>Reads: the system's programs and libraries ({@code /usr} and its {@code /bin}, {@code /lib} links),
 *       the parts of {@code /etc} that libraries need ({@link #ETC}), the kernel's own installation (its
 *       Python's prefixes, or its program's directory; its kernelspec directory), kernelchat's IPython and
 *       readline settings files and matplotlib's font list ({@link FontCache}). All read-only.</li>
 *   <li>Writes: the conversation's workspace (seen as {@code /workspace}), a private {@code /tmp} (also its
 *       HOME and IPython directory) that goes with the kernel, and its run directory {@code /run/kernel}
 *       (its connection file and channel sockets, no other kernel's). The rest of the tree is read-only.</li>
 *   <li>Absent: everything else, above all the user's home, the kernelchat home (database, .env, logs,
 *       other workspaces), other kernels' connection files, {@code /var}, {@code /mnt}, {@code /media},
 *       {@code /srv}, {@code /opt}, {@code /root}, {@code /home} and the real {@code /etc/passwd} (a
 *       generated one names only this user).</li>
 *   <li>Processes: its own PID namespace and a fresh {@code /proc} (no other process visible or
 *       signallable), its own user, IPC, UTS and cgroup namespaces, every capability dropped, no new
 *       privileges (bubblewrap sets {@code PR_SET_NO_NEW_PRIVS}); it dies with kernelchat, and every process
 *       it started dies with it (the PID namespace ends with its first process).</li>
 *   <li>Network: a namespace of its own with only a loopback, unless the conversation turned the network
 *       on (then it shares this machine's network, loopback included). Its channels to kernelchat are Unix
 *       sockets in the run directory either way.</li>
 *   <li>Limits: data memory (also the size of its in-memory /tmp), processes and threads, size of any one
 *       file ({@code prlimit}); processes and all of its memory (its /tmp included) also by cgroups where
 *       they can be made ({@link KernelCgroup}), since no rlimit holds root back and RLIMIT_DATA does not count
 *       /tmp.</li>
 * </ul>
 */
final class SandboxPolicy implements KernelWrapper {
  static final Path BWRAP = Path.of("/usr/bin/bwrap");
  static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
  /** What of /etc libraries read: the dynamic linker, certificates, fonts, time zones, BLAS alternatives... */
  static final List<String> ETC = List.of("alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
      "localtime", "timezone", "fonts", "ssl", "ca-certificates", "ca-certificates.conf", "pki", "crypto-policies",
      "mime.types", "matplotlibrc", "python3", "R", "jupyter", "ipython", "nsswitch.conf", "host.conf", "hosts",
      "resolv.conf", "gai.conf", "protocols", "services", "locale.alias", "os-release", "debian_version",
      "inputrc", "terminfo", "magic", "magic.mime");
  static final Path RUN_DIRECTORY = Path.of("/run/kernel");
  /**
   * Where the workspace is inside, whatever its path outside: a pool kernel, started before its
   * conversation, sees the same path once its directory has become the conversation's workspace.
   */
  static final Path WORKSPACE = Path.of("/workspace");
  static final Path TMP = Path.of("/tmp");
  /** IPython's directory inside: private to the kernel, holding a read-only copy of kernelchat's settings. */
  static final Path IPYTHON_DIR = TMP.resolve("ipython");

  private final List<Path> readOnly;
  private final Path ipythonConfig;
  private final Path inputrc;
  private final Path passwd;
  private final List<Path> fontLists;
  private final Path workspace;
  private final boolean network;
  private final SandboxSettings limits;

  /**
   * @param readOnly the kernel's installation outside {@code /usr}: its Python's prefixes, its kernelspec
   * @param ipythonConfig kernelchat's ipython_kernel_config.py, shown read-only in the kernel's IPython directory
   * @param inputrc kernelchat's readline settings, shown read-only there too
   * @param passwd a generated passwd file naming only this user
   * @param fontLists matplotlib's font list files ({@link FontCache}), shown read-only in the kernel's cache
   */
  SandboxPolicy(List<Path> readOnly, Path ipythonConfig, Path inputrc, Path passwd, List<Path> fontLists,
                Path workspace, boolean network, SandboxSettings limits) {
    this.readOnly = List.copyOf(readOnly);
    this.ipythonConfig = ipythonConfig;
    this.inputrc = inputrc;
    this.passwd = passwd;
    this.fontLists = List.copyOf(fontLists);
    this.workspace = workspace;
    this.network = network;
    this.limits = limits;
  }

  @Override
  public Path runDirectoryInside() {
    return RUN_DIRECTORY;
  }

  @Override
  public List<String> command(List<String> kernelArgv, Path runDirectory) {
    List<String> c = new ArrayList<>(List.of(BWRAP.toString(), "--unshare-user", "--unshare-pid", "--unshare-ipc",
        "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--cap-drop", "ALL", "--hostname", "kernel"));
    if (!network) {
      c.add("--unshare-net");
    }
    c.addAll(List.of("--ro-bind", "/usr", "/usr"));
    for (String link : List.of("bin", "lib", "lib32", "lib64", "sbin")) {
      Path path = Path.of("/", link);
      if (Files.isSymbolicLink(path)) {
        c.addAll(List.of("--symlink", "usr/" + link, path.toString()));
      } else if (Files.isDirectory(path)) {
        c.addAll(List.of("--ro-bind", path.toString(), path.toString()));
      }
    }
    for (String entry : ETC) {
      Path path = Path.of("/etc", entry);
      if (Files.exists(path)) {
        c.addAll(List.of("--ro-bind", path.toString(), path.toString()));
      }
    }
    c.addAll(List.of("--ro-bind", passwd.toString(), "/etc/passwd"));
    // /tmp lives in memory: its size counts against the memory limit, which allocations alone do not.
    c.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(limits.memoryBytes()),
        "--tmpfs", TMP.toString()));
    for (Path path : readOnly) {
      if (!path.startsWith("/usr") && Files.exists(path)) {
        c.addAll(List.of("--ro-bind", path.toString(), path.toString()));
      }
    }
    c.addAll(List.of("--ro-bind", ipythonConfig.toString(),
        IPYTHON_DIR.resolve("profile_default").resolve(ipythonConfig.getFileName()).toString()));
    c.addAll(List.of("--ro-bind", inputrc.toString(), IPYTHON_DIR.resolve(inputrc.getFileName()).toString()));
    for (Path fontList : fontLists) {
      c.addAll(List.of("--ro-bind", fontList.toString(), FontCache.INSIDE.resolve(fontList.getFileName()).toString()));
    }
    c.addAll(List.of("--bind", runDirectory.toString(), RUN_DIRECTORY.toString()));
    c.addAll(List.of("--bind", workspace.toString(), WORKSPACE.toString(), "--chdir", WORKSPACE.toString()));
    // The directories bubblewrap made for the mounts above stay read-only: nothing to write in but the binds.
    c.addAll(List.of("--remount-ro", "/"));
    // ipykernel exits when its parent is not the pid in JPY_PARENT_PID; inside, kernelchat is not visible at
    // all and bubblewrap's init (pid 1) is the parent, which ipykernel knows never to watch.
    c.addAll(List.of("--setenv", "JPY_PARENT_PID", "1", "--setenv", "HOME", TMP.toString(), "--setenv", "TMPDIR",
        TMP.toString(), "--setenv", "IPYTHONDIR", IPYTHON_DIR.toString(),
        "--setenv", "XDG_CACHE_HOME", FontCache.XDG_CACHE_HOME.toString(), "--setenv", "INPUTRC",
        IPYTHON_DIR.resolve(inputrc.getFileName()).toString()));
    c.addAll(List.of("--", PRLIMIT.toString(), "--data=" + limits.memoryBytes(), "--nproc=" + limits.processes(),
        "--fsize=" + limits.fileSizeBytes(), "--"));
    c.addAll(kernelArgv);
    return KernelCgroup.create(runDirectory.getFileName().toString(), limits.processes(), limits.memoryBytes())
        .map(cgroup -> cgroup.enter(c)).orElse(c);
  }

  @Override
  public Optional<String> whyExited(Path runDirectory) {
    return KernelCgroup.named(runDirectory.getFileName().toString()).outOfMemory()
        ? Optional.of("out of memory: limit " + SandboxSettings.describeBytes(limits.memoryBytes()))
        : Optional.empty();
  }

  @Override
  public void cleanUp(Path runDirectory) {
    KernelCgroup.named(runDirectory.getFileName().toString()).remove();
  }
}
