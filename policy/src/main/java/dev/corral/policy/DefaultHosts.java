package dev.corral.policy;

import java.util.List;

/**
 * Wassette's {@code defaults: true} network entry: a fixed list of well-known package registries,
 * source hosts, cloud APIs and CDNs (the list published with the policy-mcp specification; names
 * that one of its wildcards already covers, such as {@code api.github.com}, are folded into it).
 */
public record DefaultHosts() implements NetworkTarget {
  /** The hosts {@code defaults: true} stands for. */
  public static final List<HostPattern> HOSTS =
      List.of(
              "registry.npmjs.org",
              "*.npmjs.com",
              "pypi.org",
              "*.pypi.org",
              "files.pythonhosted.org",
              "rubygems.org",
              "*.rubygems.org",
              "crates.io",
              "*.crates.io",
              "nuget.org",
              "*.nuget.org",
              "repo.maven.apache.org",
              "repo1.maven.org",
              "central.maven.org",
              "search.maven.org",
              "registry.yarnpkg.com",
              "github.com",
              "*.github.com",
              "raw.githubusercontent.com",
              "codeload.github.com",
              "gitlab.com",
              "*.gitlab.com",
              "bitbucket.org",
              "*.bitbucket.org",
              "*.amazonaws.com",
              "s3.amazonaws.com",
              "*.googleapis.com",
              "*.google.com",
              "*.azure.com",
              "*.azurewebsites.net",
              "*.blob.core.windows.net",
              "*.cloudflare.com",
              "cloudflare.com",
              "docker.io",
              "*.docker.io",
              "quay.io",
              "*.quay.io",
              "ghcr.io",
              "*.pkg.dev",
              "gcr.io",
              "*.gcr.io",
              "api.openai.com",
              "*.openai.com",
              "api.anthropic.com",
              "*.anthropic.com",
              "api.cohere.ai",
              "*.cohere.ai",
              "huggingface.co",
              "*.huggingface.co",
              "cdn.jsdelivr.net",
              "*.jsdelivr.net",
              "unpkg.com",
              "cdnjs.cloudflare.com",
              "*.fastly.net",
              "*.akamaized.net",
              "*.edgecastcdn.net",
              "docs.rs",
              "readthedocs.io",
              "*.readthedocs.io",
              "readthedocs.org",
              "*.readthedocs.org",
              "circleci.com",
              "*.circleci.com",
              "actions.githubusercontent.com",
              "objects.githubusercontent.com")
          .stream()
          .map(HostPattern::parse)
          .toList();

  @Override
  public String text() {
    return "defaults";
  }

  /** True if any default host pattern names {@code name}. */
  public boolean matchesName(String name) {
    return HOSTS.stream().anyMatch(h -> h.matchesName(name));
  }
}
