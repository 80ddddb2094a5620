package org.vitalake.ingest.importer;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What an import reads: one file, a folder of files, or a zip archive of them, seen as named
 * entries ({@code /}-separated paths, sorted) that are opened one at a time as streams.
 */
public abstract class ImportInput implements Closeable {

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private final String name;
  private final AtomicLong bytesRead = new AtomicLong();

  protected ImportInput(String name) {
    this.name = name;
  }

  /** Bytes read so far through the streams {@link #open} returned, for progress reports. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** The size of all entries together (uncompressed), or -1 when unknown. */
  public abstract long totalBytes();

  /** Counts what is read from {@code in} into {@link #bytesRead()}. */
  protected InputStream counted(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          bytesRead.addAndGet(n);
        }
        return n;
      }
    };
  }

  /** The name of the upload or path, for messages. */
  public String name() {
    return name;
  }

  /** Every file entry, sorted by path. */
  public abstract List<String> entries();

  /** Opens one entry as a stream; the caller closes it. */
  public abstract InputStream open(String entry) throws IOException;

  /**
   * The last path segment of an entry, e.g. {@code sleep.json} for {@code p01/fitbit/sleep.json}.
   */
  public static String baseName(String entry) {
    int slash = entry.lastIndexOf('/');
    return slash < 0 ? entry : entry.substring(slash + 1);
  }

  /**
   * Opens {@code path}: a folder is walked, a zip archive (recognised by its content, not its name)
   * is read through its directory, anything else is a single entry.
   *
   * @param displayName the name used in messages and entry names for a single file
   */
  public static ImportInput open(Path path, String displayName) throws IOException {
    if (Files.isDirectory(path)) {
      return new Folder(path, displayName);
    }
    if (!Files.isRegularFile(path)) {
      throw new ImportFailedException(displayName, "no such file or folder");
    }
    if (isZip(path)) {
      try {
        return new Zip(new ZipFile(path.toFile()), displayName);
      } catch (ZipException e) {
        throw new ImportFailedException(
            displayName, "not a readable zip archive: " + e.getMessage(), e);
      }
    }
    return new SingleFile(path, displayName);
  }

  /** {@link #open(Path, String)} named by the file name. */
  public static ImportInput open(Path path) throws IOException {
    Path fileName = path.toAbsolutePath().normalize().getFileName();
    return open(path, fileName == null ? path.toString() : fileName.toString());
  }

  private static boolean isZip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4
          && head[0] == ZIP_MAGIC[0]
          && head[1] == ZIP_MAGIC[1]
          && head[2] == ZIP_MAGIC[2]
          && head[3] == ZIP_MAGIC[3];
    }
  }

  private static final class SingleFile extends ImportInput {
    private final Path path;

    SingleFile(Path path, String name) {
      super(name);
      this.path = path;
    }

    @Override
    public List<String> entries() {
      return List.of(name());
    }

    @Override
    public InputStream open(String entry) throws IOException {
      return counted(Files.newInputStream(path));
    }

    @Override
    public long totalBytes() {
      try {
        return Files.size(path);
      } catch (IOException e) {
        return -1;
      }
    }

    @Override
    public void close() {}
  }

  private static final class Folder extends ImportInput {
    private final Path root;

    Folder(Path root, String name) {
      super(name);
      this.root = root;
    }

    @Override
    public List<String> entries() {
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .filter(Files::isRegularFile)
            .map(p -> root.relativize(p).toString().replace('\\', '/'))
            .filter(n -> !isHidden(n))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new ImportFailedException(name(), "cannot list the folder: " + e.getMessage(), e);
      }
    }

    @Override
    public InputStream open(String entry) throws IOException {
      return counted(Files.newInputStream(root.resolve(entry)));
    }

    @Override
    public long totalBytes() {
      long total = 0;
      for (String entry : entries()) {
        try {
          total += Files.size(root.resolve(entry));
        } catch (IOException e) {
          return -1;
        }
      }
      return total;
    }

    @Override
    public void close() {}
  }

  private static final class Zip extends ImportInput {
    private final ZipFile zip;

    Zip(ZipFile zip, String name) {
      super(name);
      this.zip = zip;
    }

    @Override
    public List<String> entries() {
      List<String> names = new ArrayList<>();
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        if (!entry.isDirectory() && !isHidden(entry.getName())) {
          names.add(entry.getName());
        }
      }
      Collections.sort(names);
      return names;
    }

    @Override
    public InputStream open(String entry) throws IOException {
      ZipEntry found = zip.getEntry(entry);
      if (found == null) {
        throw new ImportFailedException(name(), "no entry " + entry);
      }
      return counted(zip.getInputStream(found));
    }

    @Override
    public long totalBytes() {
      long total = 0;
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        long size = all.nextElement().getSize();
        if (size < 0) {
          return -1;
        }
        total += size;
      }
      return total;
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }

  /** macOS adds {@code __MACOSX/} and {@code ._x} resource forks to zips; they are not data. */
  private static boolean isHidden(String entry) {
    return entry.startsWith("__MACOSX/") || baseName(entry).startsWith(".");
  }
}
