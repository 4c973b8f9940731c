package dev.corral.sandbox.wasi;

import static dev.corral.sandbox.wasi.Wit.*;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.FlagsValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.Value;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code wasi:filesystem/types} and {@code preopens}: only the granted directories, read-only
 * unless granted for writing, every path resolved and checked by {@link Preopen}.
 */
final class FilesystemImports {
  static final int TYPE_UNKNOWN = 0;
  static final int TYPE_DIRECTORY = 3;
  static final int TYPE_SYMLINK = 5;
  static final int TYPE_REGULAR = 6;
  private static final int FLAG_READ = 0;
  private static final int FLAG_WRITE = 1;
  private static final int FLAG_MUTATE_DIRECTORY = 5;
  private static final int OPEN_CREATE = 0;
  private static final int OPEN_DIRECTORY = 1;
  private static final int OPEN_EXCLUSIVE = 2;
  private static final int OPEN_TRUNCATE = 3;

  /** The most descriptors one call may hold open: a guest cannot exhaust the host's files. */
  static final int MAX_OPEN_DESCRIPTORS = 256;

  private final WasiContext ctx;
  private final IoImports io;
  private final List<Preopen> preopens;

  private FilesystemImports(WasiContext ctx, IoImports io, List<Preopen> preopens) {
    this.ctx = ctx;
    this.io = io;
    this.preopens = preopens;
  }

  @FunctionalInterface
  private interface FsBody {
    Value run() throws FsError, ComponentTrap;
  }

  private static Optional<Value> fs(FsBody body) throws ComponentTrap {
    try {
      return Optional.of(ResultValue.ok(body.run()));
    } catch (FsError e) {
      return Optional.of(ResultValue.err(new EnumValue(e.code.ordinal())));
    }
  }

  static void register(
      WasiContext ctx, IoImports io, List<Preopen> preopens, List<HostInstance> out) {
    new FilesystemImports(ctx, io, preopens).register(out);
  }

