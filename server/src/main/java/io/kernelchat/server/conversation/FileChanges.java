package io.kernelchat.server.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an execution did to the workspace: files created, modified (size or time) and deleted. */
final class FileChanges {
  private FileChanges() {}

  static Map<String, FileInfo> snapshot(WorkspaceFiles workspace) {
    Map<String, FileInfo> files = new LinkedHashMap<>();
    for (FileInfo f : workspace.list()) {
      files.put(f.name(), f);
    }
    return files;
  }

  static List<Views.FileEvent> between(Map<String, FileInfo> before, Map<String, FileInfo> after) {
    List<Views.FileEvent> changes = new ArrayList<>();
    after.forEach((name, now) -> {
      FileInfo was = before.get(name);
      if (was == null) {
        changes.add(new Views.FileEvent("created", now));
      } else if (was.size() != now.size() || was.modified() != now.modified()) {
        changes.add(new Views.FileEvent("modified", now));
      }
    });
    before.forEach((name, was) -> {
      if (!after.containsKey(name)) {
        changes.add(new Views.FileEvent("deleted", was));
      }
    });
    return changes;
  }
}
