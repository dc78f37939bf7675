package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.KernelSpecNotFoundException;
import io.kernelchat.jupyter.RemoteKernel;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernels on a Jupyter Server ({@code --gateway-url}): its kernelspecs are the ones offered, and each kernel starts
 * there in its conversation's directory of the server's contents. Nothing runs on this machine, so there is
 * nothing for kernelchat to confine: what such a kernel may touch is the server's to decide.
 */
public final class RemoteProvisioner implements KernelProvisioner {
  /** The server's directory that holds one directory per conversation. */
  static final String ROOT = "kernelchat";
  private final JupyterServer server;

  public RemoteProvisioner(JupyterServer server) {
    this.server = server;
  }

  /** The directory of the server's contents that is this conversation's workspace. */
  public static String directoryOf(String conversationId) {
    return ROOT + "/" + conversationId;
  }

  public JupyterServer server() {
    return server;
  }

  @Override
  public RemoteKernel start(KernelSpec spec, KernelPlacement placement) {
    // The server starts a kernel whose directory is missing in the nearest one above it: make it first.
    server.makeDirectories(placement.serverDirectory());
    // A start on a cluster (Enterprise Gateway on Kubernetes) can take minutes: as long as a request may take.
    return RemoteKernel.start(server, spec.name(), placement.serverDirectory(), server.options().requestTimeout());
  }

  /** The server's kernelspecs, {@code first} (when it has it) at the front. */
  List<KernelSpec> specs(String first) {
    List<KernelSpec> specs = new ArrayList<>(server.kernelSpecs());
    specs.stream().filter(s -> s.name().equals(first)).findFirst().ifPresent(s -> {
      specs.remove(s);
      specs.add(0, s);
    });
    return specs;
  }

  /** The server's kernelspec {@code name}; KernelSpecNotFoundException when it has none of that name. */
  KernelSpec spec(String name) {
    return server.kernelSpecs().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new KernelSpecNotFoundException("the Jupyter Server at " + server.options().describe()
            + " has no kernelspec " + name));
  }

  @Override
  public String sandbox() {
    return "off";
  }
}