  private void register(List<HostInstance> out) {
    String v = "@" + WasiHost.VERSION;
    HostInstance.Builder b = HostInstance.builder("wasi:filesystem/types" + v);
    ResourceType descriptor = b.resource("descriptor", ctx.descriptors::drop);
    ResourceType entryStream = b.resource("directory-entry-stream", ctx.directoryStreams::drop);
    ctx.descriptors.bind(descriptor);
    ctx.directoryStreams.bind(entryStream);

    EnumType descriptorType =
        enumOf(
            "unknown",
            "block-device",
            "character-device",
            "directory",
            "fifo",
            "symbolic-link",
            "regular-file",
            "socket");
    FlagsType descriptorFlags =
        flags(
            "read",
            "write",
            "file-integrity-sync",
            "data-integrity-sync",
            "requested-write-sync",
            "mutate-directory");
    FlagsType pathFlags = flags("symlink-follow");
    FlagsType openFlags = flags("create", "directory", "exclusive", "truncate");
    ValType datetime = ClockAndRandomImports.DATETIME;
    RecordType stat =
        record(
            "type",
            descriptorType,
            "link-count",
            U64,
            "size",
            U64,
            "data-access-timestamp",
            option(datetime),
            "data-modification-timestamp",
            option(datetime),
            "status-change-timestamp",
            option(datetime));
    VariantType newTimestamp = variant("no-change", null, "now", null, "timestamp", datetime);
    RecordType entry = record("type", descriptorType, "name", STRING);
    EnumType errorCode =
        new EnumType(Arrays.stream(FsError.Code.values()).map(FsError.Code::witName).toList());
    EnumType advice =
        enumOf("normal", "sequential", "random", "will-need", "dont-need", "no-reuse");
    RecordType hash = record("lower", U64, "upper", U64);
    ResultType unit = result(null, errorCode);

    b.function(
        "[method]descriptor.read-via-stream",
        method(descriptor, result(own(io.inputStream), errorCode), "offset", U64),
        a -> fs(() -> readStream(desc(a), toLong(a.get(1)))));
    b.function(
        "[method]descriptor.write-via-stream",
        method(descriptor, result(own(io.outputStream), errorCode), "offset", U64),
        a -> fs(() -> writeStream(desc(a), toLong(a.get(1)))));
    b.function(
        "[method]descriptor.append-via-stream",
        method(descriptor, result(own(io.outputStream), errorCode)),
        a -> fs(() -> writeStream(desc(a), -1)));
    b.function(
        "[method]descriptor.advise",
        method(descriptor, unit, "offset", U64, "length", U64, "advice", advice),
        a -> fs(() -> null));
    b.function("[method]descriptor.sync-data", method(descriptor, unit), a -> fs(() -> null));
    b.function("[method]descriptor.sync", method(descriptor, unit), a -> fs(() -> null));
    b.function(
        "[method]descriptor.get-flags",
        method(descriptor, result(descriptorFlags, errorCode)),
        a -> fs(() -> flagsOf(desc(a))));
    b.function(
        "[method]descriptor.get-type",
        method(descriptor, result(descriptorType, errorCode)),
        a -> fs(() -> new EnumValue(typeOf(desc(a)))));
    b.function(
        "[method]descriptor.set-size",
        method(descriptor, unit, "size", U64),
        a ->
            fs(
                () -> {
                  requireWritableFile(desc(a)).truncate(toLong(a.get(1)));
                  return null;
                }));
    b.function(
        "[method]descriptor.set-times",
        method(
            descriptor,
            unit,
            "data-access-timestamp",
            newTimestamp,
            "data-modification-timestamp",
            newTimestamp),
        a ->
            fs(
                () -> {
                  throw new FsError(FsError.Code.UNSUPPORTED, "set-times is not supported");
                }));
    b.function(
        "[method]descriptor.read",
        method(descriptor, result(tuple(BYTES, BOOL), errorCode), "length", U64, "offset", U64),
        a ->
            fs(
                () -> {
                  Descriptor d = desc(a);
                  long length = toLong(a.get(1));
                  int max =
                      length < 0 || length > IoImports.MAX_READ ? IoImports.MAX_READ : (int) length;
                  long offset = toLong(a.get(2));
                  byte[] data = d.readAt(offset, max);
                  return tupleOf(
                      bytes(data),
                      bool(data.length == 0 && max > 0 || offset + data.length >= d.size()));
                }));
    b.function(
        "[method]descriptor.write",
        method(descriptor, result(U64, errorCode), "buffer", BYTES, "offset", U64),
        a ->
            fs(
                () -> {
                  byte[] data = toBytes(a.get(1));
                  requireWritableFile(desc(a)).writeAt(toLong(a.get(2)), data);
                  return u64(data.length);
                }));
    b.function(
        "[method]descriptor.read-directory",
        method(descriptor, result(own(entryStream), errorCode)),
        a -> fs(() -> ctx.directoryStreams.add(listEntries(desc(a)))));
    b.function(
        "[method]descriptor.create-directory-at",
        method(descriptor, unit, "path", STRING),
        a ->
            fs(
                () -> {
                  createDirectory(desc(a), toStr(a.get(1)));
                  return null;
                }));
    b.function(
        "[method]descriptor.stat",
        method(descriptor, result(stat, errorCode)),
        a -> fs(() -> statOf(desc(a))));
    b.function(
        "[method]descriptor.stat-at",
        method(descriptor, result(stat, errorCode), "path-flags", pathFlags, "path", STRING),
        a -> fs(() -> statAt(desc(a), follow(a.get(1)), toStr(a.get(2)))));
    b.function(
        "[method]descriptor.set-times-at",
        method(
            descriptor,
            unit,
            "path-flags",
            pathFlags,
            "path",
            STRING,
            "data-access-timestamp",
            newTimestamp,
            "data-modification-timestamp",
            newTimestamp),
        a ->
            fs(
                () -> {
                  throw new FsError(FsError.Code.UNSUPPORTED, "set-times-at is not supported");
                }));
    b.function(
        "[method]descriptor.link-at",
        method(
            descriptor,
            unit,
            "old-path-flags",
            pathFlags,
            "old-path",
            STRING,
            "new-descriptor",
            borrow(descriptor),
            "new-path",
            STRING),
        a ->
            fs(
                () -> {
                  throw new FsError(FsError.Code.NOT_PERMITTED, "hard links are not supported");
                }));
    b.function(
        "[method]descriptor.open-at",
        method(
            descriptor,
            result(own(descriptor), errorCode),
            "path-flags",
            pathFlags,
            "path",
            STRING,
            "open-flags",
            openFlags,
            "flags",
            descriptorFlags),
        a ->
            fs(
                () ->
                    ctx.descriptors.add(
                        openAt(
                            desc(a),
                            follow(a.get(1)),
                            toStr(a.get(2)),
                            ((FlagsValue) a.get(3)).bits(),
                            ((FlagsValue) a.get(4)).bits()))));
    b.function(
        "[method]descriptor.readlink-at",
        method(descriptor, result(STRING, errorCode), "path", STRING),
        a -> fs(() -> str(readLink(desc(a), toStr(a.get(1))))));
    b.function(
        "[method]descriptor.remove-directory-at",
        method(descriptor, unit, "path", STRING),
        a ->
            fs(
                () -> {
                  remove(desc(a), toStr(a.get(1)), true);
                  return null;
                }));
    b.function(
        "[method]descriptor.rename-at",
        method(
            descriptor,
            unit,
            "old-path",
            STRING,
            "new-descriptor",
            borrow(descriptor),
            "new-path",
            STRING),
        a ->
            fs(
                () -> {
                  Descriptor base = desc(a);
                  String from = toStr(a.get(1));
                  Descriptor target = ctx.descriptors.get(a.get(2));
                  String to = toStr(a.get(3));
                  LinkMutations.atomically(() -> rename(base, from, target, to));
                  return null;
                }));
    b.function(
        "[method]descriptor.symlink-at",
        method(descriptor, unit, "old-path", STRING, "new-path", STRING),
        a ->
            fs(
                () -> {
                  Descriptor base = desc(a);
                  String linkTarget = toStr(a.get(1));
                  String path = toStr(a.get(2));
                  LinkMutations.atomically(() -> symlink(base, linkTarget, path));
                  return null;
                }));
    b.function(
        "[method]descriptor.unlink-file-at",
        method(descriptor, unit, "path", STRING),
        a ->
            fs(
                () -> {
                  remove(desc(a), toStr(a.get(1)), false);
                  return null;
                }));
    b.function(
        "[method]descriptor.is-same-object",
        method(descriptor, BOOL, "other", borrow(descriptor)),
        a -> {
          Descriptor x = desc(a);
          Descriptor y = ctx.descriptors.get(a.get(1));
          try {
            return Optional.of(bool(x.preopen == y.preopen && fileKey(x).equals(fileKey(y))));
          } catch (FsError e) {
            return Optional.of(bool(false));
          }
        });
    b.function(
        "[method]descriptor.metadata-hash",
        method(descriptor, result(hash, errorCode)),
        a -> fs(() -> hashOf(fileKey(desc(a)))));
    b.function(
        "[method]descriptor.metadata-hash-at",
        method(descriptor, result(hash, errorCode), "path-flags", pathFlags, "path", STRING),
        a ->
            fs(
                () -> {
                  try (Preopen.Resolved r = resolve(desc(a), toStr(a.get(2)), follow(a.get(1)))) {
                    requireExists(r);
                    return hashOf(
                        r.attributes.fileKey() == null ? r.components() : r.attributes.fileKey());
                  }
                }));
    b.function(
        "[method]directory-entry-stream.read-directory-entry",
        method(entryStream, result(option(entry), errorCode)),
        a ->
            fs(
                () -> {
                  DirectoryEntries.Entry e = ctx.directoryStreams.get(a.get(0)).next();
                  return e == null
                      ? OptionValue.none()
                      : OptionValue.some(
                          new RecordValue(List.of(new EnumValue(e.type()), str(e.name()))));
                }));
    b.function(
        "filesystem-error-code",
        fn(option(errorCode), "err", borrow(io.error)),
        a -> Optional.of(OptionValue.none()));
    out.add(b.build());

    HostInstance.Builder p = HostInstance.builder("wasi:filesystem/preopens" + v);
    p.function(
        "get-directories",
        fn(list(tuple(own(descriptor), STRING))),
        a -> {
          List<Value> dirs = new ArrayList<>();
          for (Preopen preopen : preopens) {
            Descriptor d =
                new Descriptor(preopen, List.of(), true, null, true, false, preopen.writable);
            dirs.add(tupleOf(ctx.descriptors.add(d), str(preopen.guestPath)));
          }
          return Optional.of(new ListValue(dirs));
        });
    out.add(p.build());
  }

