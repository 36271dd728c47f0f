package org.gongkai.parse.encoding;

import java.util.List;

/** Text decoded from a file's bytes, the charset used and anything doubtful about the decoding. */
public record Decoded(String text, String charset, List<String> warnings) {

  public Decoded {
    warnings = List.copyOf(warnings);
  }
}
