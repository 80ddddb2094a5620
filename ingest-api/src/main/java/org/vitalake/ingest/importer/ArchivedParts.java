package org.vitalake.ingest.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * An upload's parts, read back from where they are stored as one file: a single entry named by the
 * upload's file name, whose stream fetches the parts in order with a few fetched ahead while the
 * importer reads. Each {@link #open} after the first fetches them again. A part arrives as pieces
 * of at most {@link #PIECE_BYTES} (see {@code RawArchive.getInPieces}) and must hold as many bytes
 * as the listing said; a part that cannot be read, or changed since, fails every later read of the
 * stream, so an importer cannot skip over it.
 */
final class ArchivedParts extends ImportInput {

  /** Parts in memory or on their way at once, the one being read included (4 of 3 MB). */
  static final int FETCHED_AHEAD = 4;

  /** Largest piece of a part in memory: below G1's humongous size in any heap this service runs. */
  static final int PIECE_BYTES = 256 * 1024;

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private final List<UploadStore.StoredPart> parts;
  private final Function<String, List<byte[]>> fetch;
  private final ExecutorService fetchers;
  private final long totalBytes;
  private final Deque<PartStream> open = new ArrayDeque<>();

  /** Part 1 as fetched to look at its first bytes, handed to the first stream opened. */
  private List<byte[]> firstPart;

  private volatile PartUnreadableException failure;

  /**
   * @param name the upload's file name
   * @param parts the parts in order
   * @param fetch reads a part's bytes by its reference, as consecutive pieces
   * @param fetchers runs the fetches
   */
  ArchivedParts(
      String name,
      List<UploadStore.StoredPart> parts,
      Function<String, List<byte[]>> fetch,
      ExecutorService fetchers) {
    super(name);
    this.parts = List.copyOf(parts);
    this.fetch = fetch;
    this.fetchers = fetchers;
    this.totalBytes = parts.stream().mapToLong(UploadStore.StoredPart::size).sum();
  }

  /**
   * Whether the content is a zip archive, judged from its first bytes as files are; they are read
   * from part 1, which holds a whole chunk of the content when the parts are streamed.
   */
  synchronized boolean isZip() throws IOException {
    if (firstPart == null) {
      firstPart = fetchNow(0);
    }
    byte[] head = firstPart.isEmpty() ? new byte[0] : firstPart.get(0);
    return head.length >= ZIP_MAGIC.length
        && Arrays.equals(head, 0, ZIP_MAGIC.length, ZIP_MAGIC, 0, ZIP_MAGIC.length);
  }

  /** How many parts there are. */
  int count() {
    return parts.size();
  }

  /** The first part that could not be read, or null when every read so far succeeded. */
  PartUnreadableException failure() {
    return failure;
  }

  @Override
  public List<String> entries() {
    return List.of(name());
  }

  @Override
  public synchronized InputStream open(String entry) throws IOException {
    if (!entry.equals(name())) {
      throw new ImportFailedException(name(), "no entry " + entry);
    }
    PartStream stream = new PartStream(firstPart);
    firstPart = null;
    open.add(stream);
    return counted(stream);
  }

  @Override
  public long totalBytes() {
    return totalBytes;
  }

  @Override
  public synchronized void close() {
    open.forEach(PartStream::close);
    open.clear();
    firstPart = null;
  }

  private List<byte[]> fetchNow(int index) throws IOException {
    try {
      return fetchChecked(index);
    } catch (RuntimeException e) {
      throw unreadable(index, e);
    }
  }

  /** Part {@code index} (from 0), refused when it does not hold the bytes the listing said. */
  private List<byte[]> fetchChecked(int index) {
    UploadStore.StoredPart part = parts.get(index);
    List<byte[]> pieces = fetch.apply(part.ref());
    long bytes = 0;
    for (byte[] piece : pieces) {
      bytes += piece.length;
    }
    if (bytes != part.size()) {
      throw new IllegalStateException(
          "it holds "
              + bytes
              + " bytes where the listing at the import's start said "
              + part.size()
              + "; it changed after the import started");
    }
    return pieces;
  }

  private PartUnreadableException unreadable(int index, Throwable cause) {
    PartUnreadableException e =
        new PartUnreadableException(index + 1, parts.get(index).ref(), cause);
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  /** Thrown by a stream of the parts when one cannot be fetched. */
  static final class PartUnreadableException extends IOException {
    private final int part;
    private final String ref;

    PartUnreadableException(int part, String ref, Throwable cause) {
      super("cannot read part " + part + " (" + ref + "): " + cause.getMessage(), cause);
      this.part = part;
      this.ref = ref;
    }

    /** The part's number, from 1. */
    int part() {
      return part;
    }

    /** Where the part is stored. */
    String ref() {
      return ref;
    }
  }

  /** The parts' bytes in order, with up to {@value #FETCHED_AHEAD} parts fetched at once. */
  private final class PartStream extends InputStream {
    private final Deque<Future<List<byte[]>>> ahead = new ArrayDeque<>();

    /** The failure every read after it repeats. */
    private IOException failed;

    private int nextToFetch;
    private int current = -1;

    /** The pieces of the current part not read yet. */
    private Iterator<byte[]> pieces = Collections.emptyIterator();

    private byte[] bytes;
    private int position;
    private boolean closed;

    PartStream(List<byte[]> first) {
      if (first != null) {
        ahead.add(CompletableFuture.completedFuture(first));
        nextToFetch = 1;
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (failed != null) {
        throw failed;
      }
      if (length == 0) {
        return 0;
      }
      while (bytes == null || position == bytes.length) {
        if (pieces.hasNext()) {
          bytes = pieces.next();
          position = 0;
        } else if (!advance()) {
          return -1;
        }
      }
      int n = Math.min(length, bytes.length - position);
      System.arraycopy(bytes, position, buffer, offset, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return bytes == null ? 0 : bytes.length - position;
    }

    /** Moves to the next part; false after the last. */
    private boolean advance() throws IOException {
      if (closed) {
        throw new IOException("the stream of " + name() + " is closed");
      }
      try {
        return moveOn();
      } catch (IOException e) {
        failed = e;
        throw e;
      }
    }

    private boolean moveOn() throws IOException {
      while (nextToFetch < parts.size() && ahead.size() < FETCHED_AHEAD) {
        int index = nextToFetch++;
        ahead.addLast(fetchers.submit(() -> fetchChecked(index)));
      }
      if (ahead.isEmpty()) {
        bytes = null;
        return false;
      }
      current++;
      bytes = null; // the part read before can be collected while the next one is awaited
      try {
        pieces = ahead.removeFirst().get().iterator();
      } catch (ExecutionException e) {
        throw unreadable(current, e.getCause());
      } catch (CancellationException e) {
        throw new InterruptedIOException("reading " + name() + " was cancelled");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted =
            new InterruptedIOException("interrupted while reading the parts of " + name());
        interrupted.initCause(e);
        throw interrupted;
      }
      return true;
    }

    @Override
    public void close() {
      closed = true;
      ahead.forEach(f -> f.cancel(true));
      ahead.clear();
      pieces = Collections.emptyIterator();
      bytes = null;
    }
  }
}
