package org.gongkai.generate;

import static org.gongkai.generate.TemplateView.CARRIED_FORWARD;
import static org.gongkai.generate.TemplateView.CARRIED_OVER;
import static org.gongkai.generate.TemplateView.NEW_RECEIVED;
import static org.gongkai.generate.TemplateView.RESULTS_TOTAL;
import static org.gongkai.generate.TemplateView.TOTAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.gongkai.catalog.ColumnSpec;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.catalog.RowSpec;

/**
 * Draws an agency's true figures year after year (figures.yaml, agencies.yaml): skewed application counts (most
 * agencies a handful a year, a few thousands), handled so that every identity of the template holds, and what is
 * still open at a year's end carried over into the next year.
 */
final class FigureModel {

  private final MetricCatalog catalog;
  private final Agencies agencies;
  private final Settings figures;
  private final Map<String, Double> resultWeights;
  private final Map<String, TemplateView> templates = new java.util.HashMap<>();

  FigureModel(MetricCatalog catalog, Agencies agencies, Settings figures) {
    this.catalog = catalog;
    this.agencies = agencies;
    this.figures = figures;
    this.resultWeights = figures.weights("results.weights");
    for (var f : catalog.formats()) {
      templates.put(f.id(), new TemplateView(catalog, f.id()));
      for (RowSpec row : templates.get(f.id()).resultRows()) {
        if (!resultWeights.containsKey(row.key())) {
          throw new IllegalStateException("figures.yaml: results.weights lacks result row " + row.key());
        }
      }
    }
  }

  /** The agency's figures for every year of the range, drawn in year order. */
  Map<Integer, Figures> history(Agency agency, YearRange years, SplittableRandom r) {
    Profile p = profile(agency, r);
    Map<Integer, Figures> out = new TreeMap<>();
    long[] carried = null;
    for (int year = years.from(); year <= years.to(); year++) {
      TemplateView t = templates.get(TemplateView.formatFor(catalog, year));
      Figures.Builder b = new Figures.Builder(t);
      carried = table3(t, b, p, year - years.from(), carried, r);
      table4(t, b, p, r);
      if (t.t2Rows().stream().anyMatch(row -> row.key().equals("other_services"))) {
        table2Of2019(b, p, r);
      } else {
        table2Of2021(b, p, r);
      }
      out.put(year, b.build());
    }
    return out;
  }

  /** What stays the same about an agency from year to year. */
  private static final class Profile {
    double volume;
    double[] applicantMix;
    Map<String, Double> results;
    double carryRate;
    double[] appealRates;
    double regulations;
    double normative;
    double licensing;
    double penalty;
    double coercion;
    double fees;
    long regulationStock;
    long normativeStock;
    long licensingItems;
    long otherServiceItems;
    long penaltyItems;
    long coercionItems;
    long feeItems;
    double procurementProjects;
    double procurementPerProject;
  }

  private Profile profile(Agency a, SplittableRandom r) {
    Profile p = new Profile();
    Category c = a.category();
    p.volume = Draws.logNormal(r, agencies.levelMu(a.level()) + c.mu(), figures.number("applications.agencySigma"));
    Map<String, Double> shares = figures.weights("applications.applicants");
    double jitter = figures.number("applications.applicantJitter");
    p.applicantMix = shares.values().stream().mapToDouble(s -> s * Draws.logNormal(r, 0, jitter)).toArray();
    double resultJitter = figures.number("results.jitter");
    Map<String, Double> results = new java.util.LinkedHashMap<>();
    resultWeights.forEach((k, w) -> results.put(k, w * Draws.logNormal(r, 0, resultJitter)));
    p.results = results;
    p.carryRate = Draws.chance(r, figures.number("applications.carryShare"))
        ? Math.min(0.5, figures.number("applications.carryRate") * Draws.logNormal(r, 0, 0.6)) : 0;
    Map<String, Double> appeals = figures.weights("appeals.rates");
    double sigma = figures.number("appeals.sigma");
    p.appealRates = templates.get(catalog.formats().get(0).id()).t4Rows().stream()
        .mapToDouble(row -> rate(appeals, row.key()) * Draws.logNormal(r, 0, sigma)).toArray();

    Category.Activity t2 = c.t2();
    boolean legislates = t2.regulations() > 0 && !a.belowPrefecture();
    p.regulations = legislates ? t2.regulations() * Draws.logNormal(r, 0, 0.4) : 0;
    p.normative = t2.normative() * Draws.logNormal(r, 0, 0.6) * (a.belowPrefecture() ? 0.5 : 1);
    p.licensing = decisions(r, t2.licensing(), a);
    p.penalty = decisions(r, t2.penalty(), a);
    p.coercion = decisions(r, t2.coercion(), a);
    p.fees = t2.fees().share() > 0 && Draws.chance(r, t2.fees().share())
        ? Draws.logNormal(r, t2.fees().logMean(), 0.8) : 0;
    p.regulationStock = legislates ? Draws.poisson(r, p.regulations * 8) : 0;
    p.normativeStock = Draws.poisson(r, p.normative * 5);
    p.licensingItems = items(r, p.licensing, "items2019.licensing");
    p.otherServiceItems = Draws.chance(r, 0.4) ? items(r, p.licensing + 1, "items2019.other_services") : 0;
    p.penaltyItems = items(r, p.penalty, "items2019.penalty");
    p.coercionItems = items(r, p.coercion, "items2019.coercion");
    p.feeItems = p.fees > 0 ? items(r, 1, "items2019.fees") : 0;
    p.procurementProjects = Draws.chance(r, figures.number("procurement2019.share"))
        ? Draws.logNormal(r, figures.number("procurement2019.projects"), 0.8) : 0;
    p.procurementPerProject = Draws.logNormal(r, figures.number("procurement2019.amountPerProject"), 0.8);
    return p;
  }

