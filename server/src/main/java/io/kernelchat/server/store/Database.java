package io.kernelchat.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQLite file under the kernelchat home. One connection, serialised: SQLite writes one at a time anyway,
 * and the server's write rate (messages, finished cells) is far below what a single connection sustains.
 * Statements are compiled once per SQL text and reused (the SQL is always a constant; values are bound).
 */
public final class Database implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private Database(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens the database, made 0600 before SQLite first opens it: SQLite gives its -wal and -shm files the database
   * file's permissions. Those files of an older version, made with the umask's permissions, are tightened too.
   */
  public static Database open(Path file) {
    try {
      OwnerOnly.directories(file.toAbsolutePath().getParent());
      OwnerOnly.file(file);
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Path companion = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(companion)) {
          OwnerOnly.tighten(companion);
        }
      }
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      Database db = new Database(connection);
      Migrations.apply(db);
      return db;
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads one row into a value. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  public synchronized int update(String sql, Object... args) {
    try {
      return prepare(sql, args).executeUpdate();
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  public synchronized <T> List<T> query(String sql, RowReader<T> reader, Object... args) {
    try (ResultSet rows = prepare(sql, args).executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rows.next()) {
        out.add(reader.read(rows));
      }
      return out;
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  /** Runs {@code work} atomically; nested calls join the outer transaction. */
  public synchronized <T> T transaction(Work<T> work) {
    try {
      if (!connection.getAutoCommit()) {
        return work.run();
      }
      connection.setAutoCommit(false);
      T result;
      try {
        result = work.run();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        endFailed(e);
        throw e;
      }
      connection.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /**
   * Rolls back and returns to autocommit after {@code first}. SQLite may have rolled back already (it does on a
   * full disk), so failures here are kept with the first failure instead of hiding it.
   */
  private void endFailed(Exception first) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      first.addSuppressed(e);
    }
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      first.addSuppressed(e);
    }
  }

  synchronized void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * A statement that failed may be unusable (sqlite-jdbc closes it on some errors, as on a full disk), so it is
   * compiled again on its next use.
   */
  private StoreException failed(String sql, SQLException e) {
    PreparedStatement ps = statements.remove(sql);
    try {
      if (ps != null) {
        ps.close();
      }
    } catch (SQLException closing) {
      e.addSuppressed(closing);
    }
    return new StoreException(e.getMessage(), e);
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  @Override
  public synchronized void close() {
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      statements.clear();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }
}
