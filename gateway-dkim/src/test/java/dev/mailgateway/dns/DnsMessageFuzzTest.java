package dev.mailgateway.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever comes back to a DNS query (from the server, or from anyone who forges its address):
 * read as an answer to that question, or refused as malformed, never another exception, never a
 * read outside the bytes or a loop through compression pointers; so are the TXT and MX records
 * in it. The seeds in {@code DnsMessageFuzzTestInputs} are dnsmasq's answers; fuzzing is
 * {@code bench/fuzz.sh}.
 */
class DnsMessageFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void anAnswerIsReadOrRefusedAsMalformed(byte[] answer) {
    for (int type : new int[] {DnsMessage.TYPE_TXT, DnsMessage.TYPE_MX}) {
      DnsMessage.Response response;
      try {
        response = DnsMessage.response(answer, type == DnsMessage.TYPE_TXT
            ? "default._domainkey.example.com" : "example.com", type);
      } catch (IllegalArgumentException malformed) {
        continue;
      }
      for (DnsMessage.Answer record : response.answers()) {
        try {
          if (record.type() == DnsMessage.TYPE_TXT) {
            DnsMessage.txt(record);
          } else if (record.type() == DnsMessage.TYPE_MX) {
            DnsMessage.mx(record);
          }
        } catch (IllegalArgumentException malformed) {
          // Refused: the lookup fails as a server failure would.
        }
      }
    }
  }
}
