package dev.corral.sandbox.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** A {@code wasi:filesystem/types.error-code} with the reason, for the guest and for logs. */
final class FsError extends Exception {
  private static final long serialVersionUID = 1L;

  /** The cases of {@code error-code}, in WIT order. */
  enum Code {
    ACCESS,
    WOULD_BLOCK,
    ALREADY,
    BAD_DESCRIPTOR,
    BUSY,
    DEADLOCK,
    QUOTA,
    EXIST,
    FILE_TOO_LARGE,
    ILLEGAL_BYTE_SEQUENCE,
    IN_PROGRESS,
    INTERRUPTED,
    INVALID,
    IO,
    IS_DIRECTORY,
    LOOP,
    TOO_MANY_LINKS,
    MESSAGE_SIZE,
    NAME_TOO_LONG,
    NO_DEVICE,
    NO_ENTRY,
    NO_LOCK,
    INSUFFICIENT_MEMORY,
    INSUFFICIENT_SPACE,
    NOT_DIRECTORY,
    NOT_EMPTY,
    NOT_RECOVERABLE,
    UNSUPPORTED,
    NO_TTY,
    NO_SUCH_DEVICE,
    OVERFLOW,
    NOT_PERMITTED,
    PIPE,
    READ_ONLY,
    INVALID_SEEK,
    TEXT_FILE_BUSY,
    CROSS_DEVICE;

    /** The WIT name, e.g. {@code no-entry}. */
    String witName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  final Code code;

  FsError(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** Maps a Java I/O failure to the closest error code. */
  static FsError of(IOException e) {
    Code code;
    if (e instanceof NoSuchFileException) {
      code = Code.NO_ENTRY;
    } else if (e instanceof FileAlreadyExistsException) {
      code = Code.EXIST;
    } else if (e instanceof DirectoryNotEmptyException) {
      code = Code.NOT_EMPTY;
    } else if (e instanceof NotDirectoryException) {
      code = Code.NOT_DIRECTORY;
    } else if (e instanceof AccessDeniedException) {
      code = Code.ACCESS;
    } else if (e instanceof FileSystemLoopException || e instanceof NotLinkException) {
      code = e instanceof NotLinkException ? Code.INVALID : Code.LOOP;
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      String reason = f.getReason();
      if (reason.contains("symbolic links")) {
        code = Code.LOOP;
      } else if (reason.contains("Is a directory")) {
        code = Code.IS_DIRECTORY;
      } else if (reason.contains("Not a directory")) {
        code = Code.NOT_DIRECTORY;
      } else if (reason.contains("Read-only")) {
        code = Code.READ_ONLY;
      } else if (reason.contains("Invalid argument")) {
        code = Code.INVALID;
      } else {
        code = Code.IO;
      }
    } else {
      code = Code.IO;
    }
    return new FsError(code, e.toString());
  }
}
