package org.gongkai.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version stamped on every row gongkai writes, so a reprocess can be told from the run before it. */
public final class BuildInfo {

  public static final String VERSION = load();

  private BuildInfo() {
  }

  /** e.g. "gongkai 0.1.0-SNAPSHOT". */
  public static String parserVersion() {
    return "gongkai " + VERSION;
  }

  private static String load() {
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("gongkai/build.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