  private Descriptor desc(List<Value> args) throws ComponentTrap {
    return ctx.descriptors.get(args.get(0));
  }

  private static boolean follow(Value pathFlags) {
    return ((FlagsValue) pathFlags).isSet(0);
  }

  private static Descriptor requireDirectory(Descriptor d) throws FsError {
    if (!d.directory) {
      throw new FsError(FsError.Code.NOT_DIRECTORY, "not a directory descriptor");
    }
    return d;
  }

  private static Descriptor requireMutable(Descriptor d) throws FsError {
    requireDirectory(d);
    if (!d.mutateDirectory) {
      throw new FsError(FsError.Code.READ_ONLY, "the directory is granted read-only");
    }
    return d;
  }

  private static Descriptor requireWritableFile(Descriptor d) throws FsError {
    if (d.directory) {
      throw new FsError(FsError.Code.IS_DIRECTORY, "a directory");
    }
    if (!d.writable) {
      throw new FsError(FsError.Code.BAD_DESCRIPTOR, "not opened for writing");
    }
    return d;
  }

  private static void requireExists(Preopen.Resolved r) throws FsError {
    if (!r.exists()) {
      throw new FsError(FsError.Code.NO_ENTRY, "no such file");
    }
  }

  private static Preopen.Resolved resolve(Descriptor base, String path, boolean followFinal)
      throws FsError {
    requireDirectory(base);
    return base.preopen.resolve(base.components, path, followFinal);
  }

