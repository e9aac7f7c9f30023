package dev.mailgateway.runtime.control;

import dev.mailgateway.api.MailQueue;
import dev.mailgateway.api.QueuedMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** The queue of a running gateway, reached through its control socket; a connection a request. */
final class RemoteQueue implements MailQueue {

  private final Path socket;

  RemoteQueue(Path socket) {
    this.socket = socket;
  }

  /** Whether a gateway answers on the socket. */
  static boolean answers(Path socket) {
    try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Sends a request; returns the payload lines, or the raw content of a {@code show}. */
  Reply request(String line) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(channel);
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = Channels.newInputStream(channel);
      List<String> lines = new ArrayList<>();
      byte[] raw = null;
      while (true) {
        String text = readLine(in);
        if (text == null) {
          throw new IOException("the gateway closed its control socket without an answer");
        }
        if (text.equals(".")) {
          return new Reply(lines, raw);
        }
        if (text.startsWith("!")) {
          String why = text.substring(1);
          if (why.contains("no message with this queue id")) {
            throw new NoSuchElementException(why);
          }
          throw new IOException(lines.isEmpty() ? why : why + ":\n  " + String.join("\n  ", lines));
        }
        if (text.startsWith("=")) {
          raw = in.readNBytes(Integer.parseInt(text.substring(1)));
          continue;
        }
        lines.add(text.startsWith(".") ? text.substring(1) : text);
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** An answer: its payload lines, and the raw bytes of a {@code show}. */
  record Reply(List<String> lines, byte[] raw) { }

  @Override
  public List<QueuedMessage> list() throws IOException {
    List<QueuedMessage> messages = new ArrayList<>();
    for (String line : request("list").lines()) {
      messages.add(PostqueueJson.read(line));
    }
    return messages;
  }

  @Override
  public InputStream content(String id) throws IOException {
    byte[] raw = request("show " + id).raw();
    return new ByteArrayInputStream(raw == null ? new byte[0] : raw);
  }

  @Override
  public int flush() throws IOException {
    return Integer.parseInt(request("flush").lines().get(0));
  }

  @Override
  public List<String> delete(List<String> ids) throws IOException {
    return change("delete", ids);
  }

  @Override
  public List<String> hold(List<String> ids) throws IOException {
    return change("hold", ids);
  }

  @Override
  public List<String> release(List<String> ids) throws IOException {
    return change("release", ids);
  }

  @Override
  public List<String> requeue(List<String> ids) throws IOException {
    return change("requeue", ids);
  }

  /** A change of the messages named; the ids it acted on. */
  private List<String> change(String verb, List<String> ids) throws IOException {
    return request(verb + " " + String.join(" ", ids)).lines();
  }
}
