package org.vitalake.serving.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection issuing GET requests, as lean as a load generator needs: the
 * client should cost far less than the server it measures.
 */
final class RawHttpConnection implements Closeable {

  /** Status and body of one response. */
  record Response(int status, byte[] body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  RawHttpConnection(URI base) {
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : 80;
  }

  Response get(String path, String token) throws IOException {
    if (socket == null) {
      connect();
    }
    StringBuilder request = new StringBuilder(256 + (token == null ? 0 : token.length()));
    request
        .append("GET ")
        .append(path)
        .append(" HTTP/1.1\r\nHost: ")
        .append(host)
        .append(':')
        .append(port);
    if (token != null) {
      request.append("\r\nAuthorization: Bearer ").append(token);
    }
    request.append("\r\nAccept: application/json\r\n\r\n");
    try {
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(30_000);
    out = new BufferedOutputStream(socket.getOutputStream(), 4096);
    in = new BufferedInputStream(socket.getInputStream(), 65536);
  }

  private Response read() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
          size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        all.write(in.readNBytes(size));
        line();
      }
      line();
      body = all.toByteArray();
    } else if (length >= 0) {
      body = in.readNBytes(length);
      if (body.length < length) {
        throw new EOFException("connection closed inside a response body");
      }
    } else {
      body = in.readAllBytes();
      close = true;
    }
    if (close) {
      close();
    }
    return new Response(status, body);
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder(64);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection
      }
      socket = null;
    }
  }
}
