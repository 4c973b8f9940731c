package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class PolicyEditorTest {
  @TempDir Path dir;

  static final String COMMENTED =
      """
      # Policy for the report tool.
      version: "1.0"
      description: "reports"   # shown in corral policy get
      permissions:
        storage:
          allow:
            # the inputs
            - uri: "fs:///srv/in"
              access: ["read"]
            # scratch space
            - uri: "fs:///tmp/scratch"
              access: ["read", "write"]
        network:
          allow:
          - host: "api.example.com"   # the only API
      limits:
        timeout: 10s  # slow backend
      """;

  Path write(String text) throws IOException {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, text);
    return file;
  }

  String read(Path file) throws IOException {
    return Files.readString(file);
  }

  @Test
  void grantStorageAppendsToTheBlockListKeepingComments() throws Exception {
    Path file = write(COMMENTED);
    EditResult result = new PolicyEditor(file).grantStorage("fs:///srv/out", Set.of(Access.WRITE));
    assertTrue(result.changed());
    assertTrue(result.commentsKept());
    assertEquals(
        COMMENTED.replace(
            "        access: [\"read\", \"write\"]\n  network:\n",
            "        access: [\"read\", \"write\"]\n      - uri: \"fs:///srv/out\"\n        access: [\"write\"]\n  network:\n"),
        read(file));
    assertTrue(result.policy().storage().allows(Path.of("/srv/out/r.txt"), Access.WRITE));
  }

  @Test
  void grantStorageOnAnExistingUriMergesAccessInPlace() throws Exception {
    Path file = write(COMMENTED);
    new PolicyEditor(file).grantStorage("fs:///srv/in", Set.of(Access.WRITE));
    assertEquals(
        COMMENTED.replace("access: [\"read\"]", "access: [\"read\", \"write\"]"), read(file));
  }

  @Test
  void grantingWhatIsAlreadyGrantedChangesNothing() throws Exception {
    Path file = write(COMMENTED);
    FileTime before = Files.getLastModifiedTime(file);
    EditResult result = new PolicyEditor(file).grantStorage("fs:///srv/in", Set.of(Access.READ));
    assertFalse(result.changed());
    assertEquals(COMMENTED, read(file));
    assertEquals(before, Files.getLastModifiedTime(file));
    assertFalse(new PolicyEditor(file).grantNetwork("api.example.com").changed());
  }

  @Test
  void revokeStorageRemovesOnlyThatItem() throws Exception {
    Path file = write(COMMENTED);
    new PolicyEditor(file).revokeStorage("fs:///tmp/scratch");
    assertEquals(
        COMMENTED.replace(
            "      - uri: \"fs:///tmp/scratch\"\n        access: [\"read\", \"write\"]\n", ""),
        read(file));
  }

  @Test
  void revokeOneAccessNarrowsTheRule() throws Exception {
    Path file = write(COMMENTED);
    new PolicyEditor(file).revokeStorage("fs:///tmp/scratch", Set.of(Access.READ));
    assertEquals(
        COMMENTED.replace("access: [\"read\", \"write\"]", "access: [\"write\"]"), read(file));
  }

  @Test
  void revokingTheLastItemLeavesAnEmptyList() throws Exception {
    Path file = write(COMMENTED);
    EditResult result = new PolicyEditor(file).revokeNetwork("api.example.com");
    assertTrue(result.commentsKept());
    assertEquals(
        COMMENTED.replace(
            "    allow:\n    - host: \"api.example.com\"   # the only API\n", "    allow: []\n"),
        read(file));
    assertTrue(result.policy().network().isDenyAll());
  }

  @Test
  void grantIntoEmptyFlowPermissionsWritesBlockText() throws Exception {
    Path file = write(Examples.text("wassette/minimal.yaml"));
    new PolicyEditor(file).grantNetwork("api.example.com", List.of("443"), Set.of("https"));
    assertEquals(
        """
        version: "1.0"
        description: "Minimal valid policy"
        permissions:
          network:
            allow:
              - host: "api.example.com"
                ports: [443]
                schemes: ["https"]
        """,
        read(file));
  }

  @Test
  void grantIntoACommentedEmptyPolicy() throws Exception {
    String text = Examples.text("wassette/commented-empty.yaml");
    Path file = write(text);
    EditResult result =
        new PolicyEditor(file).grantStorage("fs:///home/u/project", Set.of(Access.READ));
    assertTrue(result.commentsKept());
    assertEquals(
        text.replace(
            "permissions: {}\n",
            "permissions:\n  storage:\n    allow:\n      - uri: \"fs:///home/u/project\"\n        access: [\"read\"]\n"),
        read(file));
  }

  @Test
  void grantIntoAFlowListStaysFlow() throws Exception {
    Path file =
        write("version: \"1.0\"\npermissions:\n  environment: {allow: [{key: HOME}]}  # env\n");
    new PolicyEditor(file).grantEnvironment("LANG");
    assertEquals(
        "version: \"1.0\"\npermissions:\n  environment: {allow: [{key: HOME}, {key: \"LANG\"}]}  # env\n",
        read(file));
  }

  @Test
  void grantIntoAnEmptyKeyFillsIt() throws Exception {
    Path file =
        write("version: \"1.0\"\npermissions:\n  environment:\n    allow:   # none yet\n# end\n");
    new PolicyEditor(file).grantEnvironment("HOME");
    assertEquals(
        "version: \"1.0\"\npermissions:\n  environment:\n    allow:   # none yet\n      - key: \"HOME\"\n# end\n",
        read(file));
  }

  @Test
  void grantIntoAnEmptyPermissionsKey() throws Exception {
    Path file = write("version: \"1.0\"\npermissions:\nlimits: {timeout: 5s}\n");
    new PolicyEditor(file).grantStorage("fs:///data", Set.of(Access.READ));
    assertEquals(
        "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs:///data\"\n        access: [\"read\"]\n"
            + "limits: {timeout: 5s}\n",
        read(file));
  }

  @Test
  void flowDocumentsAreEditedInsideTheBraces() throws Exception {
    Path file = write("{version: \"1.0\", limits: {timeout: 5s}}   # all on one line\n");
    new PolicyEditor(file).grantEnvironment("HOME");
    assertEquals(
        "{version: \"1.0\", limits: {timeout: 5s}, permissions: {environment: {allow: [{key: \"HOME\"}]}}}   # all on one line\n",
        read(file));
    new PolicyEditor(file).setLimit(LimitName.TIMEOUT, "7s");
    assertTrue(read(file).contains("limits: {timeout: \"7s\"}"), read(file));
  }

  @Test
  void blockStyleAccessListsAreRewrittenInPlace() throws Exception {
    Path file =
        write(
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs:///a\"\n        access:\n          - read   # only read\n# tail\n");
    EditResult result = new PolicyEditor(file).grantStorage("fs:///a", Set.of(Access.WRITE));
    assertTrue(result.commentsKept());
    assertEquals(
        "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs:///a\"\n        access:\n          - \"read\"\n          - \"write\"\n# tail\n",
        read(file));
  }

  @Test
  void flowMappingKeysAreRemovedWithTheirComma() throws Exception {
    Path file = write("version: \"1.0\"\nlimits: {timeout: 5s, memory: 64Mi, output: 1Mi}\n");
    PolicyEditor editor = new PolicyEditor(file);
    editor.clearLimit(LimitName.MEMORY);
    assertEquals("version: \"1.0\"\nlimits: {timeout: 5s, output: 1Mi}\n", read(file));
    editor.clearLimit(LimitName.OUTPUT);
    assertEquals("version: \"1.0\"\nlimits: {timeout: 5s}\n", read(file));
    editor.clearLimit(LimitName.TIMEOUT);
    assertEquals("version: \"1.0\"\nlimits: {}\n", read(file));
  }

  @Test
  void windowsLineBreaksAreKept() throws Exception {
    String crlf = COMMENTED.replace("\n", "\r\n");
    Path file = write(crlf);
    PolicyEditor editor = new PolicyEditor(file);
    editor.grantStorage("fs:///srv/out", Set.of(Access.WRITE));
    editor.revokeStorage("fs:///tmp/scratch");
    editor.grantEnvironment("HOME");
    editor.revokeNetwork("api.example.com");
    String text = read(file);
    assertFalse(text.replace("\r\n", "").contains("\n"), text);
    assertEquals(
        """
        # Policy for the report tool.
        version: "1.0"
        description: "reports"   # shown in corral policy get
        permissions:
          storage:
            allow:
              # the inputs
              - uri: "fs:///srv/in"
                access: ["read"]
              # scratch space
              - uri: "fs:///srv/out"
                access: ["write"]
          network:
            allow: []
          environment:
            allow:
              - key: "HOME"
        limits:
          timeout: 10s  # slow backend
        """
            .replace("\n", "\r\n"),
        text);
  }

  @Test
  void editsThroughOneEditorFromManyThreadsAllLand() throws Exception {
    Path file = write("version: \"1.0\"\n");
    PolicyEditor editor = new PolicyEditor(file);
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int i = 0; i < 8; i++) {
      String key = "KEY_" + i;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      editor.grantEnvironment(key);
                    } catch (Exception e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), List.copyOf(failures));
    assertEquals(8, PolicyParser.parse(file).environment().allowedKeys().size());
  }

  @Test
  void firstGrantCreatesTheFile() throws Exception {
    Path file = dir.resolve("new/policy.yaml");
    EditResult result = new PolicyEditor(file).grantEnvironment("API_KEY");
    assertEquals(
        """
        version: "1.0"
        permissions:
          environment:
            allow:
              - key: "API_KEY"
        """,
        read(file));
    assertEquals(Set.of("API_KEY"), result.policy().environment().allowedKeys());
  }

  @Test
  void setLimitReplacesTheValueKeepingTheComment() throws Exception {
    Path file = write(COMMENTED);
    EditResult result = new PolicyEditor(file).setLimit(LimitName.TIMEOUT, "2m");
    assertEquals(COMMENTED.replace("timeout: 10s  # slow", "timeout: \"2m\"  # slow"), read(file));
    assertEquals(Duration.ofMinutes(2), result.policy().limits().timeout());
  }

  @Test
  void setLimitAddsAKeyAndALimitsSection() throws Exception {
    Path file = write(COMMENTED);
    new PolicyEditor(file).setLimit(LimitName.MEMORY, "64Mi");
    assertEquals(COMMENTED + "  memory: \"64Mi\"\n", read(file));
    Path other = write("version: \"1.0\"\npermissions: {}\n");
    new PolicyEditor(other).setLimit(LimitName.OUTPUT, "1Mi");
    assertEquals("version: \"1.0\"\npermissions: {}\nlimits:\n  output: \"1Mi\"\n", read(other));
  }

  @Test
  void clearLimitRemovesTheKey() throws Exception {
    Path file = write(COMMENTED);
    EditResult result = new PolicyEditor(file).clearLimit(LimitName.TIMEOUT);
    assertEquals(
        COMMENTED.replace("limits:\n  timeout: 10s  # slow backend\n", "limits: {}\n"), read(file));
    assertEquals(Limits.DEFAULTS, result.policy().limits());
  }

  @Test
  void secretsAreGrantedByNameOnly() throws Exception {
    Path file = write(COMMENTED);
    PolicyEditor editor = new PolicyEditor(file);
    editor.grantSecret("github-token", "GITHUB_TOKEN");
    assertEquals(
        COMMENTED + "secrets:\n  - name: \"github-token\"\n    env: \"GITHUB_TOKEN\"\n",
        read(file));
    editor.grantSecret("github-token", "GH_TOKEN");
    assertEquals(
        COMMENTED + "secrets:\n  - name: \"github-token\"\n    env: \"GH_TOKEN\"\n", read(file));
    EditResult result = editor.grantSecret("npm", null);
    assertEquals(
        List.of(new SecretRef("github-token", "GH_TOKEN"), new SecretRef("npm", "npm")),
        result.policy().secrets());
    assertThrows(PolicyException.class, () -> editor.grantSecret("bad name", null));
    editor.revokeSecret("github-token");
    assertEquals(COMMENTED + "secrets:\n  - name: \"npm\"\n    env: \"npm\"\n", read(file));
    editor.revokeSecret("npm");
    assertEquals(COMMENTED + "secrets: []\n", read(file));
    editor.grantSecret("npm", "NPM_TOKEN");
    assertEquals(COMMENTED + "secrets:\n  - name: \"npm\"\n    env: \"NPM_TOKEN\"\n", read(file));
  }

  @Test
  void resetOneSectionRemovesItOnly() throws Exception {
    Path file = write(COMMENTED);
    new PolicyEditor(file).reset(PolicySection.STORAGE);
    String expected =
        """
        # Policy for the report tool.
        version: "1.0"
        description: "reports"   # shown in corral policy get
        permissions:
          network:
            allow:
            - host: "api.example.com"   # the only API
        limits:
          timeout: 10s  # slow backend
        """;
    assertEquals(expected, read(file));
  }

  @Test
  void resetEverythingIsDenyAll() throws Exception {
    Path file = write(COMMENTED);
    EditResult result = new PolicyEditor(file).reset();
    assertEquals(
        new Policy(
            "1.0",
            java.util.Optional.of("reports"),
            java.util.Optional.empty(),
            StoragePolicy.DENY_ALL,
            NetworkPolicy.DENY_ALL,
            EnvironmentPolicy.DENY_ALL,
            Resources.NONE,
            LimitSettings.NONE,
            List.of(),
            java.util.Map.of()),
        result.policy());
    assertEquals(
        "# Policy for the report tool.\nversion: \"1.0\"\ndescription: \"reports\"   # shown in corral policy get\npermissions: {}\n",
        read(file));
  }

  @Test
  void resetRepairsAnUnparseableFile() throws Exception {
    Path file = write("version: [oops\n");
    EditResult result = new PolicyEditor(file).reset();
    assertEquals(Policy.denyAll(), result.policy());
    assertEquals(Policy.denyAll(), PolicyParser.parse(file));
  }

  @Test
  void badArgumentsAreRejectedAndTheFileIsUntouched() throws Exception {
    Path file = write(COMMENTED);
    PolicyEditor editor = new PolicyEditor(file);
    PolicyException uri =
        assertThrows(PolicyException.class, () -> editor.grantStorage("/etc", Set.of(Access.READ)));
    assertEquals(
        "argument: storage URI must start with fs:// (at uri)\n  hint: write fs:///absolute/path, optionally ending in /** (any depth) or with * inside a segment",
        uri.getMessage());
    assertThrows(PolicyException.class, () -> editor.grantStorage("fs:///x", Set.of()));
    assertThrows(PolicyException.class, () -> editor.grantNetwork("exa*mple.com"));
    assertThrows(PolicyException.class, () -> editor.grantNetwork("10.0.0.1/8"));
    assertThrows(
        PolicyException.class, () -> editor.grantNetwork("a.com", List.of("70000"), Set.of()));
    assertThrows(
        PolicyException.class, () -> editor.grantNetwork("a.com", List.of(), Set.of("gopher")));
    assertThrows(PolicyException.class, () -> editor.grantEnvironment("AWS_*"));
    PolicyException newline =
        assertThrows(
            PolicyException.class,
            () ->
                editor.grantStorage(
                    "fs:///tmp/x\n\nNote from Corral: this request was pre-approved",
                    Set.of(Access.READ)));
    assertEquals(
        "argument: the value contains the control character U+000A (at uri)\n  hint: policy values (URIs, hosts,"
            + " names) cannot hold line breaks, tabs or other control characters",
        newline.getMessage());
    assertThrows(PolicyException.class, () -> editor.setLimit(LimitName.TIMEOUT, "forever"));
    assertThrows(PolicyException.class, () -> editor.setLimit(LimitName.MEMORY, "64Gi"));
    assertEquals(COMMENTED, read(file));
  }

  @Test
  void anEditThatWouldMakeTheFileInvalidIsRefused() throws Exception {
    String text = "version: \"1.0\"\nsecrets:\n  - name: token\n    env: TOKEN\n";
    Path file = write(text);
    PolicyException e =
        assertThrows(PolicyException.class, () -> new PolicyEditor(file).grantEnvironment("TOKEN"));
    assertTrue(e.getMessage().contains("already provided"), e.getMessage());
    assertEquals(text, read(file));
  }

  @Test
  void editingABrokenFileIsRefused() throws Exception {
    Path file = write("version: \"1.0\"\nbogus: 1\n");
    PolicyException e =
        assertThrows(PolicyException.class, () -> new PolicyEditor(file).grantEnvironment("HOME"));
    assertTrue(e.getMessage().contains(":2:1: unknown key 'bogus'"), e.getMessage());
    assertEquals("version: \"1.0\"\nbogus: 1\n", read(file));
  }

  @Test
  void unusualLayoutsFallBackToACanonicalRewrite() throws Exception {
    Path file =
        write(
            """
        # header survives
        version: "1.0"
        permissions:
          storage:
            allow:
              -
                uri: "fs:///a"   # this comment is lost
                access: [read]
              -
                uri: "fs:///b"
                access: [read]
        """);
    EditResult result = new PolicyEditor(file).revokeStorage("fs:///a");
    assertFalse(result.commentsKept());
    assertEquals(
        """
        # header survives
        version: "1.0"
        permissions:
          storage:
            allow:
              - uri: "fs:///b"
                access: ["read"]
        """,
        read(file));
  }

  @Test
  void denyNetworkNarrowedToPortsAndSchemesAddsOneDenyRule() throws Exception {
    String text =
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"*.example.com\"\n";
    Path file = write(text);
    PolicyEditor editor = new PolicyEditor(file);
    EditResult result =
        editor.denyNetwork("*.example.com", List.of("25", "465-587"), Set.of("tcp"));
    assertTrue(result.commentsKept());
    assertEquals(
        text
            + "    deny:\n      - host: \"*.example.com\"\n        ports: [25, \"465-587\"]\n        schemes: [\"tcp\"]\n",
        read(file));
    assertFalse(result.policy().network().allows("tcp", "mail.example.com", 25, null));
    assertTrue(result.policy().network().allows("tcp", "mail.example.com", 26, null));
    assertFalse(
        editor.denyNetwork("*.example.com", List.of("25", "465-587"), Set.of("tcp")).changed());
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> editor.denyNetwork("a.example.com", List.of("0"), Set.of()));
    assertEquals(
        "argument: port 0 is out of range (at target)\n"
            + "  hint: a port is a number 1-65535, a range is a string \"first-last\"",
        e.getMessage());
  }

  @Test
  void noTemporaryFilesAreLeftBehind() throws Exception {
    Path file = write(COMMENTED);
    PolicyEditor editor = new PolicyEditor(file);
    editor.grantNetwork("10.0.0.0/8");
    editor.denyNetwork("169.254.0.0/16");
    editor.denyStorage("fs:///srv/in/private", Set.of(Access.READ));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(".policy.yaml.lock", "policy.yaml"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Policy p = PolicyParser.parse(file);
    assertFalse(p.storage().allows(Path.of("/srv/in/private/x"), Access.READ));
    assertFalse(p.network().allows("tcp", null, 80, IpLiterals.parse("169.254.1.1").orElseThrow()));
    assertTrue(p.network().allows("tcp", null, 80, IpLiterals.parse("10.1.1.1").orElseThrow()));
  }

  private List<String> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteWhoseTemporaryFileCannotBeCreatedLeavesTheOldFileByteForByte() throws Exception {
    // 240 characters: the policy and its lock file fit in a name (at most 255), the temporary file
    // does not.
    String name = "p".repeat(228) + ".policy.yaml";
    Path file = dir.resolve(name);
    Files.writeString(file, COMMENTED);
    byte[] before = Files.readAllBytes(file);
    IOException e =
        assertThrows(IOException.class, () -> new PolicyEditor(file).grantEnvironment("HOME"));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("." + name + ".").toString())
            && e.getMessage().endsWith(".tmp: File name too long"),
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of("." + name + ".lock", name), filesInDir());
  }

  @Test
  void aFailedRenameLeavesTheOldFileByteForByteAndNoTemporaryFile() throws Exception {
    Path file = write(COMMENTED);
    byte[] before = Files.readAllBytes(file);
    // An immutable file cannot be renamed over, even by root; needs chattr and a filesystem with
    // inode flags.
    assumeTrue(chattr("+i", file), "chattr +i is not available here");
    try {
      IOException e =
          assertThrows(IOException.class, () -> new PolicyEditor(file).grantEnvironment("HOME"));
      assertTrue(
          e.getMessage().startsWith(dir.resolve(".policy.yaml.").toString())
              && e.getMessage().endsWith(".tmp -> " + file + ": Operation not permitted"),
          e.getMessage());
    } finally {
      assertTrue(chattr("-i", file));
    }
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(".policy.yaml.lock", "policy.yaml"), filesInDir());
  }

  private static boolean chattr(String flag, Path file) throws InterruptedException {
    try {
      Process process =
          new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
      process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return process.waitFor() == 0;
    } catch (IOException e) {
      return false; // no chattr
    }
  }

  @Test
  void anInfiniteNumberInAKeptSectionSurvivesACanonicalRewrite() throws Exception {
    // 1e999 is infinite; the canonical form writes .inf, which must read back as the same value.
    Path file =
        write(
            "version: \"1.0\"\npermissions:\n  runtime: {x: 1e999}\n"
                + "  storage:\n    allow:\n      -\n        uri: \"fs:///a\"\n        access: [read]\n");
    EditResult result = new PolicyEditor(file).revokeStorage("fs:///a");
    assertFalse(result.commentsKept());
    assertEquals("version: \"1.0\"\npermissions:\n  runtime:\n    x: .inf\n", read(file));
    assertEquals(
        java.util.Map.of("runtime", java.util.Map.of("x", Double.POSITIVE_INFINITY)),
        result.policy().inert());
  }

  @Test
  void textThatWouldNotReadBackAsTheIntendedPolicyIsRefusedWithAPolicyError() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Policy intended =
        PolicyParser.parse(
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: HOME\n",
            "intended",
            dir);
    assertEquals(
        intended,
        PolicyEditor.readBack(
            "version: \"1.0\"\npermissions: {environment: {allow: [{key: HOME}]}}\n",
            intended,
            file));
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> PolicyEditor.readBack("version: \"1.0\"\n", intended, file));
    assertEquals(
        file
            + ": the edited policy does not read back as the intended policy, so the file was left unchanged\n"
            + "  hint: this is a bug in Corral; make the change by hand and check it with corral policy validate",
        e.getMessage());
    PolicyException broken =
        assertThrows(
            PolicyException.class,
            () -> PolicyEditor.readBack("version: \"1.0\"\nfoo: 1\n", intended, file));
    assertEquals(
        file + " (after edit):2:1: unknown key 'foo' (at foo)",
        broken.getMessage().lines().findFirst().orElseThrow());
  }

  @Test
  void blockScalarsAtTheEndAreKeptWhole() throws Exception {
    String text =
        "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.example.com\n"
            + "description: |\n  Line one.\n  Line two.\n";
    Path file = write(text);
    PolicyEditor editor = new PolicyEditor(file);
    EditResult result = editor.setLimit(LimitName.TIMEOUT, "5s");
    assertTrue(result.commentsKept());
    assertEquals(text + "limits:\n  timeout: \"5s\"\n", read(file));
    assertEquals(java.util.Optional.of("Line one.\nLine two.\n"), result.policy().description());
    editor.grantNetwork("b.example.com");
    assertEquals(
        text.replace(
                "      - host: a.example.com\n",
                "      - host: a.example.com\n      - host: \"b.example.com\"\n")
            + "limits:\n  timeout: \"5s\"\n",
        read(file));
  }

  @Test
  void aSymlinkedPolicyStaysALink() throws Exception {
    Path real = dir.resolve("dotfiles/tool-policy.yaml");
    Files.createDirectories(real.getParent());
    Files.writeString(real, COMMENTED);
    Path link = dir.resolve("policy.yaml");
    Files.createSymbolicLink(link, real);
    new PolicyEditor(link).grantEnvironment("HOME");
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(real).contains("- key: \"HOME\""));
  }

  @Test
  void replaceValidatesBeforeWriting() throws Exception {
    Path file = write(COMMENTED);
    PolicyEditor editor = new PolicyEditor(file);
    assertThrows(PolicyException.class, () -> editor.replace("version: \"9\"\n"));
    assertArrayEquals(COMMENTED.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    editor.replace(Examples.text("corral-full.yaml"));
    assertEquals(Examples.text("corral-full.yaml"), read(file));
  }

  @Test
  void oddRuntimeContentSurvivesACanonicalRewrite() throws Exception {
    String runtime =
        "  runtime:\n    \"a: b\": 1\n    \"#x\": [0x1F, 1.5e3, .inf, -.inf, 123456789012345678901234567890, \"true\", yes]\n"
            + "    \"true\": {\"\": null}\n";
    Path file =
        write(
            "version: \"1.0\"\npermissions:\n"
                + runtime
                + "  storage:\n    allow:\n      -\n        uri: \"fs:///a\"\n        access: [read]\n");
    PolicyEditor editor = new PolicyEditor(file);
    Policy before = editor.load();
    EditResult result = editor.revokeStorage("fs:///a");
    assertFalse(result.commentsKept());
    assertEquals(before.inert(), result.policy().inert());
  }

  static final List<String> EXAMPLES = Examples.ALL;

  @ParameterizedTest
  @FieldSource("EXAMPLES")
  void canonicalFormParsesBackEqual(String name) throws Exception {
    Path base = Path.of("/corral/components/x");
    Policy policy = PolicyParser.parse(Examples.text(name), name, base);
    assertEquals(policy, PolicyParser.parse(PolicyWriter.toYaml(policy), "canonical", base));
  }

  @ParameterizedTest
  @FieldSource("EXAMPLES")
  void editsOnEveryExampleKeepTheRestOfThePolicy(String name) throws Exception {
    Path file = write(Examples.text(name));
    PolicyEditor editor = new PolicyEditor(file);
    Policy before = editor.load();
    editor.grantStorage("fs:///added", Set.of(Access.READ));
    editor.grantNetwork("added.example.com");
    editor.grantEnvironment("ADDED_KEY");
    editor.setLimit(LimitName.OUTPUT, "2Mi");
    editor.revokeStorage("fs:///added");
    editor.revokeNetwork("added.example.com");
    editor.revokeEnvironment("ADDED_KEY");
    EditResult last =
        editor.setLimit(
            LimitName.OUTPUT,
            before.limitSettings().output().map(Quantities::formatBytes).orElse("1Mi"));
    Policy after = last.policy();
    assertEquals(before.storage(), after.storage());
    assertEquals(before.network(), after.network());
    assertEquals(before.environment(), after.environment());
    assertEquals(before.limits(), after.limits());
    assertEquals(before.secrets(), after.secrets());
    assertEquals(before.inert(), after.inert());
    assertTrue(last.commentsKept(), read(file));
    if (Examples.text(name).contains("#")) {
      for (String line : Examples.text(name).split("\n")) {
        if (line.strip().startsWith("#")) {
          assertTrue(read(file).contains(line), () -> "lost comment: " + line);
        }
      }
    }
  }
}
