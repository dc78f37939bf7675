package io.kernelchat.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Samples another JVM's used heap with {@code jstat -gc} every 200 ms and keeps the peak. */
final class HeapSampler implements AutoCloseable {
  private final Process jstat;
  private final Thread reader;
  private volatile long peak;

  HeapSampler(long pid) throws java.io.IOException {
    jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "200").redirectErrorStream(true).start();
    reader = new Thread(this::read, "heap-sampler");
    reader.setDaemon(true);
    reader.start();
  }

  long peak() {
    return peak;
  }

  /** Used heap = survivor spaces + eden + old generation, in the columns jstat -gc prints (KB). */
  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      String[] header = null;
      String line;
      while ((line = in.readLine()) != null) {
        String[] cols = line.trim().split("\\s+");
        if (cols[0].equals("S0C")) {
          header = cols;
          continue;
        }
        if (header == null || cols.length != header.length) {
          continue;
        }
        double usedKb = 0;
        for (int i = 0; i < header.length; i++) {
          if (header[i].equals("S0U") || header[i].equals("S1U") || header[i].equals("EU") || header[i].equals("OU")) {
            usedKb += Double.parseDouble(cols[i]);
          }
        }
        peak = Math.max(peak, (long) (usedKb * 1024));
      }
    } catch (Exception e) {
      // jstat ended
    }
  }

  @Override
  public void close() {
    jstat.destroy();
  }
}
