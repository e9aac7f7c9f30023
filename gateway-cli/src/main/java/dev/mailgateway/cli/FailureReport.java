package dev.mailgateway.cli;

import dev.mailgateway.api.PolicyException;
import dev.mailgateway.api.Violation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns what goes wrong into a message and an exit code: an invalid input prints every violation
 * with its source and exits 1; an unreadable file or a failed daemon exits 1 with its reason.
 */
final class FailureReport implements CommandLine.IExecutionExceptionHandler {

  /** The exit code of invalid input. */
  static final int INVALID_INPUT = 1;

  @Override
  public int handleExecutionException(Exception failure, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (failure instanceof PolicyException invalid) {
      err.println("error: the input is invalid; nothing was written.");
      for (Violation violation : invalid.violations()) {
        err.println("  " + violation);
      }
    } else if (failure instanceof UncheckedIOException io) {
      err.println("error: " + io.getMessage() + ": " + reason(io.getCause()));
    } else if (failure instanceof java.io.IOException io) {
      err.println("error: " + reason(io));
    } else if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
      err.println("error: " + failure.getMessage());
    } else {
      err.println("error: " + failure);
      failure.printStackTrace(err);
    }
    err.flush();
    return INVALID_INPUT;
  }

  /**
   * What went wrong with a file, in words: the JDK's exceptions say only the file's name ("X")
   * or the decoder's state ("Input length = 1").
   */
  static String reason(java.io.IOException failure) {
    if (failure instanceof java.nio.file.NoSuchFileException missing) {
      return missing.getFile() + ": no such file";
    }
    if (failure instanceof java.nio.file.AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (failure instanceof java.nio.file.FileSystemException other && other.getReason() != null) {
      return other.getFile() + ": " + other.getReason();
    }
    if (failure instanceof java.nio.charset.CharacterCodingException) {
      return "the text is not valid UTF-8 (or not ASCII where only ASCII is allowed)";
    }
    return failure.getMessage() == null ? "an I/O error" : failure.getMessage();
  }
}
