package dev.corral.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in one file, as of now. Each {@link #current()} checks the file's modification time,
 * size and identity (inode); when they changed, or when the last read was too close to the last
 * modification to trust the time stamp, it re-reads the file and compares a SHA-256 of its bytes. A
 * changed file is parsed: a good one takes effect at once; a broken one is reported (logged once,
 * and through {@link #lastError()}) while the last good policy stays in force. No file means {@link
 * Policy#denyAll()}; so does a broken file with no good version seen before.
 *
 * <p>Thread-safe. Costs one {@code stat} per call while the file is unchanged.
 */
public final class LivePolicy {
  private static final Logger log = LoggerFactory.getLogger(LivePolicy.class);

  /** Modifications this close to a read may share the read's time stamp tick: re-hash them. */
  private static final Duration RACY = Duration.ofSeconds(2);

  private final Path file;
  private final Clock clock;
  private Policy policy = Policy.denyAll();
  private Optional<PolicyException> error = Optional.empty();
  private Stamp stamp;
  private boolean racy = true;
  private byte[] hash;

  private record Stamp(FileTime modified, long size, Object fileKey) {}

  public LivePolicy(Path file) {
    this(file, Clock.systemUTC());
  }

  LivePolicy(Path file, Clock clock) {
    this.file = file.toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path file() {
    return file;
  }

  /**
   * The policy in force now, re-read if the file changed. Never throws: whatever goes wrong reading
   * or parsing the file (even a bug) keeps the last good policy and is reported.
   */
  public synchronized Policy current() {
    try {
      return refresh();
    } catch (RuntimeException e) {
      log.error("reading policy {} failed; keeping the last good policy", file, e);
      return failed(
          new PolicyException(
              List.of(
                  new PolicyProblem(
                      file.toString(),
                      0,
                      0,
                      "",
                      "cannot read the policy file: " + e,
                      "this is a bug in Corral; the last good policy stays in force"))),
          null);
    }
  }

  private Policy refresh() {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (stamp != null || hash != null) {
        log.info("policy {} removed; the component now runs with the deny-all policy", file);
      }
      policy = Policy.denyAll();
      error = Optional.empty();
      stamp = null;
      hash = null;
      racy = true;
      return policy;
    } catch (IOException e) {
      return failed(unreadable(e), null);
    }
    Stamp now = new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    if (now.equals(stamp) && !racy) {
      return policy;
    }
    Instant readAt = clock.instant();
    byte[] bytes;
    try {
      bytes = PolicyParser.readBytes(file, file.toString());
    } catch (NoSuchFileException e) {
      return refresh();
    } catch (IOException e) {
      return failed(unreadable(e), null);
    } catch (PolicyException e) { // not a regular file, or too large: not re-read until it changes
      seen(now, attributes, readAt);
      return failed(e, null);
    }
    seen(now, attributes, readAt);
    byte[] digest = sha256(bytes);
    if (Arrays.equals(digest, hash)) {
      return policy;
    }
    try {
      Policy parsed =
          PolicyParser.parse(
              PolicyParser.decode(bytes, file.toString()), file.toString(), file.getParent());
      if (hash != null) {
        log.info("policy {} changed; reloaded", file);
      }
      hash = digest;
      policy = parsed;
      error = Optional.empty();
      return policy;
    } catch (PolicyException e) {
      return failed(e, digest);
    }
  }

  /**
   * Remembers the file's state as read at {@code readAt}; a file modified within {@link #RACY} of
   * that could still change without its stamp changing, so it is read again next time.
   */
  private void seen(Stamp now, BasicFileAttributes attributes, Instant readAt) {
    stamp = now;
    racy = !attributes.lastModifiedTime().toInstant().plus(RACY).isBefore(readAt);
  }

  /**
   * The problem with the file as it is now, if it is broken (the last good policy is still in
   * force).
   */
  public synchronized Optional<PolicyException> lastError() {
    current();
    return error;
  }

  /**
   * Reports {@code e} and keeps the policy; {@code digest} is of the bytes that failed, null if
   * none were read.
   */
  private Policy failed(PolicyException e, byte[] digest) {
    boolean fresh = error.isEmpty() || !error.get().getMessage().equals(e.getMessage());
    if (fresh) {
      log.warn("policy {} is invalid; keeping the last good policy:\n{}", file, e.getMessage());
    }
    error = Optional.of(e);
    hash = digest; // bytes not read (or read by a failed attempt) are parsed again once they can be
    // read
    return policy;
  }

  private PolicyException unreadable(IOException e) {
    return new PolicyException(
        List.of(
            new PolicyProblem(
                file.toString(),
                0,
                0,
                "",
                "cannot read the policy file: " + e,
                "check the file's permissions")));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
