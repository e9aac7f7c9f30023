package dev.mailgateway.runtime.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgateway.runtime.receive.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSpoolTest {

  static final String RECEIVED = "Subject: hello\r\nFrom: a@example.com\r\n\r\nBody.\r\n";

  @TempDir
  Path root;

  private static QueueEntry entry(String id, int recipients) {
    List<Mailbox> to = Stream.iterate(0, i -> i + 1).limit(recipients)
        .map(i -> new Mailbox("user" + i, "elsewhere.example")).toList();
    return QueueEntry.fresh(id, Optional.of(new Mailbox("a", "example.com")), to,
        Instant.parse("2026-11-25T10:00:00Z"));
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Receives the text into a draft and commits it with the entry and the header lines. */
  private static void queue(Spool spool, QueueEntry entry, String text, String headerLines)
      throws IOException {
    try (Spool.Draft draft = spool.begin()) {
      receive(draft, text);
      draft.commit(entry, headerLines);
    }
  }

  private static void receive(Spool.Draft draft, String text) throws IOException {
    OutputStream out = draft.content();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Test
  void aCommittedMessageIsOneFileWithItsHeaderLinesInFront() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("A1", 1), RECEIVED, "Received: by gateway\r\n");

    assertThat(read(spool.open("A1"))).isEqualTo("Received: by gateway\r\n" + RECEIVED);
    assertThat(spool.entries()).containsExactly(entry("A1", 1));
    try (Stream<Path> files = Files.list(root.resolve("queue"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("A1.q");
    }
    try (Stream<Path> drafts = Files.list(root.resolve("tmp"))) {
      assertThat(drafts).isEmpty();
    }
  }

  @Test
  void aDraftReadBackAndClosedCanStillBeWrittenAndCommitted() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    try (Spool.Draft draft = spool.begin()) {
      receive(draft, "Subject: hello\r\n");
      assertThat(read(draft.written())).isEqualTo("Subject: hello\r\n");
      receive(draft, "From: a@example.com\r\n\r\nBody.\r\n");
      assertThat(read(draft.written())).isEqualTo(RECEIVED);
      draft.commit(entry("A0", 1), "Received: by gateway\r\n");
    }

    assertThat(read(spool.open("A0"))).isEqualTo("Received: by gateway\r\n" + RECEIVED);
  }

  @Test
  void aRewrittenHeaderBlockTakesThePlaceOfTheReceivedOne() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    try (Spool.Draft draft = spool.begin()) {
      receive(draft, RECEIVED);
      draft.commit(entry("A2", 1), "Subject: [x] hello\r\n\r\n", RECEIVED.indexOf("Body."));
    }

    assertThat(read(spool.open("A2"))).isEqualTo("Subject: [x] hello\r\n\r\nBody.\r\n");
  }

  @Test
  void anEnvelopeAndHeadersLargerThanTheRoomReservedAreCopiedWhole() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    String longHeader = "X-Long: " + "y".repeat(20_000) + "\r\n";
    queue(spool, entry("A3", 400), RECEIVED, longHeader);

    assertThat(read(spool.open("A3"))).isEqualTo(longHeader + RECEIVED);
    assertThat(spool.entries()).singleElement().satisfies(e -> assertThat(e.recipients()).hasSize(400));
  }

  @Test
  void theContentIsReadInPlaceFromItsOffset() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("A4", 1), RECEIVED, "Received: by gateway\r\n");

    QueuedContent content = spool.content("A4");
    try (InputStream in = Files.newInputStream(content.file())) {
      in.skipNBytes(content.offset());
      assertThat(read(in)).startsWith("Received: by gateway\r\nSubject: hello");
    }
  }

  @Test
  void anUpdatedEnvelopeTakesThePlaceOfTheOneInside() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("A5", 2), RECEIVED, "");
    QueueEntry later = entry("A5", 2).deferred(List.of(new Mailbox("user1", "elsewhere.example")),
        Instant.parse("2026-11-25T10:05:00Z"), "451 try later");

    spool.update(later);

    spool.close();
    assertThat(FileSpool.open(root, Clock.systemUTC()).entries()).containsExactly(later);
  }

  @Test
  void aRemovedMessageLeavesNothing() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("A6", 1), RECEIVED, "");
    spool.update(entry("A6", 1).deferred(List.of(), Instant.now(), "x"));

    spool.remove("A6");

    try (Stream<Path> files = Files.list(root.resolve("queue"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anUncommittedDraftIsGoneAtTheNextStartAndAnOrphanEnvelopeToo() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    Spool.Draft draft = spool.begin();
    receive(draft, RECEIVED);
    Files.writeString(root.resolve("queue/B1.env"), EnvelopeFile.write(entry("B1", 1)));

    spool.close();
    FileSpool reopened = FileSpool.open(root, Clock.systemUTC());

    assertThat(reopened.entries()).isEmpty();
    try (Stream<Path> drafts = Files.list(root.resolve("tmp"))) {
      assertThat(drafts).isEmpty();
    }
    assertThat(root.resolve("queue/B1.env")).doesNotExist();
  }

  @Test
  void aClosedDraftThatWasNotCommittedIsDeleted() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    try (Spool.Draft draft = spool.begin()) {
      receive(draft, RECEIVED);
    }

    try (Stream<Path> drafts = Files.list(root.resolve("tmp"))) {
      assertThat(drafts).isEmpty();
    }
  }

  @Test
  void aDamagedQueueFileIsSetAsideAndTheRestIsListed() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("C1", 1), RECEIVED, "");
    Files.writeString(root.resolve("queue/C2.q"), "");

    spool.close();
    assertThat(FileSpool.open(root, Clock.systemUTC()).entries()).extracting(QueueEntry::id)
        .containsExactly("C1");
    assertThat(root.resolve("corrupt/C2.q")).exists();
  }

  @Test
  void aRemovedMessagesFileServesTheNextDraft() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("D1", 1), RECEIVED, "");
    spool.remove("D1");
    queue(spool, entry("D2", 1), "Subject: next\r\n\r\nx\r\n", "");

    assertThat(read(spool.open("D2"))).isEqualTo("Subject: next\r\n\r\nx\r\n");
    assertThat(spool.entries()).extracting(QueueEntry::id).containsExactly("D2");
  }

  @Test
  void aReusedFilesOlderBytesAreNotPartOfTheNextMessage() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("E1", 1), RECEIVED + "x".repeat(5000) + "\r\n", "");
    spool.remove("E1");
    String shorter = "Subject: next\r\n\r\nx\r\n";
    try (Spool.Draft draft = spool.begin()) {
      receive(draft, shorter);
      assertThat(read(draft.written())).isEqualTo(shorter);
      draft.commit(entry("E2", 1), "Received: by gateway\r\n");
    }

    spool.close();
    FileSpool reopened = FileSpool.open(root, Clock.systemUTC());
    assertThat(read(reopened.open("E2"))).isEqualTo("Received: by gateway\r\n" + shorter);
    QueuedContent content = reopened.content("E2");
    assertThat(content.end() - content.offset()).isEqualTo(("Received: by gateway\r\n" + shorter).length());
  }

  @Test
  void aQueueFileOfTheFirstLayoutIsStillRead() throws IOException {
    Files.createDirectories(root.resolve("queue"));
    String envelope = EnvelopeFile.write(entry("F1", 1));
    String head = "mgq1 " + "0".repeat(16) + "512\n" + envelope + ".\n";
    Files.writeString(root.resolve("queue/F1.q"),
        head + " ".repeat(512 - head.length()) + RECEIVED, StandardCharsets.ISO_8859_1);

    FileSpool spool = FileSpool.open(root, Clock.systemUTC());

    assertThat(spool.entries()).containsExactly(entry("F1", 1));
    assertThat(read(spool.open("F1"))).isEqualTo(RECEIVED);
  }

  @Test
  void aSpoolInUseIsNotOpenedForAQueueCommand() throws IOException {
    try (FileSpool inUse = FileSpool.open(root, Clock.systemUTC())) {
      assertThat(FileSpool.openIdle(root, Clock.systemUTC())).isEmpty();
    }
    try (FileSpool idle = FileSpool.openIdle(root, Clock.systemUTC()).orElseThrow()) {
      assertThat(idle.entries()).isEmpty();
    }
  }

  @Test
  void aHeldEntryReadsBackHeld() throws IOException {
    FileSpool spool = FileSpool.open(root, Clock.systemUTC());
    queue(spool, entry("A1", 1), RECEIVED, "");

    spool.update(spool.entry("A1").orElseThrow().held(true, Instant.EPOCH));

    spool.close();
    try (FileSpool again = FileSpool.open(root, Clock.systemUTC())) {
      assertThat(again.entry("A1")).get().satisfies(entry -> assertThat(entry.held()).isTrue());
    }
  }
}
