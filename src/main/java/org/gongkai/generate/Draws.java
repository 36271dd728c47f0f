package org.gongkai.generate;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random draws for the generator. StrictMath throughout: the same seed gives the same corpus on every JVM and CPU.
 */
final class Draws {

  private static final int EXACT_LIMIT = 40;

  private Draws() {
  }

  static double normal(SplittableRandom r) {
    double u;
    double v;
    double s;
    do {
      u = r.nextDouble() * 2 - 1;
      v = r.nextDouble() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
  }

  static double logNormal(SplittableRandom r, double mu, double sigma) {
    return StrictMath.exp(mu + sigma * normal(r));
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** Poisson: exact for small means, the normal approximation for large ones. */
  static long poisson(SplittableRandom r, double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean < EXACT_LIMIT) {
      double limit = StrictMath.exp(-mean);
      long k = 0;
      double p = r.nextDouble();
      while (p > limit) {
        k++;
        p *= r.nextDouble();
      }
      return k;
    }
    return Math.max(0, StrictMath.round(mean + StrictMath.sqrt(mean) * normal(r)));
  }

  static long binomial(SplittableRandom r, long n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (n < EXACT_LIMIT) {
      long k = 0;
      for (long i = 0; i < n; i++) {
        if (r.nextDouble() < p) {
          k++;
        }
      }
      return k;
    }
    double mean = n * p;
    long k = StrictMath.round(mean + StrictMath.sqrt(mean * (1 - p)) * normal(r));
    return Math.max(0, Math.min(n, k));
  }

  /** Splits {@code n} over categories in proportion to {@code weights} (need not sum to 1). */
  static long[] multinomial(SplittableRandom r, long n, double[] weights) {
    long[] out = new long[weights.length];
    double rest = 0;
    for (double w : weights) {
      rest += w;
    }
    long left = n;
    for (int i = 0; i < weights.length && left > 0; i++) {
      if (i == weights.length - 1 || rest <= weights[i]) {
        out[i] = left;
        left = 0;
        break;
      }
      long k = binomial(r, left, weights[i] / rest);
      out[i] = k;
      left -= k;
      rest -= weights[i];
    }
    return out;
  }

  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    // rounding left x at 0: the last choice that can be drawn
    int last = weights.length - 1;
    while (last > 0 && weights[last] <= 0) {
      last--;
    }
    return last;
  }

  /** A key of a weight map, in proportion to its weight. */
  static String weighted(SplittableRandom r, Map<String, Double> weights) {
    double[] w = weights.values().stream().mapToDouble(Double::doubleValue).toArray();
    return List.copyOf(weights.keySet()).get(weighted(r, w));
  }

  static <T> T pick(SplittableRandom r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  /** A whole number in [from, to]. */
  static long between(SplittableRandom r, long from, long to) {
    return from + (long) (r.nextDouble() * (to - from + 1));
  }
}
