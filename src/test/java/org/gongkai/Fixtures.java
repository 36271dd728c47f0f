package org.gongkai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test fixtures from the classpath: the bundled sample corpus (src/sample/corpus) and test resources. */
public final class Fixtures {

  public static final List<String> SEEDS = List.of(
      "000_6cbbeb53464e9ccf.txt",
      "001_39611b7db0bb4983.txt",
      "002_b3fef9399b69f476.txt",
      "003_095ad78399e2aa03.txt",
      "004_46f3e938f0b9fe4b.txt");

  private Fixtures() {
  }

  public static byte[] bytes(String resource) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  public static byte[] seed(String name) {
    return bytes("corpus/" + name);
  }

  public static String seedText(String name) {
    return text("corpus/" + name);
  }
}
