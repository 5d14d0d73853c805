import { describe, expect, it } from "vitest";
import { DomainError } from "../../kernel/index.js";
import { checkWebhookUrl, isPrivateHost } from "./url-check.js";

describe("webhook URL checks", () => {
  it("knows loopback, private, link-local and internal hosts", () => {
    for (const host of [
      "127.0.0.1",
      "127.8.9.10",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "[::1]",
      "[::]",
      "[fc00::1]",
      "[fe80::1]",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "localhost",
      "api.localhost",
      "printer.local",
      "metadata.google.internal",
      "intranet",
    ]) {
      expect(isPrivateHost(host), host).toBe(true);
    }
    for (const host of ["8.8.8.8", "172.32.0.1", "192.169.0.1", "hooks.example.com", "[2001:db8::1]", "100.128.0.1"]) {
      expect(isPrivateHost(host), host).toBe(false);
    }
  });

  it("refuses what it must, naming the field, and normalises the rest", () => {
    const code = (url: string, allow = false) => {
      try {
        checkWebhookUrl(url, allow, "url");
        return "ok";
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).field).toBe("url");
        return (err as DomainError).code;
      }
    };
    expect(code("https://hooks.example.com/x")).toBe("ok");
    expect(code("http://127.0.0.1:8080/x")).toBe("webhook.private_url");
    expect(code("http://127.0.0.1:8080/x", true)).toBe("ok");
    expect(code("https://a:b@hooks.example.com/")).toBe("webhook.bad_url");
    expect(code("https://a:b@127.0.0.1/", true)).toBe("webhook.bad_url");
    expect(code("file:///etc/passwd", true)).toBe("webhook.bad_url");
    expect(code("javascript:alert(1)", true)).toBe("webhook.bad_url");
    expect(code("/relative")).toBe("webhook.bad_url");
    expect(checkWebhookUrl(" https://Hooks.Example.com/in#frag ", false)).toBe("https://hooks.example.com/in");
  });
});
