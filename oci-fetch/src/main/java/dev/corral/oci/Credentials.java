package dev.corral.oci;

/** What to present to a registry that asks for authentication. */
public sealed interface Credentials {
  /** No credentials: anonymous access (bearer tokens are still requested anonymously). */
  record Anonymous() implements Credentials {}

  /** A user name and password, sent as HTTP Basic or exchanged for a bearer token. */
  record Basic(String username, String password) implements Credentials {
    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=***]";
    }
  }

  /** A registry bearer token, sent as is. */
  record Token(String token) implements Credentials {
    @Override
    public String toString() {
      return "Token[***]";
    }
  }

  Credentials ANONYMOUS = new Anonymous();
}