  private static double rate(Map<String, Double> rates, String row) {
    Double rate = rates.get(row);
    if (rate == null) {
      throw new IllegalStateException("figures.yaml: appeals.rates lacks table 4 row " + row);
    }
    return rate;
  }

  /** Mean yearly decisions of a kind, or 0 when the agency takes none. */
  private static double decisions(SplittableRandom r, Category.Rate rate, Agency a) {
    if (rate.share() <= 0 || !Draws.chance(r, rate.share())) {
      return 0;
    }
    double levelShift = Agency.PROVINCE.equals(a.level()) ? 0.5 : Agency.TOWNSHIP.equals(a.level()) ? -1 : 0;
    return Draws.logNormal(r, rate.logMean() + levelShift, 0.9);
  }

  private long items(SplittableRandom r, double activity, String path) {
    return activity > 0 ? Math.max(1, Math.round(Draws.logNormal(r, figures.number(path), 0.6))) : 0;
  }

  /** Table 3 for one year; returns what is carried forward into the next year, per applicant column. */
  private long[] table3(TemplateView t, Figures.Builder b, Profile p, int yearIndex, long[] carried,
                        SplittableRandom r) {
    List<ColumnSpec> applicants = t.applicants();
    int n = applicants.size();
    double mean = p.volume * Draws.logNormal(r, 0, figures.number("applications.yearSigma"))
        * StrictMath.pow(figures.number("applications.yearTrend"), yearIndex);
    long[] received = Draws.multinomial(r, Draws.poisson(r, mean), p.applicantMix);
    long[] over = new long[n];
    for (int c = 0; c < n; c++) {
      over[c] = carried != null ? carried[c]
          : Draws.poisson(r, p.volume * p.carryRate * p.applicantMix[c]);
    }
    List<RowSpec> results = t.resultRows();
    double[] weights = results.stream().mapToDouble(row -> p.results.get(row.key())).toArray();
    long[] forward = new long[n];
    long[][] handled = new long[results.size()][n];
    for (int c = 0; c < n; c++) {
      long open = received[c] + over[c];
      forward[c] = Draws.binomial(r, open, p.carryRate);
      long[] split = Draws.multinomial(r, open - forward[c], weights);
      for (int i = 0; i < results.size(); i++) {
        handled[i][c] = split[i];
      }
    }
    setRow(b, NEW_RECEIVED, applicants, received);
    setRow(b, CARRIED_OVER, applicants, over);
    long[] total = new long[n];
    for (int i = 0; i < results.size(); i++) {
      setRow(b, results.get(i).key(), applicants, handled[i]);
      for (int c = 0; c < n; c++) {
        total[c] += handled[i][c];
      }
    }
    setRow(b, RESULTS_TOTAL, applicants, total);
    setRow(b, CARRIED_FORWARD, applicants, forward);
    return forward;
  }

  private static void setRow(Figures.Builder b, String row, List<ColumnSpec> applicants, long[] values) {
    long sum = 0;
    for (int c = 0; c < applicants.size(); c++) {
      b.set(TemplateView.t3(row, applicants.get(c).key()), values[c]);
      sum += values[c];
    }
    b.set(TemplateView.t3(row, TOTAL), sum);
  }

