package org.gongkai.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.gongkai.catalog.MetricCatalog;
import org.gongkai.generate.CorpusPlan.Slot;

/**
 * Generates a corpus of annual reports with its ground truth: DIR/files/NNN/rNNNNNN.{txt,html} and
 * DIR/truth.jsonl. Deterministic for a seed: the plan is drawn sequentially, then each agency's figures from a
 * random generator of its own and each file from one of its own, so agencies are generated in parallel.
 */
public final class CorpusGenerator {

  /** Files per folder under DIR/files. */
  static final int FOLDER_SIZE = 1000;
  private static final int CHUNK = 256;
  private static final long STREAM = 1_000_003L;
  private static final long AGENCY_SALT = 0x5DEECE66DL;

  /**
   * @param anomalyRate share of reports with an injected anomaly, 0 to 1
   */
  /** @param layouts the weights of the file layouts by id; null: those of corpus.yaml */
  public record Options(int reports, String years, Path out, long seed, double anomalyRate,
                        Map<String, Double> layouts) {

    public Options(int reports, String years, Path out, long seed, double anomalyRate) {
      this(reports, years, out, seed, anomalyRate, null);
    }
  }

  /** What a run wrote. */
  public record Summary(int files, int agencies, Map<String, Integer> layouts, Map<String, Integer> anomalies,
                        Path truth, long millis) {

    public int anomalous() {
      return anomalies.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final MetricCatalog catalog;
  private final Settings corpus;
  private final Settings prose;
  private final Agencies agencies;
  private final FigureModel model;
  private final DocumentBuilder documents;
  private final Map<String, TemplateView> templates = new HashMap<>();
  private final Map<String, Identities> identities = new HashMap<>();

  public CorpusGenerator() {
    this(MetricCatalog.standard());
  }

  public CorpusGenerator(MetricCatalog catalog) {
    this.catalog = catalog;
    this.corpus = Settings.load("corpus.yaml");
    this.prose = Settings.load("prose.yaml");
    Settings template = Settings.load("template.yaml");
    this.agencies = new Agencies(Gazetteer.load(Settings.load("places.yaml")), Settings.load("agencies.yaml"));
    this.model = new FigureModel(catalog, agencies, Settings.load("figures.yaml"));
    this.documents = new DocumentBuilder(prose, template, corpus);
    catalog.formats().forEach(f -> {
      templates.put(f.id(), new TemplateView(catalog, f.id()));
      identities.put(f.id(), new Identities(catalog, f.id()));
    });
  }

  public Summary generate(Options options) throws IOException {
    long start = System.nanoTime();
    YearRange years = YearRange.parse(options.years());
    CorpusPlan plan = CorpusPlan.make(agencies, options.reports(), years, options.anomalyRate(),
        corpus.weights("anomalies"), options.seed());
    Path out = options.out();
    Files.createDirectories(out);
    Naming naming = new Naming(options.reports());
    for (int folder = 0; folder * FOLDER_SIZE < options.reports(); folder++) {
      Files.createDirectories(out.resolve(naming.folder(folder * FOLDER_SIZE)));
    }
    // each agency's files are consecutive in the plan
    Map<Integer, List<Slot>> byAgency = new TreeMap<>();
    plan.slots().forEach(s -> byAgency.computeIfAbsent(s.agency(), k -> new ArrayList<>()).add(s));
    List<Integer> order = new ArrayList<>(byAgency.keySet());

    Map<String, Integer> layouts = new LinkedHashMap<>();
    Map<String, Integer> anomalies = new LinkedHashMap<>();
    Path truthFile = out.resolve("truth.jsonl");
    try (BufferedWriter truth = Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
      for (int from = 0; from < order.size(); from += CHUNK) {
        // files and their truth lines are made in parallel; the lines are written in file order
        List<List<Written>> chunk = order.subList(from, Math.min(order.size(), from + CHUNK)).parallelStream()
            .map(a -> agencyFiles(plan.agencies().get(a), byAgency.get(a), years, options, naming).stream()
                .map(t -> new Written(t, t.toJsonLine())).toList())
            .toList();
        for (List<Written> files : chunk) {
          for (Written w : files) {
            truth.write(w.json());
            truth.write('\n');
            layouts.merge(w.truth().layout().id(), 1, Integer::sum);
            w.truth().anomalies().forEach(a -> anomalies.merge(a.type().id(), 1, Integer::sum));
          }
        }
      }
    }
    return new Summary(plan.slots().size(), plan.agencies().size(), layouts, anomalies, truthFile,
        (System.nanoTime() - start) / 1_000_000);
  }

  private record Written(GroundTruth truth, String json) {
  }

  /** An agency's files, year after year: its figures are drawn once, then each file is laid out on its own. */
  private List<GroundTruth> agencyFiles(Agency agency, List<Slot> slots, YearRange years, Options options,
                                        Naming naming) {
    SplittableRandom ar = new SplittableRandom((options.seed() * STREAM + agency.index()) ^ AGENCY_SALT);
    Map<Integer, Figures> history = model.history(agency, years, ar);
    Map<Integer, String> written = new HashMap<>();
    List<GroundTruth> out = new ArrayList<>();
    for (Slot slot : slots) {
      SplittableRandom r = new SplittableRandom(options.seed() * STREAM + slot.file());
      TemplateView t = templates.get(TemplateView.formatFor(catalog, slot.year()));
      Figures clean = history.get(slot.year());
      Anomalies.Injected injected = null;
      if (slot.anomaly() == AnomalyType.DUPLICATE_CONFLICTING) {
        injected = Anomalies.conflict(t, clean, written.get(slot.duplicateOf()), r);
      } else if (slot.anomaly() != null) {
        injected = Anomalies.inject(slot.anomaly(), t, clean, r);
      }
      Figures printed = injected == null ? clean : injected.figures();
      verify(t, printed, history.get(slot.year() - 1), injected);

      FileLayout layout = FileLayout.of(Draws.weighted(r, options.layouts() != null ? options.layouts()
          : corpus.weights("layouts")));
      Set<String> keep = injected == null ? Set.of() : Set.copyOf(injected.anomaly().cells());
      Set<String> blank = Blanks.choose(agency, t, printed, keep, corpus, r);
      boolean yuan = r.nextBoolean();
      Map<String, String> texts = ValuePrinter.texts(t, printed, blank, layout, yuan, corpus, r);
      ReportDocument doc = documents.build(agency, slot.year(), t, printed, texts, yuan,
          injected == null ? null : injected.statedApplications(), layout, r);
      byte[] bytes = Renderer.of(layout, corpus, prose).bytes(doc, layout.charset(), r);

      String file = naming.file(slot.file(), layout.extension());
      try {
        Files.write(options.out().resolve(file), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.put(slot.file(), file);
      out.add(new GroundTruth(file, agency, slot.year(), layout, printed, blank,
          injected == null ? List.of() : List.of(injected.anomaly()),
          slot.duplicateOf() >= 0 ? written.get(slot.duplicateOf()) : null, doc.contactPhone(),
          !doc.title().isEmpty()));
    }
    return out;
  }

  /** The printed figures break exactly the identity the injected anomaly names, and no other. */
  private void verify(TemplateView t, Figures printed, Figures previousYear, Anomalies.Injected injected) {
    Identities check = identities.get(t.format());
    List<String> broken = new ArrayList<>();
    check.check(printed.values()).forEach(v -> broken.add(v.type()));
    if (previousYear != null) {
      check.carryOver(previousYear.values(), printed.values()).forEach(v -> broken.add(v.type()));
    }
    AnomalyType type = injected == null ? null : injected.anomaly().type();
    boolean tableAnomaly = type != null && type != AnomalyType.TEXT_TABLE_MISMATCH
        && type != AnomalyType.DUPLICATE_CONFLICTING;
    boolean ok = tableAnomaly ? !broken.isEmpty() && broken.stream().allMatch(type.id()::equals) : broken.isEmpty();
    if (!ok) {
      throw new IllegalStateException("generator bug: injected " + type + " but the figures break " + broken);
    }
  }

  /** File names: files/000/r000123.txt, at most a thousand files a folder. */
  static final class Naming {
    private final int digits;
    private final int folderDigits;

    Naming(int reports) {
      this.digits = Math.max(6, Integer.toString(Math.max(0, reports - 1)).length());
      this.folderDigits = Math.max(3, digits - 3);
    }

    String folder(int index) {
      return "files/" + pad(index / FOLDER_SIZE, folderDigits);
    }

    String file(int index, String extension) {
      return folder(index) + "/r" + pad(index, digits) + "." + extension;
    }

    private static String pad(int n, int width) {
      String s = Integer.toString(n);
      return "0".repeat(Math.max(0, width - s.length())) + s;
    }
  }
}
