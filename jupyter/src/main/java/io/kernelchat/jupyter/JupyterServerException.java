package io.kernelchat.jupyter;

/**
 * A Jupyter Server or gateway refused a request or could not be reached. {@link #status()} is the HTTP
 * status, or 0 when no answer came (unreachable, timed out).
 */
public class JupyterServerException extends KernelException {
  private final int status;

  public JupyterServerException(int status, String message) {
    super(message);
    this.status = status;
  }

  public JupyterServerException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status, 0 when the server did not answer. */
  public int status() {
    return status;
  }
}
