package org.gongkai.region;

/**
 * One GB/T 2260 administrative division. For a municipality (北京市, 上海市…) the province is its own
 * prefecture; a county-level city administered directly by its province (济源市) has no prefecture.
 */
public record Division(String code, String name, Level level, String provinceCode, String prefectureCode) {

  public enum Level { PROVINCE, PREFECTURE, COUNTY }

  /** True when {@code other} is this division or lies inside it. */
  public boolean contains(Division other) {
    return switch (level) {
      case PROVINCE -> code.equals(other.provinceCode);
      case PREFECTURE -> code.equals(other.prefectureCode);
      case COUNTY -> code.equals(other.code);
    };
  }
}