  private Value readStream(Descriptor d, long offset) throws FsError, ComponentTrap {
    d.file();
    if (!d.readable) {
      throw new FsError(FsError.Code.BAD_DESCRIPTOR, "not opened for reading");
    }
    long[] position = {offset};
    HostInputStream in =
        max -> {
          try {
            byte[] data = d.readAt(position[0], max);
            if (data.length == 0 && max > 0) {
              throw StreamException.closed();
            }
            position[0] += data.length;
            return data;
          } catch (FsError e) {
            throw StreamException.failed(e.code.witName() + ": " + e.getMessage());
          }
        };
    return ctx.inputStreams.add(in);
  }

  private Value writeStream(Descriptor d, long offset) throws FsError, ComponentTrap {
    requireWritableFile(d);
    long[] position = {offset};
    HostOutputStream out =
        new HostOutputStream() {
          @Override
          public long checkWrite() {
            return 1 << 20;
          }

          @Override
          public void write(byte[] bytes) throws StreamException {
            try {
              long end = d.writeAt(position[0], bytes);
              if (position[0] >= 0) {
                position[0] = end;
              }
            } catch (FsError e) {
              throw StreamException.failed(e.code.witName() + ": " + e.getMessage());
            }
          }
        };
    return ctx.outputStreams.add(out);
  }

  private static Value flagsOf(Descriptor d) {
    BitSet bits = new BitSet();
    bits.set(FLAG_READ, d.readable);
    bits.set(FLAG_WRITE, d.writable);
    bits.set(FLAG_MUTATE_DIRECTORY, d.mutateDirectory);
    return new FlagsValue(bits);
  }

  private static int typeOf(Descriptor d) {
    return d.directory ? TYPE_DIRECTORY : TYPE_REGULAR;
  }

