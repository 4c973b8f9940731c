package dev.corral.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Security;
import org.junit.jupiter.api.Test;

/** The JVM-wide settings the server makes at start. */
class MainTest {
  @Test
  void thePositiveDnsCacheTimeIsExplicit() {
    String before = Security.getProperty("networkaddress.cache.ttl");
    try {
      Security.setProperty("networkaddress.cache.ttl", "0");
      Main.configureJvm();
      assertEquals("30", Security.getProperty("networkaddress.cache.ttl"));
    } finally {
      Security.setProperty("networkaddress.cache.ttl", before == null ? "" : before);
    }
  }
}
