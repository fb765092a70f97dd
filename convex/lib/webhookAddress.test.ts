/** The webhook SSRF guard's address table and URL checks. */
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, classifyAddress, isAllowedAddress } from "./webhookAddress";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["93.184.216.34", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["100.128.0.1", "public"],
    ["0.0.0.0", "reserved"],
    ["224.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::", "reserved"],
    ["fd00:ec2::254", "metadata"],
    ["fd12:3456::1", "private"],
    ["fc00::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "reserved"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["64:ff9b::a00:1", "private"],
    ["2001:db8::1", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["2a00:1450:4001:80b::200e", "public"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each(["example.com", "1.2.3", "1.2.3.256", "01.2.3.4x", "1::2::3", "12345::1", ""])(
    "%s is not an address",
    (text) => {
      expect(classifyAddress(text)).toBeNull();
    },
  );

  it("allows only public addresses, and loopback in local mode", () => {
    expect(isAllowedAddress("public", false)).toBe(true);
    expect(isAllowedAddress("loopback", false)).toBe(false);
    expect(isAllowedAddress("loopback", true)).toBe(true);
    for (const kind of ["private", "link-local", "cgnat", "metadata", "reserved"] as const)
      expect(isAllowedAddress(kind, true)).toBe(false);
  });
});

describe("checkWebhookUrl", () => {
  it("accepts http(s) URLs with public or unresolved hosts", () => {
    const ok = checkWebhookUrl(" https://hooks.example.com/pixorly?x=1 ", false);
    expect(ok).toMatchObject({ ok: true });
    expect(ok.ok && ok.url.href).toBe("https://hooks.example.com/pixorly?x=1");
    expect(checkWebhookUrl("http://8.8.8.8:8080/", false).ok).toBe(true);
  });

  it.each([
    ["", /Give the URL/],
    ["not a url", /Not a URL/],
    ["ftp://example.com/", /http:\/\/ or https:\/\//],
    ["file:///etc/passwd", /http:\/\/ or https:\/\//],
    ["https://user:pw@example.com/", /user names and passwords/],
    ["http://10.1.2.3/hook", /private network address \(10\.1\.2\.3\)/],
    ["http://169.254.169.254/latest/meta-data", /cloud metadata/],
    ["http://[fd00:ec2::254]/", /cloud metadata/],
    ["http://0x7f.1/", /loopback/],
    ["http://127.0.0.1:9000/", /loopback/],
    ["https://" + "a".repeat(2100) + ".com/", /at most 2048/],
  ])("refuses %s", (url, message) => {
    const result = checkWebhookUrl(url, false);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it("accepts a loopback address only in local mode", () => {
    expect(checkWebhookUrl("http://127.0.0.1:9000/", true).ok).toBe(true);
    expect(checkWebhookUrl("http://[::1]:9000/", true).ok).toBe(true);
    expect(checkWebhookUrl("http://10.0.0.1/", true).ok).toBe(false);
  });
});