  private void table4(TemplateView t, Figures.Builder b, Profile p, SplittableRandom r) {
    long handled = b.count(TemplateView.t3(RESULTS_TOTAL, TOTAL));
    List<ColumnSpec> outcomes = t.outcomes();
    Map<String, Double> shares = figures.weights("appeals.outcomes");
    double[] w = outcomes.stream().mapToDouble(o -> shares.getOrDefault(o.key(), 0.1)).toArray();
    List<RowSpec> groups = t.t4Rows();
    for (int g = 0; g < groups.size(); g++) {
      long cases = Draws.poisson(r, p.appealRates[g] * handled);
      long[] split = Draws.multinomial(r, cases, w);
      for (int o = 0; o < outcomes.size(); o++) {
        b.set(TemplateView.t4(groups.get(g).key(), outcomes.get(o).key()), split[o]);
      }
      b.set(TemplateView.t4(groups.get(g).key(), TOTAL), cases);
    }
  }

  private void table2Of2021(Figures.Builder b, Profile p, SplittableRandom r) {
    long[] regs = documents(p.regulations, p.regulationStock, r);
    p.regulationStock = regs[2];
    b.set("t2.regulations.issued", regs[0]).set("t2.regulations.repealed", regs[1])
        .set("t2.regulations.in_force", regs[2]);
    long[] docs = documents(p.normative, p.normativeStock, r);
    p.normativeStock = docs[2];
    b.set("t2.normative_documents.issued", docs[0]).set("t2.normative_documents.repealed", docs[1])
        .set("t2.normative_documents.in_force", docs[2]);
    b.set("t2.licensing.decisions", yearly(p.licensing, r));
    b.set("t2.penalty.decisions", yearly(p.penalty, r));
    b.set("t2.coercion.decisions", yearly(p.coercion, r));
    b.set("t2.fees.amount", p.fees > 0 && Draws.chance(r, 0.85) ? wan(Draws.logNormal(r, 0, 0.5) * p.fees)
        : BigDecimal.ZERO);
  }

  private void table2Of2019(Figures.Builder b, Profile p, SplittableRandom r) {
    long[] regs = documents(p.regulations, p.regulationStock, r);
    p.regulationStock = regs[2];
    long regsPublished = Math.max(0, regs[0] - (Draws.chance(r, 0.1) ? 1 : 0));
    b.set("t2.regulations.made", regs[0]).set("t2.regulations.published", regsPublished)
        .set("t2.regulations.total_published", regs[2]);
    long[] docs = documents(p.normative, p.normativeStock, r);
    p.normativeStock = docs[2];
    b.set("t2.normative_documents.made", docs[0]).set("t2.normative_documents.published", docs[0])
        .set("t2.normative_documents.total_published", docs[2]);
    p.licensingItems = items2019(b, "licensing", p.licensingItems, p.licensing, r);
    p.otherServiceItems = items2019(b, "other_services", p.otherServiceItems, p.licensing / 4, r);
    p.penaltyItems = items2019(b, "penalty", p.penaltyItems, p.penalty, r);
    p.coercionItems = items2019(b, "coercion", p.coercionItems, p.coercion, r);
    long feeChange = change(p.feeItems, r);
    b.set("t2.fees.prior_year", p.feeItems).set("t2.fees.change", feeChange);
    p.feeItems += feeChange;
    long projects = p.procurementProjects > 0 ? Draws.poisson(r, p.procurementProjects) : 0;
    b.set("t2.procurement.projects", projects);
    b.set("t2.procurement.amount", projects > 0
        ? wan(projects * p.procurementPerProject * Draws.logNormal(r, 0, 0.4)) : BigDecimal.ZERO);
  }

  /** Items in force at the start of the year, their change, and the year's decisions (2019 template). */
  private long items2019(Figures.Builder b, String row, long items, double decisionsMean, SplittableRandom r) {
    long change = change(items, r);
    b.set("t2." + row + ".prior_year", items).set("t2." + row + ".change", change)
        .set("t2." + row + ".decisions", yearly(decisionsMean, r));
    return items + change;
  }

  private long change(long items, SplittableRandom r) {
    if (items == 0) {
      return 0;
    }
    long change = Math.round(items * figures.number("items2019.changeRate") * Draws.normal(r));
    return Math.max(-items, change);
  }

  /** Issued, repealed and in force at the year's end, from the stock at its start. */
  private static long[] documents(double rate, long stock, SplittableRandom r) {
    long issued = Draws.poisson(r, rate);
    long repealed = Math.min(stock, Draws.poisson(r, rate * 0.35));
    return new long[] {issued, repealed, stock + issued - repealed};
  }

  private static long yearly(double mean, SplittableRandom r) {
    return mean > 0 ? Draws.poisson(r, mean * Draws.logNormal(r, 0, 0.25)) : 0;
  }

  /** An amount in 万元 with at most two decimals, as reports print them. */
  private static BigDecimal wan(double amount) {
    BigDecimal v = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }
}
