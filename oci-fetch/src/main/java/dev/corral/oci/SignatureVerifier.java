package dev.corral.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks found signatures against trusted keys for one manifest digest in one repository: a
 * signature counts only if it names both that digest and that repository (cosign's {@code
 * docker-reference}, a bundle subject's {@code name}; compared by {@link RepositoryName}), so a
 * signature made for one repository does not vouch for the same digest served by another.
 */
final class SignatureVerifier {
  private SignatureVerifier() {}

  /**
   * The first record that verifies for {@code pinned} (its repository and digest), with a
   * description; empty plus {@code problems} filled otherwise.
   */
  static Optional<VerifiedSignature> verify(
      List<SignatureRecord> records,
      List<TrustedKey> keys,
      OciReference pinned,
      List<String> problems) {
    Digest digest = pinned.digest();
    String repository = RepositoryName.of(pinned);
    for (SignatureRecord record : records) {
      switch (record) {
        case SignatureRecord.Cosign c -> {
          Optional<TrustedKey> key =
              keys.stream()
                  .filter(k -> Keys.verify(k.key(), c.payload(), c.signature()))
                  .findFirst();
          if (key.isEmpty()) {
            problems.add(
                "cosign signature (" + c.origin() + ") does not verify with any trusted key");
            continue;
          }
          try {
            SimpleSigningPayload.Claims claims =
                SimpleSigningPayload.claims(c.payload(), "(" + c.origin() + ")");
            if (!claims.digest().equals(digest)) {
              problems.add(
                  "cosign signature ("
                      + c.origin()
                      + ") by "
                      + key.get()
                      + " is for "
                      + claims.digest()
                      + ", not "
                      + digest);
              continue;
            }
            String signedRepository = RepositoryName.ofSigned(claims.dockerReference());
            if (!signedRepository.equals(repository)) {
              problems.add(
                  "cosign signature ("
                      + c.origin()
                      + ") by "
                      + key.get()
                      + " is for the repository "
                      + signedRepository
                      + ", not "
                      + repository);
              continue;
            }
          } catch (OciException e) {
            problems.add(e.getMessage());
            continue;
          }
          return Optional.of(
              new VerifiedSignature(
                  true, "cosign signature by " + key.get() + " (" + c.origin() + ")"));
        }
        case SignatureRecord.Bundle b -> {
          SigstoreBundle.Parsed parsed;
          try {
            parsed = SigstoreBundle.parse(b.bundle(), "(" + b.origin() + ")");
          } catch (OciException e) {
            problems.add(e.getMessage());
            continue;
          }
          Optional<TrustedKey> key =
              keys.stream().filter(k -> SigstoreBundle.verifiedBy(parsed, k.key())).findFirst();
          if (key.isEmpty()) {
            problems.add(
                "sigstore bundle (" + b.origin() + ") does not verify with any trusted key");
            continue;
          }
          boolean forThis =
              parsed.subjects().stream()
                  .anyMatch(
                      subject ->
                          subject.digest().equals(digest)
                              && !subject.name().isEmpty()
                              && RepositoryName.ofSigned(subject.name()).equals(repository));
          if (!forThis) {
            problems.add(
                "sigstore bundle ("
                    + b.origin()
                    + ") by "
                    + key.get()
                    + " names subjects "
                    + parsed.subjects()
                    + ", not "
                    + repository
                    + "@"
                    + digest);
            continue;
          }
          return Optional.of(
              new VerifiedSignature(
                  true, "sigstore bundle signed by " + key.get() + " (" + b.origin() + ")"));
        }
      }
    }
    if (records.isEmpty()) {
      problems.add("no signature (no cosign tag, no sigstore bundle referrer)");
    }
    return Optional.empty();
  }

  static String refusal(
      OciReference reference, List<TrustedKey> keys, String rulePrefix, List<String> problems) {
    List<String> expected = new ArrayList<>();
    keys.forEach(k -> expected.add(k.toString()));
    return "refusing "
        + reference
        + ": expected a signature by "
        + (expected.size() == 1 ? expected.get(0) : "one of " + expected)
        + " (trust policy rule '"
        + rulePrefix
        + "'), found: "
        + String.join("; ", problems)
        + ". Sign it with 'corral sign', or pass --allow-unsigned for development.";
  }
}
