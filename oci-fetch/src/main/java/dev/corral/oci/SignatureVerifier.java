package dev.corral.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks found signatures against trusted keys for one manifest digest. */
final class SignatureVerifier {
    private SignatureVerifier() {}

    /** The first record that verifies, with a description; empty plus {@code problems} filled otherwise. */
    static Optional<VerifiedSignature> verify(List<SignatureRecord> records, List<TrustedKey> keys, Digest digest,
            List<String> problems) {
        for (SignatureRecord record : records) {
            switch (record) {
                case SignatureRecord.Cosign c -> {
                    Optional<TrustedKey> key = keys.stream()
                            .filter(k -> Keys.verify(k.key(), c.payload(), c.signature())).findFirst();
                    if (key.isEmpty()) {
                        problems.add("cosign signature (" + c.origin() + ") does not verify with any trusted key");
                        continue;
                    }
                    try {
                        Digest signed = SimpleSigningPayload.signedDigest(c.payload(), "(" + c.origin() + ")");
                        if (!signed.equals(digest)) {
                            problems.add("cosign signature (" + c.origin() + ") by " + key.get()
                                    + " is for " + signed + ", not " + digest);
                            continue;
                        }
                    } catch (OciException e) {
                        problems.add(e.getMessage());
                        continue;
                    }
                    return Optional.of(new VerifiedSignature(true,
                            "cosign signature by " + key.get() + " (" + c.origin() + ")"));
                }
                case SignatureRecord.Bundle b -> {
                    SigstoreBundle.Parsed parsed;
                    try {
                        parsed = SigstoreBundle.parse(b.bundle(), "(" + b.origin() + ")");
                    } catch (OciException e) {
                        problems.add(e.getMessage());
                        continue;
                    }
                    Optional<TrustedKey> key = keys.stream()
                            .filter(k -> SigstoreBundle.verifiedBy(parsed, k.key())).findFirst();
                    if (key.isEmpty()) {
                        problems.add("sigstore bundle (" + b.origin() + ") does not verify with any trusted key");
                        continue;
                    }
                    if (!parsed.subjects().contains(digest)) {
                        problems.add("sigstore bundle (" + b.origin() + ") by " + key.get() + " names subjects "
                                + parsed.subjects() + ", not " + digest);
                        continue;
                    }
                    return Optional.of(new VerifiedSignature(true,
                            "sigstore bundle signed by " + key.get() + " (" + b.origin() + ")"));
                }
            }
        }
        if (records.isEmpty()) {
            problems.add("no signature (no cosign tag, no sigstore bundle referrer)");
        }
        return Optional.empty();
    }

    static String refusal(OciReference reference, List<TrustedKey> keys, String rulePrefix, List<String> problems) {
        List<String> expected = new ArrayList<>();
        keys.forEach(k -> expected.add(k.toString()));
        return "refusing " + reference + ": expected a signature by "
                + (expected.size() == 1 ? expected.get(0) : "one of " + expected)
                + " (trust policy rule '" + rulePrefix + "'), found: " + String.join("; ", problems)
                + ". Sign it with 'corral sign', or pass --allow-unsigned for development.";
    }
}
