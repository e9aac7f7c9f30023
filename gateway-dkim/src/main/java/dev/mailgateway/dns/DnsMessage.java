package dev.mailgateway.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DNS messages as RFC 1035 lays them out: a query for one name and type (with an EDNS0 OPT
 * record, RFC 6891, so that key records of a few kilobytes fit in one UDP answer), and the
 * answer to it, read from bytes a server (or whoever answers in its place) sent. Reading checks
 * every length and offset against the message and follows at most a bounded number of
 * compression pointers, so that no answer can make it read outside the bytes or loop.
 */
final class DnsMessage {

  static final int TYPE_MX = 15;
  static final int TYPE_TXT = 16;
  static final int RCODE_NOERROR = 0;
  static final int RCODE_SERVFAIL = 2;
  static final int RCODE_NXDOMAIN = 3;
  static final int RCODE_REFUSED = 5;
  /** The UDP payload we offer (the DNS flag day 2020 value). */
  static final int UDP_PAYLOAD = 1232;

  private static final int TYPE_OPT = 41;
  private static final int CLASS_IN = 1;
  private static final int HEADER = 12;
  private static final int MAX_POINTERS = 32;

  /** One resource record of the answer section: its data lies at {@code offset} in the message. */
  record Answer(String owner, int type, byte[] message, int offset, int length) {}

  /**
   * An answer to a query.
   *
   * @param id the message id
   * @param truncated whether the TC bit is set: the whole answer needs TCP
   * @param rcode the response code
   * @param answers the answer section
   */
  record Response(int id, boolean truncated, int rcode, List<Answer> answers) {}

  private DnsMessage() {}

  /**
   * A recursive query for a name and type.
   *
   * @throws IllegalArgumentException when the name is no DNS name (a label over 63 bytes, an
   *     empty label, over 253 characters, or not ASCII)
   */
  static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeShort(out, id);
    writeShort(out, 0x0100);
    writeShort(out, 1);
    writeShort(out, 0);
    writeShort(out, 0);
    writeShort(out, 1);
    writeName(out, name);
    writeShort(out, type);
    writeShort(out, CLASS_IN);
    out.write(0);
    writeShort(out, TYPE_OPT);
    writeShort(out, UDP_PAYLOAD);
    writeShort(out, 0);
    writeShort(out, 0);
    writeShort(out, 0);
    return out.toByteArray();
  }

  private static void writeName(ByteArrayOutputStream out, String name) {
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (bare.isEmpty() || bare.length() > 253) {
      throw new IllegalArgumentException("'" + name + "' is not a DNS name");
    }
    for (String label : bare.split("\\.", -1)) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      if (label.isEmpty() || bytes.length > 63 || !StandardCharsets.US_ASCII.newEncoder().canEncode(label)) {
        throw new IllegalArgumentException("'" + name + "' is not a DNS name");
      }
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.write(0);
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8 & 0xff);
    out.write(value & 0xff);
  }

  /**
   * Reads the answer to a query for {@code name} and {@code type}.
   *
   * @throws IllegalArgumentException when the bytes are no answer to that query: too short, a
   *     length or pointer outside the message, a pointer loop, not a response, another question
   */
  static Response response(byte[] message, String name, int type) {
    Reader reader = new Reader(message);
    int id = reader.u16();
    int flags = reader.u16();
    if ((flags & 0x8000) == 0) {
      throw new IllegalArgumentException("not a response (QR is 0)");
    }
    int questions = reader.u16();
    int answers = reader.u16();
    reader.u16();
    reader.u16();
    if (questions != 1) {
      throw new IllegalArgumentException(questions + " questions, not 1");
    }
    String asked = reader.name();
    int askedType = reader.u16();
    reader.u16();
    String expected = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (askedType != type || !asked.equalsIgnoreCase(expected)) {
      throw new IllegalArgumentException("an answer to another question (" + asked + " type " + askedType + ")");
    }
    boolean truncated = (flags & 0x0200) != 0;
    List<Answer> records = new ArrayList<>();
    for (int i = 0; i < answers && !truncated; i++) {
      String owner = reader.name();
      int recordType = reader.u16();
      reader.u16();
      reader.u16();
      reader.u16();
      int length = reader.u16();
      int offset = reader.position;
      reader.skip(length);
      records.add(new Answer(owner.toLowerCase(Locale.ROOT), recordType, message, offset, length));
    }
    return new Response(id, truncated, flags & 0x000f, records);
  }

  /** The character-strings of a TXT record, joined as DKIM (RFC 6376 3.6.2.2) wants them. */
  static String txt(Answer answer) {
    StringBuilder text = new StringBuilder();
    int at = answer.offset();
    int end = at + answer.length();
    byte[] message = answer.message();
    while (at < end) {
      int size = message[at] & 0xff;
      if (at + 1 + size > end) {
        throw new IllegalArgumentException("a TXT string runs past its record");
      }
      text.append(new String(message, at + 1, size, StandardCharsets.ISO_8859_1));
      at += 1 + size;
    }
    return text.toString();
  }

  /** An MX record's preference and exchange host. */
  static MxRecord mx(Answer answer) {
    if (answer.length() < 3) {
      throw new IllegalArgumentException("an MX record of " + answer.length() + " bytes");
    }
    Reader reader = new Reader(answer.message());
    reader.position = answer.offset();
    int preference = reader.u16();
    String exchange = reader.name();
    if (reader.position > answer.offset() + answer.length()) {
      throw new IllegalArgumentException("an MX host runs past its record");
    }
    return new MxRecord(preference, exchange.toLowerCase(Locale.ROOT));
  }

  /** Reads a message front to back, every read checked against its end. */
  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int u8() {
      need(1);
      return bytes[position++] & 0xff;
    }

    int u16() {
      return u8() << 8 | u8();
    }

    void skip(int count) {
      need(count);
      position += count;
    }

    private void need(int count) {
      if (position + count > bytes.length) {
        throw new IllegalArgumentException("the message ends at byte " + bytes.length
            + ", inside a field at " + position);
      }
    }

    /** A domain name, following compression pointers (RFC 1035 4.1.4) only backwards. */
    String name() {
      StringBuilder name = new StringBuilder();
      int at = position;
      int resume = -1;
      int pointers = 0;
      while (true) {
        if (at >= bytes.length) {
          throw new IllegalArgumentException("a name runs past the message");
        }
        int length = bytes[at] & 0xff;
        if ((length & 0xc0) == 0xc0) {
          if (at + 1 >= bytes.length) {
            throw new IllegalArgumentException("a name pointer runs past the message");
          }
          int target = (length & 0x3f) << 8 | bytes[at + 1] & 0xff;
          if (++pointers > MAX_POINTERS || target >= at) {
            throw new IllegalArgumentException("a name pointer that loops or points forward");
          }
          if (resume < 0) {
            resume = at + 2;
          }
          at = target;
          continue;
        }
        if ((length & 0xc0) != 0) {
          throw new IllegalArgumentException("a label type that does not exist (" + length + ")");
        }
        if (length == 0) {
          position = resume < 0 ? at + 1 : resume;
          return name.toString();
        }
        if (at + 1 + length > bytes.length) {
          throw new IllegalArgumentException("a label runs past the message");
        }
        if (name.length() > 0) {
          name.append('.');
        }
        name.append(new String(bytes, at + 1, length, StandardCharsets.ISO_8859_1));
        if (name.length() > 255) {
          throw new IllegalArgumentException("a name over 255 characters");
        }
        at += 1 + length;
      }
    }
  }
}
