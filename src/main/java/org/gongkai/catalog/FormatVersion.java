package org.gongkai.catalog;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A version of the national report template, recognised by the template document the report cites or by labels
 * only its tables print ({@code shape}).
 */
public record FormatVersion(String id, String zh, String en, Pattern citation, int firstYear, List<String> shape) {

  public FormatVersion {
    shape = List.copyOf(shape);
  }
}