  static int typeOf(BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return TYPE_SYMLINK;
    }
    if (a.isDirectory()) {
      return TYPE_DIRECTORY;
    }
    return a.isRegularFile() ? TYPE_REGULAR : TYPE_UNKNOWN;
  }

  private static Value stat(BasicFileAttributes a) {
    return new RecordValue(
        List.of(
            new EnumValue(typeOf(a)),
            u64(1),
            u64(a.size()),
            time(a.lastAccessTime()),
            time(a.lastModifiedTime()),
            time(a.lastModifiedTime())));
  }

  private static Value time(FileTime t) {
    return t == null
        ? OptionValue.none()
        : OptionValue.some(ClockAndRandomImports.datetime(t.toInstant()));
  }

  private static BasicFileAttributes attributesOf(Descriptor d) throws FsError {
    if (d.components.isEmpty()) {
      try (SecureDirectoryStream<Path> dir = d.preopen.openDirectory(List.of())) {
        return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
      } catch (IOException e) {
        throw FsError.of(e);
      }
    }
    List<String> parent = d.components.subList(0, d.components.size() - 1);
    String name = d.components.get(d.components.size() - 1);
    try (SecureDirectoryStream<Path> dir = d.preopen.openDirectory(parent)) {
      BasicFileAttributes a = Preopen.lstat(dir, name);
      if (a == null) {
        throw new FsError(FsError.Code.NO_ENTRY, "the file is gone");
      }
      return a;
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static Value statOf(Descriptor d) throws FsError {
    return stat(attributesOf(d));
  }

  private static Value statAt(Descriptor base, boolean follow, String path) throws FsError {
    try (Preopen.Resolved r = resolve(base, path, follow)) {
      requireExists(r);
      return stat(r.attributes);
    }
  }

  private static Object fileKey(Descriptor d) throws FsError {
    Object key = attributesOf(d).fileKey();
    return key == null ? d.components : key;
  }

  private static Value hashOf(Object key) {
    String s = String.valueOf(key);
    long lower = s.hashCode();
    long upper = new StringBuilder(s).reverse().toString().hashCode();
    return new RecordValue(List.of(u64(lower), u64(upper)));
  }

  private DirectoryEntries listEntries(Descriptor d) throws FsError {
    requireDirectory(d);
    List<DirectoryEntries.Entry> entries = new ArrayList<>();
    try (SecureDirectoryStream<Path> dir = d.preopen.openDirectory(d.components)) {
      for (Path child : dir) {
        String name = child.getFileName().toString();
        BasicFileAttributes a = Preopen.lstat(dir, name);
        entries.add(new DirectoryEntries.Entry(a == null ? TYPE_UNKNOWN : typeOf(a), name));
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      throw FsError.of(
          e instanceof IOException io
              ? io
              : ((java.nio.file.DirectoryIteratorException) e).getCause());
    }
    entries.sort(java.util.Comparator.comparing(DirectoryEntries.Entry::name));
    return new DirectoryEntries(entries);
  }

  private Descriptor openAt(Descriptor base, boolean follow, String path, BitSet open, BitSet flags)
      throws FsError {
    requireDirectory(base);
    if (ctx.descriptors.size() >= MAX_OPEN_DESCRIPTORS) {
      throw new FsError(
          FsError.Code.QUOTA, "more than " + MAX_OPEN_DESCRIPTORS + " descriptors open");
    }
    boolean wantWrite = flags.get(FLAG_WRITE);
    boolean wantMutate = flags.get(FLAG_MUTATE_DIRECTORY);
    boolean create = open.get(OPEN_CREATE);
    boolean truncate = open.get(OPEN_TRUNCATE);
    if ((wantWrite || wantMutate || create || truncate) && !base.mutateDirectory) {
      throw new FsError(FsError.Code.READ_ONLY, "the directory is granted read-only");
    }
    try (Preopen.Resolved r = base.preopen.resolve(base.components, path, follow)) {
      if (r.exists() && r.attributes.isSymbolicLink()) {
        throw new FsError(
            FsError.Code.LOOP, "'" + path + "' is a symbolic link and symlink-follow is not set");
      }
      if (r.exists() && create && open.get(OPEN_EXCLUSIVE)) {
        throw new FsError(FsError.Code.EXIST, "'" + path + "' exists");
      }
      if (!r.exists() && !create) {
        throw new FsError(FsError.Code.NO_ENTRY, "no '" + path + "'");
      }
      if (r.exists() && r.attributes.isDirectory()) {
        if (wantWrite || truncate) {
          throw new FsError(FsError.Code.IS_DIRECTORY, "'" + path + "' is a directory");
        }
        List<String> components = r.components();
        base.preopen.openDirectory(components).close(); // it opens as a directory, without links
        return new Descriptor(
            base.preopen, components, true, null, true, false, wantMutate && base.mutateDirectory);
      }
      if (open.get(OPEN_DIRECTORY)) {
        throw new FsError(
            r.exists() ? FsError.Code.NOT_DIRECTORY : FsError.Code.NO_ENTRY,
            "'" + path + "' is not a directory");
      }
      if (r.exists() && !r.attributes.isRegularFile()) {
        // a FIFO or device could block the call thread where no interrupt reaches it
        throw new FsError(FsError.Code.NOT_PERMITTED, "'" + path + "' is not a regular file");
      }
      if (r.name == null) {
        throw new FsError(FsError.Code.IS_DIRECTORY, "'" + path + "' is a directory");
      }
      Set<OpenOption> options = new HashSet<>();
      options.add(LinkOption.NOFOLLOW_LINKS);
      options.add(StandardOpenOption.READ);
      if (wantWrite) {
        options.add(StandardOpenOption.WRITE);
      }
      if (create) {
        options.add(
            open.get(OPEN_EXCLUSIVE) ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        options.add(StandardOpenOption.WRITE);
      }
      if (truncate) {
        options.add(StandardOpenOption.TRUNCATE_EXISTING);
        options.add(StandardOpenOption.WRITE);
      }
      // openat(dirfd, name, O_NOFOLLOW | ...): a name swapped for a link since the walk fails
      SeekableByteChannel channel = r.dir().newByteChannel(Path.of(r.name), options);
      return new Descriptor(base.preopen, r.components(), false, channel, true, wantWrite, false);
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static void createDirectory(Descriptor base, String path) throws FsError {
    requireMutable(base);
    try (Preopen.Resolved r = resolve(base, path, false)) {
      if (r.name == null || r.exists()) {
        throw new FsError(FsError.Code.EXIST, "'" + path + "' exists");
      }
      ByPathOperations.createDirectory(base.preopen, r);
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static String readLink(Descriptor base, String path) throws FsError {
    try (Preopen.Resolved r = resolve(base, path, false)) {
      requireExists(r);
      if (r.name == null || !r.attributes.isSymbolicLink()) {
        throw new FsError(FsError.Code.INVALID, "'" + path + "' is not a symbolic link");
      }
      return ByPathOperations.readSymbolicLink(base.preopen, r);
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static void remove(Descriptor base, String path, boolean directory) throws FsError {
    requireMutable(base);
    try (Preopen.Resolved r = resolve(base, path, false)) {
      requireExists(r);
      if (r.name == null) {
        throw new FsError(FsError.Code.INVALID, "cannot remove '" + path + "'");
      }
      if (directory) {
        if (!r.attributes.isDirectory()) {
          throw new FsError(FsError.Code.NOT_DIRECTORY, "'" + path + "' is not a directory");
        }
        r.dir().deleteDirectory(Path.of(r.name));
      } else {
        if (r.attributes.isDirectory()) {
          throw new FsError(FsError.Code.IS_DIRECTORY, "'" + path + "' is a directory");
        }
        r.dir().deleteFile(Path.of(r.name));
      }
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static void rename(Descriptor base, String from, Descriptor target, String to)
      throws FsError {
    requireMutable(base);
    requireMutable(target);
    if (base.preopen != target.preopen) {
      throw new FsError(FsError.Code.CROSS_DEVICE, "rename across granted directories");
    }
    try (Preopen.Resolved src = resolve(base, from, false);
        Preopen.Resolved dst = resolve(target, to, false)) {
      requireExists(src);
      if (src.name == null || dst.name == null) {
        throw new FsError(FsError.Code.INVALID, "cannot rename a directory onto itself");
      }
      LinkConfinement.checkMove(base.preopen, src, dst.dirComponents.size(), from);
      src.dir().move(Path.of(src.name), dst.dir(), Path.of(dst.name));
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }

  private static void symlink(Descriptor base, String linkTarget, String path) throws FsError {
    requireMutable(base);
    if (linkTarget.startsWith("/")) {
      throw new FsError(FsError.Code.NOT_PERMITTED, "symbolic links to absolute paths are refused");
    }
    try (Preopen.Resolved r = resolve(base, path, false)) {
      if (r.name == null || r.exists()) {
        throw new FsError(FsError.Code.EXIST, "'" + path + "' exists");
      }
      // The link's target must stay inside the preopen when read from where the link lives.
      if (!LinkConfinement.staysInside(r.dirComponents.size(), linkTarget)) {
        throw new FsError(
            FsError.Code.NOT_PERMITTED, "symbolic link target '" + linkTarget + "' leads outside");
      }
      ByPathOperations.createSymbolicLink(base.preopen, r, linkTarget);
    } catch (IOException e) {
      throw FsError.of(e);
    }
  }
}
