package dev.corral.sandbox.binary;

/** The string encodings the canonical ABI supports. */
public enum StringEncoding {
  UTF8,
  UTF16,
  LATIN1_UTF16
}
