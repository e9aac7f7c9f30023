package dev.mailgateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpareBuffersTest {

  @Test
  void anArrayGivenBackIsLentAgain() {
    SpareBuffers buffers = new SpareBuffers(16, 2);
    byte[] first = buffers.lend();
    buffers.giveBack(first);

    assertThat(buffers.lend()).isSameAs(first);
  }

  @Test
  void withNoneSpareANewArrayOfTheSizeIsLent() {
    SpareBuffers buffers = new SpareBuffers(16, 2);

    assertThat(buffers.lend()).hasSize(16).isNotSameAs(buffers.lend());
  }

  @Test
  void noMoreThanTheKeptNumberWait() {
    SpareBuffers buffers = new SpareBuffers(16, 1);
    byte[] kept = buffers.lend();
    byte[] dropped = buffers.lend();
    buffers.giveBack(kept);
    buffers.giveBack(dropped);

    assertThat(buffers.lend()).isSameAs(kept);
    assertThat(buffers.lend()).isNotSameAs(dropped);
  }

  @Test
  void anArrayOfAnotherSizeIsNotTakenBack() {
    SpareBuffers buffers = new SpareBuffers(16, 2);
    byte[] other = new byte[8];
    buffers.giveBack(other);

    assertThat(buffers.lend()).hasSize(16);
  }
}
