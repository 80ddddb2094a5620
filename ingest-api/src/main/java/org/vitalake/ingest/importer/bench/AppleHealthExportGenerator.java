package org.vitalake.ingest.importer.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an Apple Health {@code export.xml} of a chosen size by repeating the record shapes of real
 * exports (their elements, attributes, device strings and metadata) with advancing timestamps,
 * streaming so that generating gigabytes needs no memory.
 */
public final class AppleHealthExportGenerator {

  private static final Pattern ELEMENT =
      Pattern.compile(
          "<(Record|Workout)\\b[^>]*?/>|<(Record|Workout)\\b[^>]*?[^/]>.*?</\\2>", Pattern.DOTALL);
  private static final Pattern DATE =
      Pattern.compile("(creationDate|startDate|endDate)=\"([^\"]*)\"");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final String prologue;
  private final List<String> shapes;

  /**
   * @param samples real exports whose prologue (XML declaration, DTD, root, {@code Me}) is taken
   *     from the first and whose {@code Record} and {@code Workout} elements are the shapes
   */
  public AppleHealthExportGenerator(List<Path> samples) throws IOException {
    String first = Files.readString(samples.get(0));
    int firstRecord = first.indexOf("<Record");
    this.prologue = first.substring(0, firstRecord);
    this.shapes = new ArrayList<>();
    for (Path sample : samples) {
      Matcher element = ELEMENT.matcher(Files.readString(sample));
      while (element.find()) {
        // one line per element keeps line numbers meaningful and the file closer to real exports
        shapes.add(element.group().replaceAll("\\s*\\n\\s*", " "));
      }
    }
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("no Record or Workout element in " + samples);
    }
  }

  /** How many distinct element shapes are repeated. */
  public int shapeCount() {
    return shapes.size();
  }

  /**
   * Writes an export of at least {@code bytes} bytes to {@code target}.
   *
   * @return the number of records written
   */
  public long write(Path target, long bytes) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    List<Template> templates = shapes.stream().map(Template::of).toList();
    long records = 0;
    LocalDateTime time = LocalDateTime.of(2016, 1, 1, 0, 0);
    long written = 0;
    StringBuilder element = new StringBuilder(1024);
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8),
            1 << 20)) {
      out.write(prologue);
      written += prologue.length();
      while (written < bytes) {
        Template template = templates.get((int) (records % templates.size()));
        element.setLength(0);
        element.append(' ');
        template.render(
            element, FORMAT.format(time), FORMAT.format(time.plusSeconds(template.seconds())));
        element.append('\n');
        out.append(element);
        written += element.length();
        records++;
        time = time.plusSeconds(37);
      }
      out.write("</HealthData>\n");
    }
    return records;
  }

  /**
   * An element cut at its dates: the text between them, which date goes where with its own offset,
   * and the original interval length (a workout keeps its 31 minutes).
   */
  private record Template(
      List<String> texts, List<String> dates, List<String> offsets, long seconds) {

    static Template of(String shape) {
      List<String> texts = new ArrayList<>();
      List<String> dates = new ArrayList<>();
      List<String> offsets = new ArrayList<>();
      String start = null;
      String end = null;
      Matcher date = DATE.matcher(shape);
      int from = 0;
      while (date.find()) {
        texts.add(shape.substring(from, date.start(2)));
        dates.add(date.group(1));
        String value = date.group(2);
        offsets.add(value.length() > 19 ? value.substring(19) : " +0000");
        if (date.group(1).equals("startDate")) {
          start = value;
        } else if (date.group(1).equals("endDate")) {
          end = value;
        }
        from = date.end(2);
      }
      texts.add(shape.substring(from));
      long seconds = 30;
      if (start != null && end != null && start.length() >= 19 && end.length() >= 19) {
        seconds =
            java.time.Duration.between(
                    LocalDateTime.parse(start.substring(0, 19), FORMAT),
                    LocalDateTime.parse(end.substring(0, 19), FORMAT))
                .getSeconds();
      }
      return new Template(texts, dates, offsets, seconds);
    }

    void render(StringBuilder out, String start, String end) {
      for (int i = 0; i < dates.size(); i++) {
        out.append(texts.get(i))
            .append(dates.get(i).equals("endDate") ? end : start)
            .append(offsets.get(i));
      }
      out.append(texts.get(texts.size() - 1));
    }
  }
}
